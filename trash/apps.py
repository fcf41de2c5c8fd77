from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrashConfig(AppConfig):
    name = "trash"
    verbose_name = _("Deleted records")

    def ready(self) -> None:
        from audit.tracking import track
        from trash import models

        track(models.Deleted)
