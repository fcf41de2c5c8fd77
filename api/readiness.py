"""Readiness over the API: a region's profile and gap list for a cohort, its answers (read and
written by the region's team) and the assigned assessor's scores."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from pydantic import StrictInt

from api.auth import READ_AUTH, WRITE_AUTH
from api.errors import ApiError, documented_errors
from api.openapi import In
from api.versions import base_number
from readiness.access import get_assessment_for_user
from readiness.models import SCALE_MAX, Assessment
from readiness.profile import readiness_gaps, readiness_profile
from readiness.services import AnswerIn, ScoreIn, assessment_save

router = Router(tags=["readiness"])


class PartOut(Schema):
    part: str
    score: str | None
    percent: int | None
    scored: int
    items: int
    assessed: bool


class GapOut(Schema):
    item: int
    part: str
    question: str
    score: int


class ReadinessOut(Schema):
    region: str
    cohort: int
    submitted: bool
    is_demo: bool
    profile: list[PartOut]
    gaps: list[GapOut]


@router.get(
    "/readiness/{int:cohort_id}/regions/{code}",
    response={200: ReadinessOut, **documented_errors(401, 403, 404)},
    auth=READ_AUTH,
    summary="A region's readiness profile and gaps (its people, assessors, national roles)",
)
def get_readiness(request: HttpRequest, cohort_id: int, code: str) -> Any:
    record = get_assessment_for_user(request.user, cohort_id, code, create=False)
    return {
        "region": record.region.code,
        "cohort": cohort_id,
        "submitted": record.submitted_at is not None,
        "is_demo": record.is_demo,
        "profile": [
            {
                "part": p.part,
                "score": None if p.score is None else str(p.score),
                "percent": p.percent,
                "scored": p.scored,
                "items": p.items,
                "assessed": p.assessed,
            }
            for p in readiness_profile(record)
        ],
        "gaps": [
            {
                "item": g.answer.item_id,
                "part": g.answer.item.part,
                "question": g.answer.item.text,
                "score": g.score,
            }
            for g in readiness_gaps(record)
        ],
    }


class AnswerOut(Schema):
    item: int
    part: str
    aspect: str
    question: str
    weight: int
    self_score: int | None
    answer: str
    evidence: str
    assessor_score: int | None
    assessor_note: str


class AnswersOut(Schema):
    region: str
    cohort: int
    status: str
    version: int = Field(description="Send it back when you write answers or scores")
    answers: list[AnswerOut]


class AnswerBody(In):
    item: int
    self_score: int | None = Field(None, ge=0, le=SCALE_MAX)
    answer: str = Field("", max_length=3000)
    evidence: str = Field("", max_length=500, description="A document's name or a link")


class AnswersIn(In):
    version: StrictInt | None = Field(None, description="The version you edited from (or If-Match)")
    answers: list[AnswerBody] = Field(max_length=500)


class ScoreBody(In):
    item: int
    score: int | None = Field(None, ge=0, le=SCALE_MAX)
    note: str = Field("", max_length=3000)


class ScoresIn(In):
    version: StrictInt | None = Field(None, description="The version you scored from (or If-Match)")
    scores: list[ScoreBody] = Field(max_length=500)


def _answers(record: Assessment) -> dict[str, Any]:
    by_item = {a.item_id: a for a in record.answers.all()}
    rows = []
    for item in record.questionnaire.items.in_program_order():
        answer = by_item.get(item.pk)
        rows.append(
            {
                "item": item.pk,
                "part": item.part,
                "aspect": item.subpart,
                "question": item.text,
                "weight": item.weight,
                "self_score": answer.self_score if answer else None,
                "answer": answer.answer if answer else "",
                "evidence": answer.evidence if answer else "",
                "assessor_score": answer.assessor_score if answer else None,
                "assessor_note": answer.assessor_note if answer else "",
            }
        )
    return {
        "region": record.region.code,
        "cohort": record.questionnaire.cohort_id,
        "status": record.status.value,
        "version": record.version,
        "answers": rows,
    }


def _save(record: Assessment, **kwargs: Any) -> Assessment:
    try:
        return assessment_save(assessment=record, **kwargs)
    except ValidationError as exc:
        raise ApiError(
            422,
            "invalid",
            _("The request has invalid fields."),
            [{"field": "item", "message": m} for m in exc.messages],
        ) from exc


@router.get(
    "/readiness/{int:cohort_id}/regions/{code}/answers",
    response={200: AnswersOut, **documented_errors(401, 403, 404)},
    auth=READ_AUTH,
    summary="A region's answers, evidence and scores, item by item",
)
def get_answers(request: HttpRequest, cohort_id: int, code: str) -> Any:
    return _answers(get_assessment_for_user(request.user, cohort_id, code, create=False))


@router.put(
    "/readiness/{int:cohort_id}/regions/{code}/answers",
    response={200: AnswersOut, **documented_errors(400, 401, 403, 404, 409, 412, 422, 428)},
    auth=WRITE_AUTH,
    summary="Write the region's own answers (its team; until submitted)",
    description="Items left out stay as they are. Refused with 412 when the assessment "
    "changed since `version`, 409 once the region submitted it.",
)
def put_answers(request: HttpRequest, cohort_id: int, code: str, payload: AnswersIn) -> Any:
    record = get_assessment_for_user(request.user, cohort_id, code, "readiness.answer")
    rows = [AnswerIn(a.item, a.self_score, a.answer, a.evidence) for a in payload.answers]
    _save(record, base_version=base_number(request, payload.version), answers=rows)
    return _answers(get_assessment_for_user(request.user, cohort_id, code))


@router.post(
    "/readiness/{int:cohort_id}/regions/{code}/scores",
    response={200: AnswersOut, **documented_errors(400, 401, 403, 404, 409, 412, 422, 428)},
    auth=WRITE_AUTH,
    summary="Score items with notes (the assessor assigned to the region only)",
    description="Items left out stay as they are. Refused with 412 when the assessment "
    "changed since `version`.",
)
def post_scores(request: HttpRequest, cohort_id: int, code: str, payload: ScoresIn) -> Any:
    record = get_assessment_for_user(request.user, cohort_id, code, "readiness.score")
    rows = [ScoreIn(s.item, s.score, s.note) for s in payload.scores]
    _save(
        record,
        base_version=base_number(request, payload.version),
        scores=rows,
        assessor=request.user,
    )
    return _answers(get_assessment_for_user(request.user, cohort_id, code))
