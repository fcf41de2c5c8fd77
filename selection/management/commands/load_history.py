from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from audit.context import acting_as_job
from selection.history import HistoryError, historical_rounds_load


class Command(BaseCommand):
    help = (
        "Record the cohorts before the platform (data/cohorts/, one file per year) as "
        "published rounds; loading again brings them to the files."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, action="append", help="only this year (repeatable)")

    def handle(self, *args: Any, **options: Any) -> None:
        years = set(options["year"]) if options["year"] else None
        try:
            with acting_as_job("load_history"):
                loaded = historical_rounds_load(years=years)
        except HistoryError as exc:
            raise CommandError(str(exc)) from exc
        for item in loaded:
            partial = (
                f" (sebagian: {item.known} dari {item.official} diketahui)"
                if item.known < item.official
                else ""
            )
            if item.created:
                action = "dicatat"
            else:
                action = "diperbarui" if item.added or item.removed else "sudah sesuai berkas"
            self.stdout.write(
                f"Kohort {item.year}: {action}; {item.known} wilayah{partial}; "
                f"{item.added} ditambah, {item.removed} dihapus."
            )
