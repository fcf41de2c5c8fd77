from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadinessConfig(AppConfig):
    name = "readiness"
    verbose_name = _("Readiness assessment")

    def ready(self) -> None:
        from audit.tracking import track
        from readiness import models

        track(models.Questionnaire)
        track(models.Item)
        track(models.Assessment)
        track(models.Answer)
