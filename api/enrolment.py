"""A published round's way from the ranking to the cohort over the API: the steps' statuses and
each invited region's, read from the same state as the round's enrolment page."""

from datetime import date, datetime
from typing import Any, Literal

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Field, Router, Schema

from accounts import access
from accounts.access import AnyUser
from api.auth import READ_AUTH
from api.errors import documented_errors
from enrolment.models import Decision
from enrolment.progress import RegionRow, enrolment_of
from selection.access import get_round_for_user

router = Router(tags=["selection"])

StepKey = Literal["invitation", "interview", "decision", "mou"]
StepStatus = Literal["not_started", "open", "in_progress", "done", "not_recorded"]
RegionStatus = Literal[
    "invited",
    "interview_scheduled",
    "interviewed",
    "selected",
    "not_selected",
    "mou_signed",
    "withdrawn",
]


class StepOut(Schema):
    key: StepKey
    status: StepStatus
    summary: str


class DecisionOut(Schema):
    number: str = Field(description="The selection letter's number")
    date: date
    signatory: str
    signatory_title: str
    letter_url: str = Field(description="The selection letter, as PDF")


class EnrolledRegionOut(Schema):
    code: str
    name: str
    province: str
    rank: int | None = Field(description="Rank in the round's ranking; null: not ranked")
    origin: str = Field(description="Why invited: quota, ranking, added or announced")
    invited: bool = Field(description="false: the invitation was withdrawn")
    status: RegionStatus = Field(description="The furthest step the region reached")
    interview_at: datetime | None = Field(description="National roles only")
    panel_result: str | None = Field(
        description="The panel's result out of 100, two decimals (national roles only)"
    )
    panel_sheets: int | None = Field(
        description="Complete score sheets counted in the result (national roles only)"
    )
    selected: bool | None = Field(description="The selection decision; null: not decided")
    mou_signed: bool = Field(description="Signed: the region is in the cohort")
    mou_signed_on: date | None = Field(description="Empty for an MoU whose date was not published")


class EnrolmentOut(Schema):
    round: int
    cohort_size: int = Field(description="Regions whose MoU is signed")
    steps: list[StepOut]
    decision: DecisionOut | None
    regions: list[EnrolledRegionOut]


def _decision_out(decision: Decision | None) -> dict[str, Any] | None:
    if decision is None:
        return None
    return {
        "number": decision.number,
        "date": decision.date,
        "signatory": decision.signatory,
        "signatory_title": decision.signatory_title,
        "letter_url": reverse("enrolment:decision_letter", args=[decision.round_id]),
    }


def _region_out(row: RegionRow, show_scores: bool) -> dict[str, Any]:
    invitation, region = row.invitation, row.invitation.region
    result = row.result if show_scores else None
    return {
        "code": region.code,
        "name": region.name,
        "province": region.province.name,
        "rank": invitation.rank,
        "origin": invitation.origin,
        "invited": invitation.active,
        "status": row.status,
        "interview_at": invitation.interview_at if show_scores else None,
        "panel_result": (result.display or None) if result else None,
        "panel_sheets": result.sheets if result else None,
        "selected": invitation.selected,
        "mou_signed": bool(row.agreement and row.agreement.is_signed),
        "mou_signed_on": row.agreement.signed_on if row.agreement else None,
    }


def _enrolment_out(user: AnyUser, round_id: int) -> dict[str, Any]:
    selection_round = get_round_for_user(user, round_id)
    if not selection_round.is_published:
        # The enrolment starts once the ranking is published: a draft has none, for anyone.
        raise Http404
    state = enrolment_of(selection_round)
    show_scores = access.can(user, "enrolment.view_scores")
    return {
        "round": selection_round.pk,
        "cohort_size": state.signed,
        "steps": [{"key": s.key, "status": s.status, "summary": s.summary} for s in state.steps],
        "decision": _decision_out(state.decision),
        "regions": [_region_out(row, show_scores) for row in state.rows],
    }


@router.get(
    "/rounds/{int:round_id}/enrolment",
    response={200: EnrolmentOut, **documented_errors(401, 404)},
    auth=READ_AUTH,
    summary="A published round's way to the cohort: invitation, interview, decision and MoU",
    description="One status per step and one row per invited region; a region is in the "
    "cohort once its MoU is signed. The panel's results and the interview times are given to "
    "national roles only (null for others). 404 for a round not yet published.",
)
def get_enrolment(request: HttpRequest, round_id: int) -> Any:
    return _enrolment_out(request.user, round_id)
