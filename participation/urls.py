from django.urls import path

from participation import views

app_name = "participation"

urlpatterns = [
    path("masterplan/<int:pk>/komentar/", views.comments, name="comments"),
    path("komentar/<int:pk>/balas/", views.reply, name="reply"),
    path("komentar/<int:pk>/tandai/", views.settle, name="settle"),
    path("masterplan/<int:pk>/konsultasi/", views.consultation, name="consultation"),
    path("masterplan/<int:pk>/konsultasi/buka/", views.consultation_open, name="consultation_open"),
    path(
        "masterplan/<int:pk>/konsultasi/tutup/", views.consultation_close, name="consultation_close"
    ),
    path(
        "masterplan/<int:pk>/konsultasi/pengumuman/",
        views.consultation_notice,
        name="consultation_notice",
    ),
    path("konfirmasi/<str:token>/", views.comment_confirm, name="confirm"),
    path("masterplan/<int:pk>/moderasi/", views.moderation, name="moderation"),
    path("masterplan/<int:pk>/ringkasan/", views.summary, name="summary"),
]
