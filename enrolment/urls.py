from django.urls import path

from enrolment import views

app_name = "enrolment"
urlpatterns = [
    path("putaran/<int:pk>/tahapan/", views.overview, name="overview"),
    path("putaran/<int:pk>/tahapan/undangan/", views.invite, name="invite"),
    path("putaran/<int:pk>/tahapan/undangan/ubah/", views.change, name="change"),
    path("putaran/<int:pk>/tahapan/panel/", views.panel, name="panel"),
    path("putaran/<int:pk>/tahapan/keputusan/", views.decision, name="decision"),
    path("putaran/<int:pk>/tahapan/keputusan.pdf", views.decision_letter, name="decision_letter"),
    path("putaran/<int:pk>/tahapan/<str:code>/jadwal/", views.schedule, name="schedule"),
    path("putaran/<int:pk>/tahapan/<str:code>/nilai/", views.sheet, name="sheet"),
    path("putaran/<int:pk>/tahapan/<str:code>/mou.pdf", views.mou, name="mou"),
    path("putaran/<int:pk>/tahapan/<str:code>/mou/", views.sign, name="sign"),
    path("putaran/<int:pk>/tahapan/<str:code>/mou-ditandatangani", views.scan, name="scan"),
]
