"""Load the demo follow-through: progress of the demo masterplans, 2018-2019 evaluations."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from audit.context import acting_as_job
from demo.followup import followup_demo_load
from readiness.demo import readiness_demo_load


class Command(BaseCommand):
    help = (
        "Demo readiness assessments, progress reports, evaluations (2018, 2019) and awards, "
        "labelled demo. Idempotent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--allow-production", action="store_true")

    def handle(self, *args: Any, allow_production: bool, **options: Any) -> None:
        if settings.PRODUCTION and not allow_production:
            raise CommandError("Data demo tidak dimuat di produksi (pakai --allow-production).")
        with acting_as_job("load_followup_demo"):
            answers = readiness_demo_load()
            result = followup_demo_load()
        if answers:
            self.stdout.write(f"Demo analisis kesiapan: {answers} jawaban dimuat.")
        self.stdout.write(
            f"Demo tindak lanjut: {result.reports} laporan kemajuan, {result.rubrics} evaluasi, "
            f"{result.scores} nilai, {result.awards} penghargaan dimuat."
        )
