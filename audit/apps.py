from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("History and audit log")

    def ready(self) -> None:
        from audit import signals  # noqa: F401  (connects the login and change receivers)
