from django.urls import path

from commitments import views

app_name = "commitments"
urlpatterns = [
    path("<str:code>/komitmen/", views.overview, name="overview"),
    path("<str:code>/komitmen/dewan/", views.body_edit, {"kind": "council"}, name="council"),
    path("<str:code>/komitmen/tim/", views.body_edit, {"kind": "team"}, name="team"),
    path("<str:code>/komitmen/pernyataan/", views.statement_edit, name="statement"),
    path("<str:code>/komitmen/narahubung/", views.contacts_edit, name="contacts"),
    path("<str:code>/komitmen/berkas/<str:document>/", views.scan, name="scan"),
]
