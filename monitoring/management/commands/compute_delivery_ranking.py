"""Compute the national delivery ranking of a quarter and keep it (``monitoring.delivery``).

Run daily by a timer, it ranks each quarter once, the first day after its reports are due; a
published ranking does not change afterwards unless asked (``--again``)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from audit.context import acting_as_job
from monitoring.delivery import parse_period, period_key
from monitoring.models import DeliveryRanking
from monitoring.progress import last_due_quarter
from monitoring.services import RankingNotDue, delivery_ranking_compute


class Command(BaseCommand):
    help = (
        "Compute the delivery ranking of a quarter (by default the last one whose reports are "
        "due) and store it. A quarter already ranked stays as published unless --again."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--period", help="The quarter, e.g. 2027-Q2.")
        parser.add_argument(
            "--again", action="store_true", help="Replace the quarter's ranking if it has one."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["period"]:
            found = parse_period(options["period"])
            if found is None:
                raise CommandError(f"{options['period']!r} is no quarter: write e.g. 2027-Q2.")
            year, quarter = found
        else:
            year, quarter = last_due_quarter(today)

        done = DeliveryRanking.objects.filter(year=year, quarter=quarter).first()
        if done is not None and not options["again"]:
            self.stdout.write(
                f"{done.period} was ranked on {timezone.localtime(done.computed_at):%Y-%m-%d}; "
                "it stays as published (--again to compute it again)."
            )
            return

        def bar(rows: list[Any]) -> Any:
            return tqdm(
                rows,
                desc=period_key(year, quarter),
                unit="wilayah",
                disable=options["verbosity"] < 1,
            )

        try:
            with acting_as_job("compute_delivery_ranking"):
                ranking = delivery_ranking_compute(
                    year=year, quarter=quarter, today=today, progress=bar
                )
        except RankingNotDue as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{ranking.period}: {ranking.rows.count()} regions ranked "
            f"(method version {ranking.method_version})."
        )
