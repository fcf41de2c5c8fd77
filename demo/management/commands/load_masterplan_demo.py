import secrets
from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError
from tqdm import tqdm

from audit.context import acting_as_job
from demo.masterplans import DEMO_PLANS, DemoError, masterplan_demo_load
from demo.masterplans.spec import PlanSpec
from demo.workshops import workshops_demo_load
from kotacerdas.env import env_str
from masterplans.models import Status
from regions.models import Region

OUTCOMES = {
    "created": "dibuat",
    "cohort_attached": "sudah ada; dihubungkan ke kohort 2017",
    "unchanged": "sudah ada; tidak diubah",
    "skipped": "sudah punya masterplan yang bukan demo; dilewati",
}


class Command(BaseCommand):
    help = (
        "Load three demo masterplans of the 2017 cohort (Kota Tangerang Selatan enacted, "
        "Kabupaten Siak approved, Kota Tomohon in revision) with their demo reviewers and regional "
        "leads (password from KC_DEMO_PASSWORD, else generated and printed once). Idempotent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load the demo masterplans even with KC_ENV=production.",
        )

    def handle(self, *args: Any, allow_production: bool, verbosity: int, **options: Any) -> None:
        if settings.PRODUCTION and not allow_production:
            raise CommandError("Data demo tidak dimuat di produksi (pakai --allow-production).")
        if not Region.objects.exists():
            raise CommandError("Muat data wilayah dahulu: manage.py load_regions")

        def progress(items: Iterable[PlanSpec], total: int, label: str) -> Iterator[PlanSpec]:
            yield from tqdm(
                items,
                total=total,
                desc=label,
                unit="masterplan",
                disable=verbosity == 0,
                file=self.stderr._out,
            )

        password = env_str("KC_DEMO_PASSWORD", "") or secrets.token_urlsafe(12)
        try:
            with acting_as_job("load_masterplan_demo"):
                results, accounts = masterplan_demo_load(
                    specs=DEMO_PLANS, password=password, progress=progress
                )
        except DemoError as exc:
            raise CommandError(f"Masterplan demo tidak dimuat: {exc}") from exc
        except DatabaseError as exc:
            raise CommandError(
                f"Basis data belum siap (jalankan dahulu: manage.py migrate): {exc}"
            ) from exc
        for result in results:
            self.stdout.write(
                f"{result.region}: {OUTCOMES[result.outcome]} "
                f"({Status(result.status).label}, {result.programs} program)."
            )
        with acting_as_job("load_masterplan_demo"):
            workshops = workshops_demo_load()
        if workshops:
            self.stdout.write(f"Bimtek I-IV angkatan 2017 (demo): {workshops} baris dimuat.")
        new = [a for a in accounts if a.password]
        if new:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{len(new)} akun demo dibuat, kata sandi bersama: {new[0].password}"
                )
            )
            for account in new:
                self.stdout.write(f"  {account.username}")
