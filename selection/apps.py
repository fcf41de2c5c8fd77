from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelectionConfig(AppConfig):
    name = "selection"
    verbose_name = _("Selection")

    def ready(self) -> None:
        from audit.tracking import track
        from selection.models import (
            ImportRun,
            Indicator,
            PublishedCohort,
            RoundOverride,
            SelectionRound,
        )

        track(Indicator)
        track(ImportRun)
        track(SelectionRound, ignore=frozenset({"input_snapshot"}))
        track(RoundOverride)
        track(PublishedCohort)
