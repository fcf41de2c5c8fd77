from django.urls import path

from readiness import views

app_name = "readiness"

urlpatterns = [
    path("<int:cohort>/butir/", views.items, name="items"),
    path("<int:cohort>/wilayah/<str:code>/", views.assessment, name="assessment"),
    path("<int:cohort>/wilayah/<str:code>/ajukan/", views.submit, name="submit"),
]
