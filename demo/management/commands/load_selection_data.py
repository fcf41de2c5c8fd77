import hashlib
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from audit.context import acting_as_job
from demo.selection import SEED, demo_values_csv, registry_values_csv
from selection.imports import ImportFailed, indicators_import
from selection.models import ImportRun
from selection.published import published_values_csv


class Command(BaseCommand):
    help = (
        "Load the real outermost-small-island counts and the published lists of "
        "data/indicators/ as indicator values, and the generated demo values (source 'demo') "
        "for the rest, 2016-2024. Idempotent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-demo",
            action="store_true",
            help="Only the registry-derived values, no demo values.",
        )

    def handle(self, *args: Any, no_demo: bool, **options: Any) -> None:
        if settings.PRODUCTION and not no_demo:
            raise CommandError(
                "Data demo tidak dimuat di produksi "
                "(pakai --no-demo untuk nilai dari registri saja)."
            )
        batches = [
            (
                "registri wilayah: pulau-pulau kecil terluar, penduduk 2025",
                registry_values_csv(),
                False,
            ),
            (
                "daftar terbitan: daerah tertinggal, kawasan perbatasan",
                published_values_csv(),
                False,
            ),
        ]
        if not no_demo:
            batches.append((f"generator data demo (seed {SEED})", demo_values_csv(), True))
        with acting_as_job("load_selection_data"):
            for name, content, is_demo in batches:
                if ImportRun.objects.filter(sha256=hashlib.sha256(content).hexdigest()).exists():
                    self.stdout.write(f"{name}: sudah dimuat; tidak ada yang diubah.")
                    continue
                try:
                    # Written by Python's csv module: a point marks decimals.
                    run = indicators_import(
                        content=content, file_name=name, numbers="en", is_demo=is_demo
                    )
                except ImportFailed as exc:
                    raise CommandError(f"{name}: {exc.problems[:5]}") from exc
                self.stdout.write(f"{name}: {run.rows} nilai dimuat.")
