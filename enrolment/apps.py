from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnrolmentConfig(AppConfig):
    name = "enrolment"
    verbose_name = _("Enrolment")

    def ready(self) -> None:
        from audit.tracking import track
        from enrolment.models import (
            Agreement,
            Criterion,
            Decision,
            Invitation,
            InvitationChange,
            Panelist,
            ScoreSheet,
        )

        for model in (Invitation, InvitationChange, Criterion, Panelist, ScoreSheet, Decision):
            track(model)
        track(Agreement)
