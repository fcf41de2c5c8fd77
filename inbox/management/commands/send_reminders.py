"""Tell each region's team that its quarterly progress report is due within a week, or late
(run once a day; each reminder goes once per region and quarter, so running it again is safe)."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from inbox.services import reminders_send


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=date.fromisoformat, help="the day to act as (ISO)")

    def handle(self, *args: Any, **options: Any) -> None:
        written = reminders_send(today=options["today"] or timezone.localdate())
        self.stdout.write(f"wrote {written} reminder(s)")
