from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = _("Background work")

    def ready(self) -> None:
        # Each app declares the long work it hands off in its own ``jobs`` module.
        autodiscover_modules("jobs")
