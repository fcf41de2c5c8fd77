from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = _("Mentoring and public consultation")

    def ready(self) -> None:
        from audit.tracking import track
        from participation import models

        track(models.Comment)
        track(models.ConsultationWindow)
        track(models.PublicComment, ignore=frozenset({"address_hash"}))
