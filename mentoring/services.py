"""Mentoring a cohort: the national team assigns mentors, technology advisors and assessors to
its regions, schedules bimtek I-IV and records attendance for every region; a region's own team
records whom it sent."""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment

from accounts import access
from accounts.models import Membership, Role, User
from audit.versioning import StaleEdit, fingerprint
from inbox.models import Kind
from inbox.services import notify
from kotacerdas import sheets
from kotacerdas.downloads import workbook_bytes
from kotacerdas.errors import DomainError
from kotacerdas.pdf import render_pdf
from mentoring.models import Workshop, WorkshopAttendance
from regions.models import Region
from selection.models import SelectionRound
from trash.services import trash_delete


class MentoringError(DomainError):
    """A refusal with the reason to show."""

    code = "invalid"
    status = 422


@dataclass(frozen=True)
class AttendanceRow:
    region: Region
    present: bool
    attendees: int
    names: str


def cohort_regions(cohort: SelectionRound) -> QuerySet[Region]:
    """The regions of the cohort (their MoU signed), and any region already recorded at one
    of its workshops (a region added by hand stays on the list)."""
    from enrolment.services import cohort_region_ids

    return (
        Region.objects.filter(
            Q(pk__in=cohort_region_ids(cohort)) | Q(workshop_attendance__workshop__cohort=cohort)
        )
        .distinct()
        .select_related("province")
        .order_by("name")
    )


# The people a region is assigned from outside: they read its masterplan and comment (mentors,
# technology advisors) or score its readiness and evaluation (assessors).
ASSIGNED_ROLES = (Role.MENTOR, Role.TECH_ADVISOR, Role.ASSESSOR)


def assignments(cohort: SelectionRound) -> list[dict[str, Any]]:
    """Each region of the cohort with its assigned people per role (ASSIGNED_ROLES order)."""
    regions = list(cohort_regions(cohort))
    held: dict[tuple[int, str], list[Membership]] = {}
    for membership in (
        Membership.objects.filter(region__in=regions, role__in=ASSIGNED_ROLES)
        .select_related("user")
        .order_by("user__username")
    ):
        held.setdefault((membership.region_id, membership.role), []).append(membership)  # type: ignore[arg-type]
    return [
        {"region": region, "roles": [held.get((region.pk, role), []) for role in ASSIGNED_ROLES]}
        for region in regions
    ]


def region_advisers(region: Region) -> list[Membership]:
    """The mentors and technology advisors assigned to the region."""
    return list(
        Membership.objects.filter(region=region, role__in=(Role.MENTOR, Role.TECH_ADVISOR))
        .select_related("user")
        .order_by("role", "user__username")
    )


def workload(rows: list[dict[str, Any]]) -> list[tuple[User, str, int]]:
    """(person, role label, regions) for everyone assigned in the cohort, busiest first: the
    national team spreads mentors fairly."""
    counts: dict[tuple[int, str], int] = {}
    people: dict[int, User] = {}
    for row in rows:
        for memberships in row["roles"]:
            for membership in memberships:
                people[membership.user_id] = membership.user
                key = (membership.user_id, membership.role)
                counts[key] = counts.get(key, 0) + 1
    labels = dict(Role.choices)
    return sorted(
        ((people[uid], str(labels[role]), n) for (uid, role), n in counts.items()),
        key=lambda item: (-item[2], item[0].get_username()),
    )


def find_person(text: str) -> User | None:
    """An active account by user name or e-mail (case-insensitive)."""
    text = text.strip()
    if not text:
        return None
    return (
        User.objects.filter(is_active=True)
        .filter(Q(username__iexact=text) | Q(email__iexact=text))
        .order_by("pk")
        .first()
    )


@transaction.atomic
def assignment_add(
    *, cohort: SelectionRound, user: Any, region: Region, person: User, role: str
) -> Membership:
    """Give ``person`` the role for ``region`` (a region of the cohort)."""
    access.require(user, "mentoring.assign")
    if role not in ASSIGNED_ROLES:
        raise MentoringError(
            _("Only mentors, technology advisors and assessors are assigned here.")
        )
    if not cohort_regions(cohort).filter(pk=region.pk).exists():
        raise MentoringError(_("%(region)s is not in this cohort.") % {"region": region.name})
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            user=person, role=role, region=region
        )
        if created and person.pk != getattr(user, "pk", None):
            notify(
                [person],
                Kind.ASSIGNED,
                reverse("regions:detail", args=[region.code]),
                params={"who": user, "role": membership.role, "region": region.name},
            )
    if not created:
        raise MentoringError(
            _("%(person)s is already %(role)s of %(region)s.")
            % {
                "person": person.get_full_name() or person.get_username(),
                "role": membership.get_role_display(),
                "region": region.name,
            },
            code="exists",
            status=409,
        )
    return membership


@transaction.atomic
def assignment_remove(*, cohort: SelectionRound, user: Any, membership: Membership) -> None:
    access.require(user, "mentoring.assign")
    if membership.role not in ASSIGNED_ROLES or not (
        cohort_regions(cohort).filter(pk=membership.region_id or 0).exists()
    ):
        raise MentoringError(_("This assignment is not one of this cohort's."))
    trash_delete(
        obj=membership,
        user=user,
        label=lambda: (
            _("%(role)s %(person)s of %(region)s")
            % {
                "role": membership.get_role_display(),
                "person": membership.user.get_full_name() or membership.user.get_username(),
                "region": membership.region.name if membership.region else "",
            }
        ),
        region=membership.region,
    )


def recordable_regions(user: Any, cohort: SelectionRound) -> list[Region]:
    """The cohort's regions whose attendance ``user`` may record: all of them for the national
    team, the user's own region(s) for a regional team."""
    regions = list(cohort_regions(cohort))
    if access.can(user, "workshop.manage"):
        return regions
    return [r for r in regions if access.can(user, "workshop.attend", r)]


def workshop_save(
    *, cohort: SelectionRound, user: Any, data: dict[str, Any], workshop: Workshop | None = None
) -> Workshop:
    """Create or change a workshop of the cohort. Saved by the national team, a demo workshop
    becomes real, and its demo attendance goes with the label: the real one is recorded anew."""
    access.require(user, "workshop.manage")
    workshop = workshop or Workshop(cohort=cohort)
    with transaction.atomic():
        if workshop.is_demo and workshop.pk:
            workshop.attendance.all().delete()
        for name in ("number", "start_date", "end_date", "place", "outputs"):
            setattr(workshop, name, data[name])
        workshop.is_demo = False
        workshop.save()
    return workshop


def attendance_version(workshop: Workshop, regions: Any) -> str:
    """The version of the attendance rows of ``regions`` at ``workshop`` (no lost update)."""
    return fingerprint(
        WorkshopAttendance.objects.filter(workshop=workshop, region__in=regions)
        .order_by("region_id")
        .values_list("region_id", "present", "attendees", "names")
    )


def attendance_save(
    *, workshop: Workshop, user: Any, rows: list[AttendanceRow], base_version: str | None = None
) -> int:
    """Record the rows in one transaction; every region must be one the user may record.
    With ``base_version`` (``attendance_version`` of the user's regions when the page was
    opened), rows changed since are refused (StaleEdit). Returns the rows written."""
    regions = recordable_regions(user, workshop.cohort)
    allowed = {r.pk for r in regions}
    refused = [row.region.name for row in rows if row.region.pk not in allowed]
    if refused:
        raise MentoringError(
            _("You may not record the attendance of %(regions)s.") % {"regions": ", ".join(refused)}
        )
    with transaction.atomic():
        Workshop.objects.select_for_update().get(pk=workshop.pk)
        if base_version is not None:
            version = attendance_version(workshop, regions)
            if version != base_version:
                raise StaleEdit(version, base_version)
        for row in rows:
            WorkshopAttendance.objects.update_or_create(
                workshop=workshop,
                region=row.region,
                defaults={
                    "present": row.present,
                    "attendees": row.attendees if row.present else 0,
                    "names": row.names.strip() if row.present else "",
                },
            )
    return len(rows)


def attendance_table(cohort: SelectionRound, workshops: list[Workshop]) -> list[dict[str, Any]]:
    """One row per region of the cohort: its attendance at each workshop (None: not recorded)."""
    recorded = {
        (row.workshop_id, row.region_id): row
        for row in WorkshopAttendance.objects.filter(workshop__in=workshops)
    }
    return [
        {"region": region, "cells": [recorded.get((w.pk, region.pk)) for w in workshops]}
        for region in cohort_regions(cohort)
    ]


def attendance_xlsx(cohort: SelectionRound, *, with_names: bool) -> bytes:
    """Sheets "bimtek" (the workshops) and "kehadiran" (regions × workshops), in Indonesian."""
    workshops = list(Workshop.objects.filter(cohort=cohort).order_by("number"))
    demo = any(w.is_demo for w in workshops)
    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = "bimtek"
    sheets.heading(
        sheet,
        [
            ("Bimtek", 8),
            ("Tema", 36),
            ("Mulai", 12),
            ("Selesai", 12),
            ("Tempat", 20),
            ("Keluaran", 40),
            ("Demo", 8),
        ],
    )
    for w in workshops:
        sheet.append(
            [w.number, w.theme, w.start_date, w.end_date, w.place, w.outputs, "demo" * w.is_demo]
        )
        for column in (3, 4):
            sheet.cell(row=sheet.max_row, column=column).number_format = "d mmm yyyy"
    table = book.create_sheet("kehadiran")
    header = ["Kode", "Wilayah", "Provinsi"]
    for w in workshops:
        header += [f"Bimtek {w.number} hadir", f"Bimtek {w.number} peserta"]
        header += [f"Bimtek {w.number} nama"] if with_names else []
    header += ["Demo"] if demo else []
    sheets.heading(table, [(title, 30 if title == "Wilayah" else 12) for title in header])
    for row in attendance_table(cohort, workshops):
        region = row["region"]
        line: list[Any] = [region.code, region.name, region.province.name]
        for cell in row["cells"]:
            if cell is None:
                line += ["", ""] + ([""] if with_names else [])
                continue
            line += ["ya" if cell.present else "tidak", cell.attendees]
            line += [cell.names] if with_names else []
        table.append(line + (["demo"] if demo else []))
    for worksheet in (sheet, table):
        for row_cells in worksheet.iter_rows(min_row=2):
            for cell in row_cells:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        worksheet.auto_filter.ref = worksheet.dimensions
    return workbook_bytes(book)


# Blank lines on the sign-in sheet for a region whose attendees are not known yet: most send
# three to six people.
BLANK_LINES = 4


def signin_lines(workshop: Workshop) -> list[dict[str, Any]]:
    """The sign-in sheet's rows: a region's recorded attendees by name, then blank lines up to
    its recorded number of attendees (BLANK_LINES when nothing is recorded) for the others to
    fill in on the day."""
    recorded = {
        row.region_id: row
        for row in WorkshopAttendance.objects.filter(workshop=workshop, present=True)
    }
    lines = []
    for region in cohort_regions(workshop.cohort):
        row = recorded.get(region.pk)
        people = [line.strip() for line in row.names.splitlines() if line.strip()] if row else []
        expected = row.attendees if row else BLANK_LINES
        people += [""] * max(expected - len(people), 0)
        lines += [
            {"region": region, "name": name, "first": index == 0}
            for index, name in enumerate(people)
        ]
    return lines


def signin_pdf(workshop: Workshop) -> bytes:
    """The sign-in sheet (daftar hadir) each participant signs at the workshop."""
    return render_pdf(
        "mentoring/signin_sheet.html",
        lambda: {"workshop": workshop, "cohort": workshop.cohort, "lines": signin_lines(workshop)},
    )
