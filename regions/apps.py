from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "regions"
    verbose_name = _("Regions")

    def ready(self) -> None:
        from audit.tracking import track
        from regions.models import Province, Region

        track(Province)
        track(Region)
