"""Bimtek over the API: a cohort's four workshops and each region's attendance (names for
program staff only, as on the page)."""

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from accounts import access
from api.auth import READ_AUTH
from api.errors import documented_errors
from mentoring.models import Workshop
from mentoring.services import attendance_table
from mentoring.sessions import stage_matrix
from selection.access import get_round_for_user

router = Router(tags=["mentoring"])


class AttendanceOut(Schema):
    region: str
    present: bool
    attendees: int
    names: str | None


class WorkshopOut(Schema):
    number: int
    theme: str
    start_date: date
    end_date: date
    place: str
    outputs: str
    is_demo: bool
    attendance: list[AttendanceOut]


@router.get(
    "/rounds/{int:round_id}/workshops",
    response={200: list[WorkshopOut], **documented_errors(401, 404)},
    auth=READ_AUTH,
    summary="A cohort's workshops (bimtek I-IV) with each region's attendance",
)
def list_workshops(request: HttpRequest, round_id: int) -> Any:
    cohort = get_round_for_user(request.user, round_id)
    workshops = list(Workshop.objects.filter(cohort=cohort).order_by("number"))
    with_names = access.can(request.user, "masterplan.view_draft")
    rows = attendance_table(cohort, workshops)
    return [
        {
            "number": w.number,
            "theme": w.theme,
            "start_date": w.start_date,
            "end_date": w.end_date,
            "place": w.place,
            "outputs": w.outputs,
            "is_demo": w.is_demo,
            "attendance": [
                {
                    "region": row["region"].code,
                    "present": cell.present,
                    "attendees": cell.attendees,
                    "names": cell.names if with_names else None,
                }
                for row in rows
                if (cell := row["cells"][index]) is not None
            ],
        }
        for index, w in enumerate(workshops)
    ]


class SessionCellOut(Schema):
    stage: int
    state: str
    start_date: date | None
    end_date: date | None
    place: str | None
    mentors: list[str]
    section: str | None
    has_minutes: bool


class MatrixRowOut(Schema):
    region: str
    name: str
    stages: list[SessionCellOut]


@router.get(
    "/rounds/{int:round_id}/bimtek-matrix",
    response={200: list[MatrixRowOut], **documented_errors(401, 404)},
    auth=READ_AUTH,
    summary="Bimtek per region: each region's state at each stage (done, held, scheduled, late)",
    description=(
        "One row per region of the cohort, one cell per stage I-IV: `done` (minutes uploaded), "
        "`held` (minutes due within two weeks, or attendance recorded without a session), "
        "`scheduled`, `late` (minutes overdue, or the stage's window passed without a session), "
        "`not_scheduled`; with the session's dates, place and the masterplan section its output "
        "feeds, and its mentors for those who see the assignments or the region's minutes."
    ),
)
def bimtek_matrix(request: HttpRequest, round_id: int) -> Any:
    cohort = get_round_for_user(request.user, round_id)
    rows = stage_matrix(cohort)
    # Who mentors a region: for those who see the assignments or the region's minutes.
    named = {
        row["region"].pk
        for row in rows
        if access.can(request.user, "mentoring.view")
        or access.can(request.user, "workshop.minutes_view", row["region"])
    }
    return [
        {
            "region": row["region"].code,
            "name": row["region"].name,
            "stages": [
                {
                    "stage": cell.number,
                    "state": cell.state.value,
                    "start_date": cell.session.start_date if cell.session else None,
                    "end_date": cell.session.end_date if cell.session else None,
                    "place": cell.session.place if cell.session else None,
                    "mentors": [m.get_full_name() or m.username for m in cell.session.mentors.all()]
                    if cell.session and row["region"].pk in named
                    else [],
                    "section": cell.session.section if cell.session else None,
                    "has_minutes": bool(cell.session and cell.session.minutes),
                }
                for cell in row["cells"]
            ],
        }
        for row in rows
    ]
