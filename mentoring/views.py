"""Mentoring pages of a cohort: who mentors, advises and assesses each region; the four
workshops (bimtek) and their attendance, scheduled by the national team, each region's team
recording whom it sent."""

import logging
from operator import itemgetter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from accounts import access
from accounts.models import Role
from audit.versioning import StaleEdit
from kotacerdas.downloads import attachment
from kotacerdas.lists import Column, listing
from kotacerdas.params import posted_id
from kotacerdas.pdf import PdfUnavailable
from kotacerdas.uploads import posted_workbook
from masterplans.models import Masterplan
from mentoring.access import get_assignment_for_user
from mentoring.attendance_import import AttendanceImportError, fill_in_xlsx, import_attendance
from mentoring.forms import AssignmentForm, AttendanceForm, WorkshopForm
from mentoring.models import Workshop, WorkshopAttendance, WorkshopNumber
from mentoring.services import (
    ASSIGNED_ROLES,
    AttendanceRow,
    MentoringError,
    assignment_add,
    assignment_remove,
    assignments,
    attendance_save,
    attendance_table,
    attendance_version,
    attendance_xlsx,
    cohort_regions,
    recordable_regions,
    signin_pdf,
    workload,
    workshop_save,
)
from mentoring.sessions import STATE_LABELS, matrix_counts, stage_matrix
from selection.access import get_round_for_user

logger = logging.getLogger(__name__)


# A cohort has at most fifty regions: its matrix fits on one page.
PAGE_SIZE = 100
# What the download says of a region at each stage besides its state.
STAGE_DETAILS = (
    ("start", gettext_lazy("start date")),
    ("end", gettext_lazy("end date")),
    ("place", gettext_lazy("place")),
    ("mentors", gettext_lazy("mentors")),
    ("present", gettext_lazy("present")),
    ("attendees", gettext_lazy("attendees")),
)
MATRIX_COLUMNS = [
    Column("region", gettext_lazy("Region"), ("name",), lambda r: r["region"].name),
    Column(
        "province", gettext_lazy("Province"), (), lambda r: r["region"].province.name, shown=False
    ),
    *(
        Column(f"bimtek{n}", f"Bimtek {n}", ("state",), itemgetter(f"bimtek{n}"))
        for n in WorkshopNumber.values
    ),
    *(
        Column(
            f"{what}{n}",
            format_lazy("Bimtek {}: {}", n, label),
            (),
            itemgetter(f"{what}{n}"),
            shown=False,
        )
        for n in WorkshopNumber.values
        for what, label in STAGE_DETAILS
    ),
]


ASSIGNMENT_COLUMNS = [
    Column("region", gettext_lazy("Region"), ("name",), lambda r: r["region"].name),
    Column(
        "province", gettext_lazy("Province"), (), lambda r: r["region"].province.name, shown=False
    ),
    *(
        Column(role.value, role.label, ("names",), itemgetter(role.value))
        for role in ASSIGNED_ROLES
    ),
]


def _with_names(row: dict[str, Any]) -> dict[str, Any]:
    """The assignments' row with each role's people named as the page names them."""
    for role, memberships in zip(ASSIGNED_ROLES, row["roles"], strict=True):
        row[role.value] = ", ".join(m.user.get_full_name() or m.user.username for m in memberships)
    return row


def _with_stage_values(row: dict[str, Any], mentors_shown: bool) -> dict[str, Any]:
    """The matrix's row with each stage's state and details as the list's columns read them;
    the mentors' names only where the page shows them."""
    for cell in row["cells"]:
        n, session, attendance = cell.number, cell.session, cell.attendance
        row[f"bimtek{n}"] = STATE_LABELS[cell.state.value]
        row[f"start{n}"] = session.start_date if session else None
        row[f"end{n}"] = session.end_date if session else None
        row[f"place{n}"] = session.place if session else ""
        row[f"mentors{n}"] = (
            ", ".join(m.get_full_name() or m.username for m in session.mentors.all())
            if session and mentors_shown
            else ""
        )
        row[f"present{n}"] = (_("yes") if attendance.present else _("no")) if attendance else ""
        row[f"attendees{n}"] = attendance.attendees if attendance else None
    return row


def workshops(request: HttpRequest, cohort: int) -> HttpResponse:
    """The four workshops (bimtek I-IV) of a cohort, where each region stands at each stage
    (the list, sorted and downloaded as shown) and who attended; names for staff only."""
    selection_round = get_round_for_user(request.user, cohort)
    items = list(Workshop.objects.filter(cohort=selection_round).order_by("number"))
    matrix = stage_matrix(selection_round) if items else []
    counts = matrix_counts(matrix)
    regions = [row["region"] for row in matrix]
    can_see_assignments = access.can(request.user, "mentoring.view")
    minutes_readers = {
        r.pk for r in regions if access.can(request.user, "workshop.minutes_view", r)
    }
    found = listing(
        request,
        [
            _with_stage_values(row, can_see_assignments or row["region"].pk in minutes_readers)
            for row in matrix
        ],
        MATRIX_COLUMNS,
        per_page=PAGE_SIZE,
        filename=f"bimtek-per-wilayah-{selection_round.pk}",
    )
    if isinstance(found, HttpResponse):
        return found
    # Each session's output links to the section of the region's masterplan it feeds.
    plans = dict(
        Masterplan.objects.visible_to(request.user)
        .filter(region__in=regions)
        .order_by("edition")
        .values_list("region_id", "pk")
    )
    for row in found.page:
        row["masterplan"] = plans.get(row["region"].pk)
    return render(
        request,
        "mentoring/workshops.html",
        {
            "page": found.page,
            "listing": found,
            "query": found.query,
            "numbers": {w.number for w in items},
            "state_labels": STATE_LABELS,
            "legend": [(state, label, counts[state]) for state, label in STATE_LABELS.items()],
            "minutes_regions": {
                r.pk for r in regions if access.can(request.user, "workshop.minutes", r)
            },
            "minutes_readers": minutes_readers,
            "cohort": selection_round,
            "workshops": items,
            "rows": attendance_table(selection_round, items) if items else [],
            "show_names": access.can(request.user, "masterplan.view_draft"),
            "can_manage": access.can(request.user, "workshop.manage"),
            "can_see_assignments": can_see_assignments,
            "can_record": bool(recordable_regions(request.user, selection_round)),
            "any_demo": any(w.is_demo for w in items),
            "missing": sorted(set(range(1, 5)) - {w.number for w in items}),
        },
    )


def workshops_xlsx(request: HttpRequest, cohort: int) -> HttpResponse:
    selection_round = get_round_for_user(request.user, cohort)
    content = attendance_xlsx(
        selection_round, with_names=access.can(request.user, "masterplan.view_draft")
    )
    return attachment(content, f"bimtek-{selection_round.pk}.xlsx")


@login_required
def workshop_signin(request: HttpRequest, cohort: int, number: int) -> HttpResponse:
    """The sign-in sheet to print for the workshop: national team only (it carries names)."""
    selection_round = get_round_for_user(request.user, cohort)
    access.require(request.user, "workshop.manage")
    workshop = get_object_or_404(selection_round.workshops, number=number)
    try:
        content = signin_pdf(workshop)
    except PdfUnavailable:
        logger.exception("sign-in sheet of workshop %s could not be built", workshop.pk)
        return render(request, "evaluation/pdf_unavailable.html", status=503)
    return attachment(content, f"daftar-hadir-bimtek-{workshop.number}-{selection_round.pk}.pdf")


@login_required
@require_http_methods(["GET", "POST"])
def workshop_edit(request: HttpRequest, cohort: int, number: int | None = None) -> HttpResponse:
    """Schedule a workshop (or change one): national team only."""
    selection_round = get_round_for_user(request.user, cohort)
    access.require(request.user, "workshop.manage")
    workshop = (
        get_object_or_404(selection_round.workshops, number=number) if number is not None else None
    )
    form = WorkshopForm(
        request.POST or None,
        instance=workshop,
        cohort=selection_round,
        initial={} if workshop else {"number": request.GET.get("number")},
    )
    if request.method == "POST" and form.is_valid():
        saved = workshop_save(
            cohort=selection_round, user=request.user, data=form.cleaned_data, workshop=workshop
        )
        messages.success(request, _("%(workshop)s saved.") % {"workshop": saved.theme})
        return redirect("mentoring:workshops", selection_round.pk)
    return render(
        request,
        "mentoring/workshop_form.html",
        {"cohort": selection_round, "workshop": workshop, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def workshop_attendance(request: HttpRequest, cohort: int, number: int) -> HttpResponse:
    """Attendance at one workshop: every region for the national team, its own for a region's
    team. All rows are checked and saved together."""
    selection_round = get_round_for_user(request.user, cohort)
    workshop = get_object_or_404(selection_round.workshops, number=number)
    regions = recordable_regions(request.user, selection_round)
    if not regions:
        raise PermissionDenied
    recorded = {
        row.region_id: row
        for row in WorkshopAttendance.objects.filter(workshop=workshop, region__in=regions)
    }
    forms = [
        AttendanceForm(
            request.POST or None,
            prefix=f"r{region.pk}",
            region=region,
            initial=(
                {"present": row.present, "attendees": row.attendees, "names": row.names}
                if (row := recorded.get(region.pk))
                else {"present": False, "attendees": 0}
            ),
        )
        for region in regions
    ]
    version = request.POST.get("version") or attendance_version(workshop, regions)
    conflict = None
    if request.method == "POST":
        if not request.POST.get("version"):
            messages.error(request, _("This form is out of date: reload the page."))
        elif all(form.is_valid() for form in forms):
            rows = [
                AttendanceRow(
                    form.region,
                    form.cleaned_data["present"],
                    form.cleaned_data["attendees"],
                    form.cleaned_data["names"],
                )
                for form in forms
                # A region whose row was not posted at all is left as it was.
                if any(key.startswith(f"{form.prefix}-") for key in request.POST)
                and (form.has_changed() or form.region.pk in recorded)
            ]
            try:
                saved = attendance_save(
                    workshop=workshop, user=request.user, rows=rows, base_version=version
                )
            except MentoringError as exc:
                messages.error(request, str(exc))
            except StaleEdit as exc:
                conflict, version = exc, str(exc.version)
            else:
                messages.success(
                    request,
                    ngettext(
                        "Attendance saved for %(n)s region.",
                        "Attendance saved for %(n)s regions.",
                        saved,
                    )
                    % {"n": saved},
                )
                return redirect("mentoring:workshops", selection_round.pk)
        else:
            messages.error(request, _("Nothing was saved: correct the rows marked below."))
    return render(
        request,
        "mentoring/workshop_attendance.html",
        {
            "cohort": selection_round,
            "workshop": workshop,
            "forms": forms,
            "version": version,
            "conflict": conflict,
        },
        status=409 if conflict else 200,
    )


def _recording(request: HttpRequest, cohort: int, number: int) -> tuple[Workshop, list[Any]]:
    """The workshop and the regions whose attendance the user records (403 if none)."""
    selection_round = get_round_for_user(request.user, cohort)
    workshop = get_object_or_404(selection_round.workshops, number=number)
    regions = recordable_regions(request.user, selection_round)
    if not regions:
        raise PermissionDenied
    return workshop, regions


@login_required
def workshop_fill_in(request: HttpRequest, cohort: int, number: int) -> HttpResponse:
    """The fill-in workbook of one workshop for the regions the user records."""
    workshop, regions = _recording(request, cohort, number)
    return attachment(
        fill_in_xlsx(workshop, regions), f"kehadiran-bimtek-{workshop.number}-{cohort}.xlsx"
    )


@login_required
@require_http_methods(["GET", "POST"])
def workshop_attendance_import(request: HttpRequest, cohort: int, number: int) -> HttpResponse:
    """Attendance from the filled-in workbook: every row checked, all or nothing."""
    workshop, _regions = _recording(request, cohort, number)
    problems: list[Any] = []
    if request.method == "POST":
        upload, problem = posted_workbook(request)
        if upload is None:
            problems = [problem]
        else:
            try:
                result = import_attendance(workshop, request.user, upload)
            except AttendanceImportError as exc:
                problems = list(exc.problems)
            except MentoringError as exc:
                problems = [str(exc)]
            else:
                message = ngettext(
                    "Attendance saved for %(n)s region.",
                    "Attendance saved for %(n)s regions.",
                    result.saved,
                ) % {"n": result.saved}
                if result.skipped_other_regions:
                    message += " " + ngettext(
                        "%(n)s row of another region was skipped: you record only your own.",
                        "%(n)s rows of other regions were skipped: you record only your own.",
                        result.skipped_other_regions,
                    ) % {"n": result.skipped_other_regions}
                messages.success(request, message)
                return redirect("mentoring:workshops", workshop.cohort_id)
    return render(
        request,
        "mentoring/workshop_attendance_import.html",
        {"cohort": workshop.cohort, "workshop": workshop, "problems": problems},
    )


@login_required
@require_http_methods(["GET", "POST"])
def assignments_page(request: HttpRequest, cohort: int) -> HttpResponse:
    """Who mentors, advises and assesses each region of the cohort (the list, sorted and
    downloaded as shown), and how many regions each person carries; the national team assigns
    and removes."""
    selection_round = get_round_for_user(request.user, cohort)
    access.require(request.user, "mentoring.view")
    can_assign = access.can(request.user, "mentoring.assign")
    role_labels = dict(Role.choices)
    form = AssignmentForm(
        request.POST if request.method == "POST" and "remove" not in request.POST else None,
        regions=cohort_regions(selection_round),
        roles=[(role.value, str(role_labels[role])) for role in ASSIGNED_ROLES],
    )
    if request.method == "POST":
        access.require(request.user, "mentoring.assign")
        if "remove" in request.POST:
            membership = get_assignment_for_user(
                request.user, posted_id(request, "remove"), "mentoring.assign"
            )
            try:
                assignment_remove(cohort=selection_round, user=request.user, membership=membership)
            except MentoringError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("Assignment removed."))
            return redirect(request.get_full_path())  # back to the list as it was sorted
        if form.is_valid():
            data = form.cleaned_data
            try:
                assignment_add(
                    cohort=selection_round,
                    user=request.user,
                    region=data["region"],
                    person=data["person"],
                    role=data["role"],
                )
            except MentoringError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Assignment saved."))
                return redirect(request.get_full_path())
    rows = [_with_names(row) for row in assignments(selection_round)]
    found = listing(
        request,
        rows,
        ASSIGNMENT_COLUMNS,
        per_page=PAGE_SIZE,
        filename=f"pendamping-asesor-{selection_round.pk}",
    )
    if isinstance(found, HttpResponse):
        return found
    return render(
        request,
        "mentoring/assignments.html",
        {
            "cohort": selection_round,
            "rows": rows,
            "page": found.page,
            "listing": found,
            "query": found.query,
            "workload": workload(rows),
            "unassigned": [r["region"] for r in rows if not r["roles"][0]],
            "form": form,
            "can_assign": can_assign,
        },
    )
