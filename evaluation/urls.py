from django.urls import path

from evaluation import views

app_name = "evaluation"

urlpatterns = [
    path("", views.rubric_list, name="rubrics"),
    path("baru/", views.rubric_new, name="rubric_new"),
    path("<int:year>/", views.rubric_detail, name="rubric"),
    path("<int:year>/terbitkan/", views.rubric_publish, name="rubric_publish"),
    path("<int:year>/tahap-ii/", views.stage_two, name="stage_two"),
    path("<int:year>/ubah/", views.rubric_edit, name="rubric_edit"),
    path("<int:year>/wilayah/<str:code>/", views.region_scores, name="region"),
    path(
        "<int:year>/wilayah/<str:code>/surat-hasil.pdf",
        views.result_letter,
        name="result_letter",
    ),
    path("<int:year>/penghargaan/", views.awards, name="awards"),
    path("<int:year>/penghargaan/usulkan/", views.awards_propose, name="awards_propose"),
    path("penghargaan/<int:pk>/putuskan/", views.award_decide, name="award_decide"),
    path("penghargaan/<int:pk>/sertifikat.pdf", views.certificate, name="certificate"),
    path("penyelesaian/", views.completion_list, name="completions"),
    path(
        "penyelesaian/<str:code>/sertifikat.pdf",
        views.completion_certificate,
        name="completion_certificate",
    ),
]
