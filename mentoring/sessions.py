"""Bimtek per region: each of the four stages scheduled for a region on its own dates, place
and mentors, its minutes uploaded once held, and the cohort's matrix of regions × stages."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.versioning import StaleEdit, save_versioned
from mentoring.models import STAGE_SECTION, Session, Workshop, WorkshopAttendance, WorkshopNumber
from mentoring.services import MentoringError, cohort_regions
from mentoring.stages import CellState, cell_state
from regions.models import Region
from selection.models import SelectionRound

STATE_LABELS = {
    CellState.DONE.value: gettext_lazy("done"),
    CellState.HELD.value: gettext_lazy("held, minutes due"),
    CellState.SCHEDULED.value: gettext_lazy("scheduled"),
    CellState.LATE.value: gettext_lazy("late"),
    CellState.NOT_SCHEDULED.value: gettext_lazy("not scheduled"),
}
SESSION_FIELDS = ("start_date", "end_date", "place", "agenda", "outputs", "section")


def session_defaults(workshop: Workshop) -> dict[str, Any]:
    """A new session starts from its stage's window, place, outputs and section."""
    return {
        "start_date": workshop.start_date,
        "end_date": workshop.end_date,
        "place": "",
        "agenda": "",
        "outputs": workshop.outputs,
        "section": STAGE_SECTION[WorkshopNumber(workshop.number)],
    }


@transaction.atomic
def session_save(
    *,
    workshop: Workshop,
    region: Region,
    values: dict[str, Any],
    mentors: list[Any],
    base_version: int,
) -> Session:
    """Schedule (base version 0) or change a region's session of a stage."""
    if values["end_date"] < values["start_date"]:
        raise MentoringError(_("The last day is before the first."))
    # Two first saves at once: the second waits on the stage's row, then finds the first's.
    Workshop.objects.select_for_update().filter(pk=workshop.pk).first()
    session = Session.objects.select_for_update().filter(workshop=workshop, region=region).first()
    if session is None:
        if base_version != 0:
            raise StaleEdit(0, base_version)
        session = Session.objects.create(workshop=workshop, region=region, **values)
        session.mentors.set(mentors)
        return session
    before = set(session.mentors.values_list("pk", flat=True))
    changed = before != {m.pk for m in mentors}
    saved = save_versioned(
        session, base_version=base_version, values=values, changed_elsewhere=changed
    )
    if changed:
        saved.mentors.set(mentors)
    return saved


@transaction.atomic
def minutes_upload(*, session: Session, upload: UploadedFile) -> Session:
    """The minutes of a held session (a replacement keeps only the newest)."""
    if session.start_date > timezone.localdate():
        raise MentoringError(_("Minutes come after the session: it has not started yet."))
    session.minutes_name = upload.name or "notulen"
    session.minutes.save(session.minutes_name, upload, save=False)
    session.minutes_uploaded_at = timezone.now()
    session.save()
    return session


@dataclass(frozen=True)
class Cell:
    number: int
    state: CellState
    session: Session | None
    attendance: WorkshopAttendance | None


def stage_matrix(cohort: SelectionRound, today: date | None = None) -> list[dict[str, Any]]:
    """One row per region of the cohort, one cell per stage (I-IV)."""
    today = today or timezone.localdate()
    workshops = {w.number: w for w in Workshop.objects.filter(cohort=cohort)}
    sessions = {
        (s.workshop.number, s.region_id): s
        for s in Session.objects.filter(workshop__cohort=cohort)
        .select_related("workshop")
        .prefetch_related("mentors")
    }
    attendance = {
        (a.workshop.number, a.region_id): a
        for a in WorkshopAttendance.objects.filter(workshop__cohort=cohort).select_related(
            "workshop"
        )
    }
    rows = []
    for region in cohort_regions(cohort):
        cells = []
        for number in WorkshopNumber.values:
            session = sessions.get((number, region.pk))
            present = attendance.get((number, region.pk))
            window = workshops.get(number)
            state = cell_state(
                today=today,
                session_end=session.end_date if session else None,
                has_minutes=bool(session and session.minutes),
                window_end=window.end_date if window else None,
                attended=bool(present and present.present),
            )
            cells.append(Cell(number, state, session, present))
        rows.append({"region": region, "cells": cells})
    return rows


def matrix_counts(rows: list[dict[str, Any]]) -> dict[str, int]:
    counts = {state.value: 0 for state in CellState}
    for row in rows:
        for cell in row["cells"]:
            counts[cell.state.value] += 1
    return counts
