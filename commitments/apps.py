from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitmentsConfig(AppConfig):
    name = "commitments"
    verbose_name = _("Regional commitments")

    def ready(self) -> None:
        from audit.tracking import track
        from commitments.models import Body, Contact, Member, Statement

        for model in (Body, Member, Statement, Contact):
            track(model)
