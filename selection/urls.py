from django.urls import path

from selection import round_views, views

app_name = "selection"
urlpatterns = [
    path("indikator/", views.indicator_list, name="indicators"),
    path("indikator/impor/", views.indicator_import, name="import"),
    path("indikator/templat.<str:fmt>", views.indicator_template, name="template"),
    path("putaran/", round_views.round_list, name="rounds"),
    path("putaran/baru/", round_views.round_edit, name="round_new"),
    path("putaran/pratinjau/", round_views.round_preview, name="round_preview_new"),
    path("putaran/bandingkan/", round_views.round_compare, name="round_compare"),
    path("putaran/<int:pk>/", round_views.round_detail, name="round"),
    path("putaran/<int:pk>/ekspor.<str:fmt>", round_views.round_export, name="round_export"),
    path("putaran/<int:pk>/ubah/", round_views.round_edit, name="round_edit"),
    path("putaran/<int:pk>/pratinjau/", round_views.round_preview, name="round_preview"),
    path(
        "putaran/<int:pk>/hitung/",
        round_views.round_action,
        {"action": "compute"},
        name="round_compute",
    ),
    path(
        "putaran/<int:pk>/terbitkan/",
        round_views.round_action,
        {"action": "publish"},
        name="round_publish",
    ),
    path(
        "putaran/<int:pk>/keputusan/",
        round_views.round_action,
        {"action": "override"},
        name="round_override",
    ),
]
