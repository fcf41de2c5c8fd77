from django.urls import path

from trash import views

app_name = "trash"

urlpatterns = [
    path("", views.deleted_list, name="list"),
    path("<int:pk>/pulihkan/", views.deleted_restore, name="restore"),
]
