"""Delete the files of long work nobody will ask for again: a book of a masterplan version that
a newer book replaced, and failed or abandoned jobs, once older than ``--days``."""

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from jobs.services import jobs_prune


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=30, help="keep anything younger (30)")
        parser.add_argument("--dry-run", action="store_true", help="say what would go")

    def handle(self, *args: Any, **options: Any) -> None:
        before = timezone.now() - timedelta(days=options["days"])
        pruned = jobs_prune(before=before, dry_run=options["dry_run"])
        verb = "would delete" if options["dry_run"] else "deleted"
        self.stdout.write(f"{verb} {pruned} job(s) older than {options['days']} day(s)")
