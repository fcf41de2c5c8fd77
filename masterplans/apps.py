from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MasterplansConfig(AppConfig):
    name = "masterplans"
    verbose_name = _("Masterplans")

    def ready(self) -> None:
        from audit.tracking import track
        from masterplans import models

        track(models.Masterplan)
        track(models.Mission)
        track(models.Target)
        track(models.AnalysisItem)
        track(models.Program)
        track(models.BudgetLine)
        track(models.ActionStep)
        track(models.Kpi)
        track(models.KpiTarget)
        track(models.MasterplanVersion, ignore=frozenset({"snapshot"}))
