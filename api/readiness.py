"""Readiness over the API: a region's profile and gap list for a cohort."""

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from accounts import access
from api.auth import READ_AUTH
from api.errors import documented_errors
from readiness.models import Assessment
from readiness.profile import readiness_gaps, readiness_profile

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
    region = access.get_region_for_user(request.user, code)
    access.require(request.user, "readiness.view", region)
    record = (
        Assessment.objects.filter(region=region, questionnaire__cohort_id=cohort_id)
        .select_related("questionnaire")
        .first()
    )
    if record is None:
        raise Http404
    return {
        "region": region.code,
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
