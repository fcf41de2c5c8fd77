from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from demo.accounts import demo_accounts_load
from kotacerdas.env import env_str
from regions.models import Region


class Command(BaseCommand):
    help = (
        "Load the demo data: demo organisations and one demo account per role "
        "(password from KC_DEMO_PASSWORD, else generated and printed once). Idempotent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load demo accounts even with KC_ENV=production.",
        )

    def handle(self, *args: Any, allow_production: bool, **options: Any) -> None:
        if settings.PRODUCTION and not allow_production:
            raise CommandError("Data demo tidak dimuat di produksi (pakai --allow-production).")
        if not Region.objects.exists():
            raise CommandError("Muat data wilayah dahulu: manage.py load_regions")
        accounts = demo_accounts_load(password=env_str("KC_DEMO_PASSWORD", "") or None)
        new = [a for a in accounts if a.password]
        if not new:
            self.stdout.write(f"Akun demo sudah ada ({len(accounts)}); tidak ada yang diubah.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(new)} akun demo dibuat, kata sandi bersama: {new[0].password}"
            )
        )
        for account in new:
            self.stdout.write(f"  {account.username}")
