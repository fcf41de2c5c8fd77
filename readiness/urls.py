from django.urls import path

from readiness import views

app_name = "readiness"

urlpatterns = [
    path("<int:cohort>/", views.cohort, name="cohort"),
    path("<int:cohort>/butir/", views.items, name="items"),
    path("<int:cohort>/butir/<int:pk>/ubah/", views.item_edit, name="item_edit"),
    path("<int:cohort>/wilayah/<str:code>/", views.assessment, name="assessment"),
    path("<int:cohort>/wilayah/<str:code>/profil/", views.profile, name="profile"),
    path("<int:cohort>/wilayah/<str:code>/unduh.xlsx", views.export, name="export"),
    path("<int:cohort>/wilayah/<str:code>/ajukan/", views.submit, name="submit"),
    path("<int:cohort>/wilayah/<str:code>/buka-kembali/", views.reopen, name="reopen"),
]
