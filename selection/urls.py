from django.urls import path

from selection import views

app_name = "selection"
urlpatterns = [
    path("indikator/", views.indicator_list, name="indicators"),
    path("indikator/impor/", views.indicator_import, name="import"),
    path("indikator/templat.<str:fmt>", views.indicator_template, name="template"),
]
