from django.urls import path

from monitoring import delivery_views, stage_views, views

app_name = "monitoring"

urlpatterns = [
    path("masterplan/<int:pk>/", views.masterplan_progress, name="masterplan"),
    path("program/<int:pk>/", views.program_progress, name="program"),
    path("program/<int:pk>/laporan/", views.report_save, name="report"),
    path("program/<int:pk>/tonggak/", views.milestone_add, name="milestone_add"),
    path("program/<int:pk>/kpi/", views.kpi_actual, name="kpi_actual"),
    path("program/<int:pk>/tahap/", stage_views.stage_save, name="stage"),
    path("tonggak/<int:pk>/selesai/", views.milestone_done, name="milestone_done"),
    path("bukti/<int:pk>/", views.evidence_file, name="evidence"),
    path("bukti/<int:pk>/lokasi/", stage_views.evidence_save, name="evidence_edit"),
    path("wilayah/<str:code>/peta/", delivery_views.region_map, name="region_map"),
    path("peringkat/", delivery_views.delivery_ranking, name="delivery_ranking"),
    path("quick-win/", views.quick_wins, name="quick_wins"),
    path("terlambat/", views.late, name="late"),
]
