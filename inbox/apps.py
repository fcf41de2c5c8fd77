from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InboxConfig(AppConfig):
    name = "inbox"
    verbose_name = _("What is waiting for you")

    def ready(self) -> None:
        from audit.tracking import track
        from inbox import models

        track(models.Notification, ignore=frozenset({"read_at", "emailed_at"}))
        track(models.Preference, ignore=frozenset({"updated_at"}))
