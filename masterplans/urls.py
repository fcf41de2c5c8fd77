from django.urls import path

from masterplans import views

app_name = "masterplans"

urlpatterns = [
    path("", views.masterplan_list, name="list"),
    path("baru/", views.masterplan_new, name="new"),
    path("program/", views.program_library, name="library"),
    path("<int:pk>/", views.masterplan_detail, name="detail"),
    path("<int:pk>/ubah/", views.masterplan_edit, name="edit"),
    path("<int:pk>/kelengkapan/", views.masterplan_checklist, name="checklist"),
    path("<int:pk>/analisis/", views.analysis_add, name="analysis_add"),
    path("<int:pk>/analisis/<int:item>/hapus/", views.analysis_delete, name="analysis_delete"),
    path("<int:pk>/program/baru/", views.program_edit, name="program_new"),
    path("<int:pk>/program/<int:program>/", views.program_edit, name="program_edit"),
    path("<int:pk>/program/<int:program>/hapus/", views.program_delete, name="program_delete"),
    path("<int:pk>/langkah/<str:name>/", views.masterplan_transition, name="transition"),
    path("<int:pk>/edisi-baru/", views.masterplan_new_edition, name="new_edition"),
    path("<int:pk>/versi/", views.masterplan_versions, name="versions"),
    path("<int:pk>/unduh.<str:fmt>", views.masterplan_download, name="download"),
    path("<int:pk>/impor/", views.masterplan_import, name="import"),
]
