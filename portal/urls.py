from django.urls import path

from portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("tentang/", views.about, name="about"),
    path("dasbor/", views.dashboard, name="dashboard"),
    path("data-terbuka/", views.open_data, name="open_data"),
    path("data-terbuka/<slug:dataset>.<str:fmt>", views.open_data_file, name="open_data_file"),
]
