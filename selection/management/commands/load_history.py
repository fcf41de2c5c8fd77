from typing import Any

from django.core.management.base import BaseCommand, CommandError

from audit.context import acting_as_job
from selection.history import HistoryError, historical_rounds_load


class Command(BaseCommand):
    help = "Record the program's earlier phases (2017: 25 regions) as published rounds."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with acting_as_job("load_history"):
                created = historical_rounds_load()
        except HistoryError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            "Tahap I 2017 dicatat." if created else "Tahap I 2017 sudah ada; tidak ada yang diubah."
        )
