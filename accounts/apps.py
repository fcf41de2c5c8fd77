from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and access")

    def ready(self) -> None:
        from accounts.models import ApiToken, Membership, Organisation, User
        from audit.tracking import track

        track(User)
        track(Organisation)
        track(Membership)
        track(ApiToken, ignore=frozenset({"key_hash", "last_used_at"}))
