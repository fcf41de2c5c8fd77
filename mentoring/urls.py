from django.urls import path

from mentoring import session_views, views

app_name = "mentoring"

# Under /masterplan/ (kotacerdas/urls.py), where the bimtek pages have always been.
urlpatterns = [
    path("bimtek/<int:cohort>/", views.workshops, name="workshops"),
    path("bimtek/<int:cohort>/bimtek.xlsx", views.workshops_xlsx, name="workshops_xlsx"),
    path("bimtek/<int:cohort>/pendamping/", views.assignments_page, name="assignments"),
    path("bimtek/<int:cohort>/baru/", views.workshop_edit, name="workshop_new"),
    path(
        "bimtek/<int:cohort>/<int:number>/ubah/",
        views.workshop_edit,
        name="workshop_edit",
    ),
    path(
        "bimtek/<int:cohort>/<int:number>/daftar-hadir.pdf",
        views.workshop_signin,
        name="workshop_signin",
    ),
    path(
        "bimtek/<int:cohort>/<int:number>/hadir/",
        views.workshop_attendance,
        name="workshop_attendance",
    ),
    path(
        "bimtek/<int:cohort>/<int:number>/kehadiran.xlsx",
        views.workshop_fill_in,
        name="workshop_fill_in",
    ),
    path(
        "bimtek/<int:cohort>/<int:number>/wilayah/<str:code>/",
        session_views.session_edit,
        name="session",
    ),
    path(
        "bimtek/<int:cohort>/<int:number>/wilayah/<str:code>/notulen/",
        session_views.session_minutes,
        name="session_minutes",
    ),
    path(
        "bimtek/<int:cohort>/<int:number>/wilayah/<str:code>/notulen/unduh/",
        session_views.session_minutes_file,
        name="session_minutes_file",
    ),
    path(
        "bimtek/<int:cohort>/<int:number>/hadir/unggah/",
        views.workshop_attendance_import,
        name="workshop_attendance_import",
    ),
]
