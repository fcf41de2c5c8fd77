from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    name = "mentoring"
    verbose_name = _("Mentoring")

    def ready(self) -> None:
        from audit.tracking import track
        from mentoring import models

        track(models.Workshop)
        track(models.WorkshopAttendance)
        track(models.Session)
