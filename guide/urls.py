from django.urls import path

from guide import views

app_name = "guide"
urlpatterns = [
    path("", views.index, name="index"),
    path("istilah/", views.glossary_page, name="glossary"),
    path("tim-nasional/", views.guide_page, {"name": "national"}, name="national"),
    path("tim-daerah/", views.guide_page, {"name": "regional"}, name="regional"),
    path("pendamping/", views.guide_page, {"name": "mentor"}, name="mentor"),
    path("asesor/", views.guide_page, {"name": "assessor"}, name="assessor"),
    path("warga/", views.guide_page, {"name": "public"}, name="public"),
]
