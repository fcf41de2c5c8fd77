"""Selection rounds and the indicator catalogue over the API."""

from datetime import datetime
from typing import Any, Literal, cast

from django.db.models import Value
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import StrictInt

from accounts import access
from accounts.models import User
from api.auth import READ_AUTH, WRITE_AUTH
from api.errors import ApiError, documented_errors
from api.openapi import In
from api.pagination import Pagination
from api.versions import base_number, etag
from enrolment.movement import cohort_count
from kotacerdas.downloads import attachment
from regions.models import IslandGroup
from selection.access import get_round_for_user
from selection.exports import scored_on_demo
from selection.models import (
    Indicator,
    RoundResult,
    RoundStatus,
    SelectionRound,
)
from selection.rounds import (
    RoundPublished,
    final_selection,
    round_compute,
    round_publish,
    round_save,
)

router = Router(tags=["selection"])
GroupCode = Literal[tuple(IslandGroup.values)]  # type: ignore[valid-type]


class IndicatorOut(Schema):
    code: str
    name_id: str
    name_en: str
    unit: str
    direction: str
    applies_to: str
    source: str
    scale: str
    is_flag: bool


class Threshold(In):
    indicator: str = Field(max_length=40)
    op: Literal[">=", "<=", ">", "<", "=="]
    value: float = Field(allow_inf_nan=False)


class Quotas(In):
    group_min: dict[GroupCode, int] = Field(default_factory=dict)  # type: ignore[valid-type]
    group_max: dict[GroupCode, int] = Field(default_factory=dict)  # type: ignore[valid-type]
    province_max: int | None = Field(None, ge=1, le=514)


class Eligibility(In):
    exclude_previous: bool = False
    excluded: list[str] = Field(default_factory=list, max_length=514)
    thresholds: list[Threshold] = Field(default_factory=list, max_length=10)


class RoundIn(In):
    name: str = Field(min_length=1, max_length=120)
    year: int = Field(ge=2017, le=2100)
    total: int = Field(ge=1, le=514)
    method: Literal["saw", "topsis"] = "saw"
    normalization: Literal["minmax", "zscore", "vector", "rank"] = "minmax"
    indicator_year: int = Field(ge=2000, le=2100)
    imputation: Literal["none", "median", "worst"] = "none"
    weights: dict[str, float] = Field(description="indicator code → weight (≥ 0)")
    quotas: Quotas = Quotas(province_max=None)
    eligibility: Eligibility = Eligibility()
    sensitivity_draws: int = Field(10_000, ge=0, le=20_000)
    program_target: int = Field(100, ge=1, le=514)


class RoundPatch(In):
    version: StrictInt | None = Field(
        None, description="The version you edited from (or send it as If-Match)"
    )
    name: str | None = Field(None, min_length=1, max_length=120)
    total: int | None = Field(None, ge=1, le=514)
    weights: dict[str, float] | None = None
    quotas: Quotas | None = None
    eligibility: Eligibility | None = None


class LetterOut(Schema):
    role: str = Field(description="selection, assessment or mou_invitation")
    number: str
    date: str
    source: str
    note: str


class CohortOut(Schema):
    """A published round's cohort: the members known by name (signed MoU) against its
    official size; ``partial`` when the sources name fewer than were counted."""

    known: int
    official: int
    official_repeats: int = Field(description="Of the official size, regions in an earlier cohort")
    partial: bool
    count_source: str = ""
    letters: list[LetterOut] = []
    data_file: str = Field("", description="The cohort file it was loaded from, if any")


class RoundOut(Schema):
    id: int
    name: str
    year: int
    total: int
    method: str
    normalization: str
    indicator_year: int
    imputation: str
    weights: dict[str, Any]
    quotas: dict[str, Any]
    eligibility: dict[str, Any]
    status: str
    version: int
    input_hash: str
    result_hash: str
    published_at: datetime | None
    selected: list[str] = Field(description="Region codes after the committee's decisions")
    cohort: CohortOut | None = Field(None, description="Published rounds only")
    scored_on_demo: bool = Field(
        False, description="The scores rest on generated demo values, not published figures"
    )

    @staticmethod
    def resolve_scored_on_demo(obj: SelectionRound) -> bool:
        return scored_on_demo(obj)

    @staticmethod
    def resolve_selected(obj: SelectionRound) -> list[str]:
        return final_selection(obj) if obj.status != RoundStatus.DRAFT else []

    @staticmethod
    def resolve_cohort(obj: SelectionRound) -> dict[str, Any] | None:
        if obj.status != RoundStatus.PUBLISHED:
            return None
        count = cohort_count(obj)
        published = count.record
        return {
            "known": count.known,
            "official": count.official,
            "official_repeats": count.repeats,
            "partial": count.partial,
            "count_source": published.count_source if published else "",
            "letters": published.letters if published else [],
            "data_file": published.data_file if published else "",
        }


class ResultOut(Schema):
    demo: bool = Field(description="The score rests on generated demo values")
    region: str = Field(alias="region.code")
    name: str = Field(alias="region.name")
    eligible: bool
    ineligible_reason: str
    rank: int | None
    score: float | None
    selected: bool
    reason: str
    reason_limit: int | None
    probability: float | None
    rank_low: float | None
    rank_high: float | None
    contributions: dict[str, float]


@router.get(
    "/indicators",
    response={200: list[IndicatorOut], **documented_errors(401)},
    auth=READ_AUTH,
    summary="The indicator catalogue",
)
def list_indicators(request: HttpRequest) -> Any:
    access.require(request.user, "region.view")
    return Indicator.objects.all()


@router.get(
    "/rounds",
    response={200: list[RoundOut], **documented_errors(401, 422)},
    auth=READ_AUTH,
    summary="Selection rounds (drafts for national roles only)",
)
@paginate(Pagination)
def list_rounds(
    request: HttpRequest, status: Literal["draft", "computed", "published"] | None = None
) -> Any:
    rounds = SelectionRound.objects.visible_to(request.user)
    return rounds.filter(status=status) if status else rounds


@router.get(
    "/rounds/{int:round_id}",
    response={200: RoundOut, **documented_errors(401, 404)},
    auth=READ_AUTH,
    summary="One selection round",
)
def get_round(request: HttpRequest, response: HttpResponse, round_id: int) -> Any:
    selection_round = get_round_for_user(request.user, round_id)
    etag(response, selection_round.version)
    return selection_round


class ResultFilters(Schema):
    selected: bool | None = None


@router.get(
    "/rounds/{int:round_id}/results",
    response={200: list[ResultOut], **documented_errors(401, 404, 422)},
    auth=READ_AUTH,
    summary="A round's result, best rank first",
)
@paginate(Pagination)
def list_results(request: HttpRequest, round_id: int, filters: Query[ResultFilters]) -> Any:
    selection_round = get_round_for_user(request.user, round_id)
    results = RoundResult.objects.filter(round=selection_round).select_related("region")
    if filters.selected is not None:
        results = results.filter(selected=filters.selected)
    demo = scored_on_demo(selection_round)
    return results.order_by("rank", "region__code").annotate(demo=Value(demo))


@router.post(
    "/rounds",
    response={201: RoundOut, **documented_errors(400, 401, 403, 422)},
    auth=WRITE_AUTH,
    summary="Create a draft round (national roles)",
)
def create_round(request: HttpRequest, payload: RoundIn) -> Any:
    access.require(request.user, "round.manage")
    selection_round = SelectionRound(created_by=cast(User, request.user), **payload.model_dump())
    round_save(selection_round=selection_round, base_version=None)
    return Status(201, selection_round)


@router.patch(
    "/rounds/{int:round_id}",
    response={200: RoundOut, **documented_errors(400, 401, 403, 404, 409, 412, 422, 428)},
    auth=WRITE_AUTH,
    summary="Change a draft or computed round (back to draft)",
    description="Send the version you read (`version` or If-Match): 412 when the round changed "
    "since, 428 without it. Settings that change nothing leave a computed round as it is.",
)
def update_round(
    request: HttpRequest, response: HttpResponse, round_id: int, payload: RoundPatch
) -> Any:
    selection_round = get_round_for_user(request.user, round_id, "round.manage")
    if selection_round.is_published:
        raise RoundPublished
    changes = payload.model_dump(exclude_unset=True, exclude={"version"})
    version = base_number(request, payload.version)
    for field, value in changes.items():
        setattr(selection_round, field, value)
    saved = round_save(selection_round=selection_round, base_version=version)
    etag(response, saved.version)
    return saved


@router.post(
    "/rounds/{int:round_id}/compute",
    response={200: RoundOut, **documented_errors(400, 401, 403, 404, 422)},
    auth=WRITE_AUTH,
    summary="Compute the round (national roles)",
)
def compute_round(request: HttpRequest, round_id: int) -> Any:
    selection_round = get_round_for_user(request.user, round_id, "round.manage")
    return round_compute(selection_round=selection_round)


@router.post(
    "/rounds/{int:round_id}/publish",
    response={200: RoundOut, **documented_errors(400, 401, 403, 404, 422)},
    auth=WRITE_AUTH,
    summary="Publish a computed round: it never changes again",
)
def publish_round(request: HttpRequest, round_id: int) -> Any:
    selection_round = get_round_for_user(request.user, round_id, "round.manage")
    return round_publish(selection_round=selection_round)


@router.get(
    "/rounds/{int:round_id}/export",
    response={200: None, **documented_errors(401, 404, 422, 503)},
    auth=READ_AUTH,
    summary="A computed or published round as CSV, Excel or the signed PDF decision report",
    openapi_extra={
        "responses": {
            200: {
                "description": "The file",
                "content": {
                    "text/csv": {"schema": {"type": "string"}},
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                        "schema": {"type": "string", "format": "binary"}
                    },
                    "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                },
            }
        }
    },
)
def export_round(
    request: HttpRequest, round_id: int, format: Literal["csv", "xlsx", "pdf"] = "csv"
) -> Any:
    from kotacerdas.pdf import PdfUnavailable
    from selection.exports import EXPORT_FORMATS, export_filename

    selection_round = get_round_for_user(request.user, round_id)
    if selection_round.status == RoundStatus.DRAFT:
        raise ApiError(404, "not_found", _("A draft round has no result to export yet."))
    export = EXPORT_FORMATS[format]
    try:
        content = export.build(selection_round)
    except PdfUnavailable as exc:
        raise ApiError(
            503, "pdf_unavailable", _("The server cannot build PDF reports at the moment.")
        ) from exc
    filename = export_filename(selection_round, export.extension)
    return attachment(content, filename, export.content_type)
