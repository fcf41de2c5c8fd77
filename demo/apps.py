from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo data of the platform, in one place: the demo accounts, the selection indicators'
    demo values, three demo masterplans with their bimtek, progress and evaluations. Every
    command here refuses to run in production; every value it writes says "demo"."""

    name = "demo"
    verbose_name = _("Demo data")
