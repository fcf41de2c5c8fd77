"""E-mail each region's team about its late quarterly reports; each late report once."""

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction
from django.utils import timezone
from tqdm import tqdm

from accounts.models import Membership, Role
from monitoring.models import ReminderSent
from monitoring.progress import followed_programs, late_reports

TEAM_ROLES = (Role.REGIONAL_LEAD, Role.REGIONAL_EDITOR)


class Command(BaseCommand):
    help = "Send reminders for quarterly progress reports that are past their due date."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="List, send nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        late = late_reports(followed_programs(), today)
        already = set(ReminderSent.objects.values_list("program_id", "year", "quarter"))
        pending = [r for r in late if (r.program.pk, r.year, r.quarter) not in already]
        by_region: dict[int, list[Any]] = {}
        for item in pending:
            by_region.setdefault(item.program.masterplan.region_id, []).append(item)
        sent = 0
        for region_id, items in tqdm(
            by_region.items(), desc="Pengingat", unit="wilayah", disable=options["verbosity"] < 1
        ):
            emails = sorted(
                {
                    m.user.email
                    for m in Membership.objects.filter(
                        region_id=region_id, role__in=TEAM_ROLES, user__is_active=True
                    ).select_related("user")
                    if m.user.email
                }
            )
            if options["dry_run"]:
                continue
            lines = [
                f"- {i.program.code} {i.program.title}: T{i.quarter} {i.year} "
                f"(batas {i.due:%d/%m/%Y})"
                for i in items
            ]
            if emails:
                send_mail(
                    subject=f"[Kota Cerdas] {len(items)} laporan kemajuan terlambat",
                    message=(
                        "Laporan triwulanan berikut belum diisi:\n\n"
                        + "\n".join(lines)
                        + "\n\nIsi di halaman pemantauan program masing-masing."
                    ),
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    recipient_list=emails,
                )
            for item in items:
                try:
                    with transaction.atomic():
                        ReminderSent.objects.create(
                            program=item.program,
                            year=item.year,
                            quarter=item.quarter,
                            recipients=len(emails),
                        )
                except IntegrityError:  # another run recorded it meanwhile
                    continue
            sent += len(items)
        verb = "akan diingatkan" if options["dry_run"] else "diingatkan"
        self.stdout.write(f"{len(pending)} laporan terlambat {verb} ({sent} dicatat).")
