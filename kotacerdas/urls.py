from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from accounts.forms import ThrottledAdminAuthenticationForm

admin.site.site_header = "Kota Cerdas · Admin"
# The admin's log-in goes through the same throttle as the site's.
admin.site.login_form = ThrottledAdminAuthenticationForm
admin.site.site_title = "Kota Cerdas"

# One answer to every refused page: log in first, or 403 (accounts.views.permission_denied).
handler403 = "accounts.views.permission_denied"

urlpatterns = [
    path("", include("portal.urls")),
    path("wilayah/", include("regions.urls")),
    path("wilayah/", include("commitments.urls")),
    path("seleksi/", include("selection.urls")),
    path("seleksi/", include("enrolment.urls")),
    path("kesiapan/", include("readiness.urls")),
    path("masterplan/", include("mentoring.urls")),
    path("masterplan/", include("masterplans.urls")),
    path("partisipasi/", include("participation.urls")),
    path("untuk-anda/", include("inbox.urls")),
    path("terhapus/", include("trash.urls")),
    path("pemantauan/", include("monitoring.urls")),
    path("evaluasi/", include("evaluation.urls")),
    path("akun/", include("accounts.urls")),
    path("unduhan/", include("jobs.urls")),
    path("panduan/", include("guide.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("api.urls")),
    path(settings.KC_ADMIN_PATH, admin.site.urls),
]
