from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = _("Evaluation and awards")

    def ready(self) -> None:
        from audit.tracking import track
        from evaluation import models

        track(models.Rubric)
        track(models.Score)
        track(models.Award)
