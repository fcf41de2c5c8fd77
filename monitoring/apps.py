from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Progress monitoring")

    def ready(self) -> None:
        from audit.tracking import track
        from monitoring import models

        track(models.Milestone)
        track(models.ProgressReport)
        track(models.KpiActual)
        track(models.Evidence)
        track(models.ProgramStage)
        track(models.DeliveryRanking)
        track(models.DeliveryScore)
