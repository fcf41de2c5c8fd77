"""E-mail each person who chose a daily digest what they were told in the last day (run once a
day, e.g. from cron at 07:00)."""

from typing import Any

from django.core.management.base import BaseCommand

from inbox.services import digest_send


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args: Any, **options: Any) -> None:
        sent = digest_send()
        self.stdout.write(f"sent {sent} digest e-mail(s)")
