"""The annual evaluation over the API: rubrics, a region's scores, results and the jury's awards,
through the same services as the evaluation pages."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from django.db.models import Case, IntegerField, Value, When
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import StrictInt

from accounts import access
from api.auth import READ_AUTH, WRITE_AUTH
from api.errors import ApiError, documented_errors, form_details
from api.openapi import In
from api.pagination import Pagination
from api.versions import base_number, base_version, etag
from evaluation.access import get_award_for_user, get_rubric_for_user
from evaluation.certificates import certificate_pdf, completion_certificate_pdf
from evaluation.completion import completion_of, completions
from evaluation.forms import RubricForm
from evaluation.index import default_weights
from evaluation.models import (
    CUSTOM_PREFIX,
    Award,
    Component,
    Rubric,
    RubricStatus,
    Score,
    default_award_categories,
)
from evaluation.results import decide_award, propose_awards, rubric_categories
from evaluation.results import results as evaluation_results
from evaluation.services import EvaluationClosed, grid_version, rubric_save, scores_save
from kotacerdas.downloads import attachment
from kotacerdas.pdf import PdfUnavailable
from masterplans.models import Dimension
from regions.access import get_region_for_user
from regions.models import Region

router = Router(tags=["evaluation"])
DimensionCode = Literal[tuple(Dimension.values)]  # type: ignore[valid-type]
ComponentCode = Literal[tuple(Component.values)]  # type: ignore[valid-type]


class RubricOut(Schema):
    year: int
    title: str
    status: str
    weights: dict[str, float]
    scale_max: int
    is_demo: bool


class ResultOut(Schema):
    region: str
    region_name: str
    island_group: str
    index: str
    dimensions: dict[str, str]
    components: dict[str, str]
    national_rank: int
    group_rank: int
    province_rank: int
    change: str | None


class WeightOut(Schema):
    component: str
    label: str
    weight: float


class CategoryOut(Schema):
    key: str = Field(
        description='A catalogue key ("overall", "dimension:living", ...) or "custom:<name>"'
    )
    label: str


class RubricDetailOut(Schema):
    version: int
    year: int
    title: str
    status: str
    scale_max: int = Field(description="Scores run from 0 to this")
    scale_fixed: bool = Field(description="Regions or assessors have scored: the scale stays")
    is_demo: bool
    published_at: datetime | None
    weights: list[WeightOut] = Field(description="Per component, in percent; they add up to 100")
    open_stage: int = Field(
        description="The stage open for scoring (1 or 2); a later stage's scores supersede"
    )
    award_categories: list[CategoryOut] = Field(description="The year's award categories")


class WeightsIn(In):
    """Every component's weight in percent; together 100."""

    baseline: int = Field(ge=0, le=100)
    output: int = Field(ge=0, le=100)
    outcome: int = Field(ge=0, le=100)
    impact: int = Field(ge=0, le=100)
    quick_win: int = Field(ge=0, le=100)


CATEGORIES_HELP = (
    'The year\'s award categories: catalogue keys ("overall", "dimension:<dimension>", '
    '"quick_win", "most_improved"; proposed from the scores) and "custom:<name>" (the jury '
    "awards them without a proposal)."
)


class RubricIn(In):
    year: int = Field(ge=2017, le=2100)
    title: str = Field(min_length=1, max_length=200)
    scale_max: int = Field(4, ge=1, le=100)
    weights: WeightsIn | None = Field(
        None,
        description="Left out: the program's weights for the year (10/20/30/20/20 from 2021, "
        "10/20/30/30/10 before)",
    )
    award_categories: list[str] | None = Field(
        None, description=CATEGORIES_HELP + " Left out: every catalogue category."
    )


class RubricChangeIn(In):
    """Fields left out stay as they are; the year never changes."""

    version: StrictInt | None = Field(
        None, description="the version you read (or send it as If-Match)"
    )
    title: str | None = Field(None, min_length=1, max_length=200)
    scale_max: int | None = Field(None, ge=1, le=100)
    weights: WeightsIn | None = None
    award_categories: list[str] | None = Field(None, description=CATEGORIES_HELP)


class CellOut(Schema):
    dimension: str
    component: str
    self_score: Decimal | None
    self_note: str
    assessor_score: Decimal | None = Field(description="Verified scores only")
    assessor_note: str
    verified_at: datetime | None


class ScoresOut(Schema):
    version: str = Field(description="the grid's version: send it back with a change")
    year: int
    region: str
    region_name: str
    is_open: bool
    can_self_assess: bool
    can_score: bool
    cells: list[CellOut] = Field(description="Only cells that carry a score or a note")


class ScoreCellIn(In):
    dimension: DimensionCode  # type: ignore[valid-type]
    component: ComponentCode  # type: ignore[valid-type]
    score: Decimal | None = Field(description="null clears it")
    note: str | None = Field(None, max_length=2000, description="Left out: stays as it is")


class SelfAssessmentIn(In):
    version: str | None = Field(
        None, max_length=64, description="the grid's version you read (or send it as If-Match)"
    )
    scores: list[ScoreCellIn] = Field(min_length=1, max_length=30)


class AssessmentIn(SelfAssessmentIn):
    pass


class AwardOut(Schema):
    id: int
    category: str
    label: str
    proposed: str | None = Field(description="Kemendagri code of the proposed region")
    proposed_name: str | None
    region: str | None = Field(description="Kemendagri code of the region awarded, once decided")
    region_name: str | None
    is_override: bool = Field(description="The jury gave it to another region than proposed")
    reason: str
    decided_at: datetime | None


class DecisionIn(In):
    region: str | None = Field(
        None, max_length=13, description="Left out: the proposed region is confirmed"
    )
    reason: str = Field("", max_length=4000, description="Needed when overriding the proposal")


def _rubric_out(rubric: Rubric) -> dict[str, Any]:
    return {
        "version": rubric.version,
        "year": rubric.year,
        "title": rubric.title,
        "status": rubric.status,
        "scale_max": rubric.scale_max,
        "scale_fixed": rubric.scale_is_fixed(),
        "is_demo": rubric.is_demo,
        "published_at": rubric.published_at,
        "weights": [
            {"component": key, "label": label, "weight": weight}
            for key, label, weight in rubric.component_weights()
        ],
        "open_stage": rubric.open_stage,
        "award_categories": [
            {"key": key, "label": str(label)} for key, label in rubric_categories(rubric)
        ],
    }


def _weights_field(name: str) -> str:
    # The sum of the weights is checked across fields: it belongs to "weights".
    return "weights" if name == "__all__" else name.replace("weight_", "weights.")


def _saved(form: RubricForm) -> Rubric:
    if not form.is_valid():
        if form.has_error("year", "unique"):
            raise ApiError(409, "exists", " ".join(map(str, form.errors["year"])))
        raise ApiError(
            422, "invalid", _("The request has invalid fields."), form_details(form, _weights_field)
        )
    return rubric_save(form=form)


def _categories(chosen: list[str]) -> dict[str, Any]:
    """The year's award categories as the rubric form takes them."""
    return {
        "categories": [c for c in chosen if not c.startswith(CUSTOM_PREFIX)],
        "other_categories": "\n".join(
            c.removeprefix(CUSTOM_PREFIX) for c in chosen if c.startswith(CUSTOM_PREFIX)
        ),
    }


def _weights(weights: WeightsIn | None, current: dict[str, Any]) -> dict[str, Any]:
    values = weights.model_dump() if weights else current
    return {f"weight_{c}": values.get(c, 0) for c in Component.values}


@router.get(
    "/evaluations",
    response={200: list[RubricOut], **documented_errors(401)},
    auth=READ_AUTH,
    summary="Evaluation rounds (open ones for national roles only)",
)
def list_evaluations(request: HttpRequest) -> Any:
    rubrics = Rubric.objects.all()
    if not access.can(request.user, "evaluation.view_open"):
        rubrics = rubrics.filter(status=RubricStatus.PUBLISHED)
    return rubrics


@router.get(
    "/evaluations/{int:year}/results",
    response={200: list[ResultOut], **documented_errors(401, 404, 422)},
    auth=READ_AUTH,
    summary="A year's indices and rankings, best first",
)
@paginate(Pagination)
def evaluation_result_list(request: HttpRequest, year: int) -> Any:
    rubric = get_rubric_for_user(request.user, year)
    return [
        {
            "region": r.region.code,
            "region_name": r.region.name,
            "island_group": r.region.province.island_group,
            "index": str(r.index.overall),
            "dimensions": {k: str(v) for k, v in r.index.dimensions.items()},
            "components": {k: str(v) for k, v in r.index.components.items()},
            "national_rank": r.national_rank,
            "group_rank": r.group_rank,
            "province_rank": r.province_rank,
            "change": None if r.change is None else str(r.change),
        }
        for r in evaluation_results(rubric)
    ]


@router.get(
    "/evaluations/{int:year}",
    response={200: RubricDetailOut, **documented_errors(401, 404)},
    auth=READ_AUTH,
    summary="An evaluation's rubric: title, status, scale and component weights",
)
def get_rubric(request: HttpRequest, response: HttpResponse, year: int) -> Any:
    rubric = get_rubric_for_user(request.user, year)
    etag(response, rubric.version)
    return _rubric_out(rubric)


@router.post(
    "/evaluations",
    response={201: RubricDetailOut, **documented_errors(400, 401, 403, 409, 422)},
    auth=WRITE_AUTH,
    summary="Open a year's evaluation (the national team)",
    description="The weights must add up to 100. 409 when the year already has one.",
)
def create_rubric(request: HttpRequest, payload: RubricIn) -> Any:
    access.require(request.user, "evaluation.manage")
    data = {"year": payload.year, "title": payload.title, "scale_max": payload.scale_max}
    categories = _categories(
        default_award_categories() if payload.award_categories is None else payload.award_categories
    )
    form = RubricForm(
        {**data, **_weights(payload.weights, default_weights(payload.year)), **categories}
    )
    return Status(201, _rubric_out(_saved(form)))


@router.patch(
    "/evaluations/{int:year}",
    response={200: RubricDetailOut, **documented_errors(400, 401, 403, 404, 409, 412, 422, 428)},
    auth=WRITE_AUTH,
    summary="Change an open evaluation's title, scale or weights (the national team)",
    description="The indices follow at once. 409 once published, or for a new scale once "
    "regions or assessors have scored.",
)
def change_rubric(
    request: HttpRequest, response: HttpResponse, year: int, payload: RubricChangeIn
) -> Any:
    rubric = get_rubric_for_user(request.user, year, "evaluation.manage")
    if rubric.is_published:
        raise EvaluationClosed
    data = {
        "version": base_number(request, payload.version),
        "year": rubric.year,
        "title": rubric.title if payload.title is None else payload.title,
        "scale_max": rubric.scale_max if payload.scale_max is None else payload.scale_max,
        **_weights(payload.weights, rubric.weights),
        **_categories(
            rubric.award_categories
            if payload.award_categories is None
            else payload.award_categories
        ),
    }
    form = RubricForm(data, instance=rubric)
    if form.fields["scale_max"].disabled and data["scale_max"] != rubric.scale_max:
        raise ApiError(
            409,
            "scale_fixed",
            _("Fixed: regions and assessors have scored on this scale."),
            [{"field": "scale_max", "message": str(rubric.scale_max)}],
        )
    saved = _saved(form)
    etag(response, saved.version)
    return _rubric_out(saved)


def _scored_region(user: Any, year: int, code: str) -> tuple[Rubric, Region]:
    """The rubric and region of a scoring grid: an open evaluation for those who work on it."""
    region = get_region_for_user(user, code)
    return get_rubric_for_user(user, year, region=region), region


def _scores_out(user: Any, rubric: Rubric, region: Region) -> dict[str, Any]:
    is_open = not rubric.is_published
    can_score = is_open and access.can(user, "evaluation.score", region)
    # As on the page: once published, the region's own scores stay with the program's people.
    show_self = is_open or access.can(user, "evaluation.view_open", region)
    cells = []
    for score in Score.objects.filter(rubric=rubric, region=region, stage=rubric.open_stage):
        shown = score.verified_at is not None or can_score
        cells.append(
            {
                "dimension": score.dimension,
                "component": score.component,
                "self_score": score.self_score if show_self else None,
                "self_note": score.self_note if show_self else "",
                "assessor_score": score.assessor_score if shown else None,
                # An assessor's note is read with the score it explains: once verified.
                "assessor_note": score.assessor_note if shown else "",
                "verified_at": score.verified_at,
            }
        )
    return {
        "version": grid_version(rubric, region),
        "year": rubric.year,
        "region": region.code,
        "region_name": region.name,
        "is_open": is_open,
        "can_self_assess": is_open and access.can(user, "evaluation.self_assess", region),
        "can_score": can_score,
        "cells": cells,
    }


def _save_scores(
    request: HttpRequest,
    response: HttpResponse,
    rubric: Rubric,
    region: Region,
    prefix: str,
    payload: Any,
) -> dict[str, Any]:
    user, rows = request.user, payload.scores
    access.require(
        user, "evaluation.self_assess" if prefix == "self" else "evaluation.score", region
    )
    if rubric.is_published:
        raise EvaluationClosed
    version = base_version(request, payload.version)
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        values: dict[str, Any] = {f"{prefix}_score": row.score}
        if row.note is not None:
            values[f"{prefix}_note"] = row.note
        cells[(row.dimension, row.component)] = values
    scores_save(rubric=rubric, region=region, user=user, cells=cells, base_version=version)
    scores = _scores_out(user, rubric, region)
    etag(response, scores["version"])
    return scores


@router.get(
    "/evaluations/{int:year}/regions/{code}",
    response={200: ScoresOut, **documented_errors(401, 403, 404)},
    auth=READ_AUTH,
    summary="A region's scores: its self-assessment and the assessor's verified scores",
)
def get_region_scores(request: HttpRequest, response: HttpResponse, year: int, code: str) -> Any:
    rubric, region = _scored_region(request.user, year, code)
    scores = _scores_out(request.user, rubric, region)
    etag(response, scores["version"])
    return scores


@router.put(
    "/evaluations/{int:year}/regions/{code}/self-assessment",
    response={200: ScoresOut, **documented_errors(400, 401, 403, 404, 409, 412, 422, 428)},
    auth=WRITE_AUTH,
    summary="Write the region's self-assessment (its team, while the evaluation is open)",
    description="Cells left out stay as they are; all cells are written or none. Send the "
    "grid's version you read: 412 when it changed since, 428 without it.",
)
def put_self_assessment(
    request: HttpRequest, response: HttpResponse, year: int, code: str, payload: SelfAssessmentIn
) -> Any:
    rubric, region = _scored_region(request.user, year, code)
    return _save_scores(request, response, rubric, region, "self", payload)


@router.put(
    "/evaluations/{int:year}/regions/{code}/assessment",
    response={200: ScoresOut, **documented_errors(400, 401, 403, 404, 409, 412, 422, 428)},
    auth=WRITE_AUTH,
    summary="Score the region with notes (the assessor assigned to it, while open)",
    description="Cells left out stay as they are; all cells are written or none. A score "
    "saved is verified by the assessor and counts in the index.",
)
def put_assessment(
    request: HttpRequest, response: HttpResponse, year: int, code: str, payload: AssessmentIn
) -> Any:
    rubric, region = _scored_region(request.user, year, code)
    return _save_scores(request, response, rubric, region, "assessor", payload)


def _awards(rubric: Rubric) -> list[dict[str, Any]]:
    categories = rubric_categories(rubric)
    order = Case(
        *[When(category=key, then=Value(i)) for i, (key, _label) in enumerate(categories)],
        default=Value(len(categories)),
        output_field=IntegerField(),
    )
    found = rubric.awards.select_related("proposed", "region").order_by(order, "category")
    return [_award_out(award, dict(categories)) for award in found]


def _award_out(award: Award, labels: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": award.pk,
        "category": award.category,
        "label": str(labels.get(award.category, award.category)),
        "proposed": award.proposed.code if award.proposed else None,
        "proposed_name": award.proposed.name if award.proposed else None,
        "region": award.region.code if award.region else None,
        "region_name": award.region.name if award.region else None,
        "is_override": award.is_override,
        "reason": award.reason,
        "decided_at": award.decided_at,
    }


@router.get(
    "/evaluations/{int:year}/awards",
    response={200: list[AwardOut], **documented_errors(401, 404)},
    auth=READ_AUTH,
    summary="A year's awards: the proposal from the evaluation and the jury's decision",
    description="Empty until the national team computes the proposals.",
)
def list_awards(request: HttpRequest, year: int) -> Any:
    return _awards(get_rubric_for_user(request.user, year))


@router.post(
    "/evaluations/{int:year}/awards/proposals",
    response={200: list[AwardOut], **documented_errors(400, 401, 403, 404)},
    auth=WRITE_AUTH,
    summary="Propose the leader of every award category (the national team)",
    description="Awards the jury has decided keep their decision.",
)
def post_award_proposals(request: HttpRequest, year: int) -> Any:
    rubric = get_rubric_for_user(request.user, year, "award.decide")
    propose_awards(rubric)
    return _awards(rubric)


@router.post(
    "/awards/{int:award_id}/decision",
    response={200: AwardOut, **documented_errors(400, 401, 403, 404, 422)},
    auth=WRITE_AUTH,
    summary="The jury's decision: confirm the proposal, or give the award elsewhere with a reason",
)
def post_award_decision(request: HttpRequest, award_id: int, payload: DecisionIn) -> Any:
    access.require(request.user, "award.decide")
    award = get_award_for_user(request.user, award_id)
    region = None
    if payload.region:
        region = Region.objects.filter(code=payload.region).first()
        if region is None:
            raise ApiError(
                422,
                "invalid",
                _('Unknown region code "%(code)s".') % {"code": payload.region},
                [{"field": "region", "message": payload.region}],
            )
    decide_award(award, request.user, region, payload.reason)
    return _award_out(award, dict(rubric_categories(award.rubric)))


PDF_FILE = {
    "responses": {
        200: {
            "description": "The certificate (A4 landscape)",
            "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


def _certificate_file(typeset: Any, filename: str) -> HttpResponse:
    try:
        content = typeset()
    except PdfUnavailable as exc:
        raise ApiError(
            503, "pdf_unavailable", _("The server cannot build PDF reports at the moment.")
        ) from exc
    return attachment(content, filename)


@router.get(
    "/awards/{int:award_id}/certificate",
    response={200: None, **documented_errors(401, 404, 503)},
    auth=READ_AUTH,
    summary="The certificate of a decided award, as PDF",
    description="404 until the jury has decided who receives the award.",
    openapi_extra=PDF_FILE,
)
def get_award_certificate(request: HttpRequest, award_id: int) -> Any:
    award = get_award_for_user(request.user, award_id)
    if award.region is None:
        raise ApiError(404, "not_found", _("The jury has not decided this award yet."))
    filename = f"sertifikat-{award.rubric.year}-{award.region.code}.pdf"
    return _certificate_file(lambda: certificate_pdf(award), filename)


class CompletionOut(Schema):
    region: str
    region_name: str
    province: str
    cohort: int | None = Field(description="the year of the cohort the region was selected in")
    masterplan_id: int
    masterplan_title: str
    completed_on: date | None = Field(description="the day it was approved; null: not recorded")
    is_demo: bool


@router.get(
    "/completions",
    response={200: list[CompletionOut], **documented_errors(422)},
    auth=READ_AUTH,
    summary="Every region that completed its masterplan (the completion award), earliest first",
)
@paginate(Pagination)
def completion_list(request: HttpRequest) -> Any:
    return [
        {
            "region": c.region.code,
            "region_name": c.region.name,
            "province": c.region.province.name,
            "cohort": c.masterplan.cohort.year if c.masterplan.cohort else None,
            "masterplan_id": c.masterplan.pk,
            "masterplan_title": c.masterplan.title,
            "completed_on": c.completed_on,
            "is_demo": c.masterplan.is_demo,
        }
        for c in completions()
    ]


@router.get(
    "/completions/{code}/certificate",
    response={200: None, **documented_errors(404, 503)},
    auth=READ_AUTH,
    summary="The completion certificate of a region, as PDF",
    description="404 for a region that has not completed a masterplan.",
    openapi_extra=PDF_FILE,
)
def get_completion_certificate(request: HttpRequest, code: str) -> Any:
    completion = completion_of(code)
    if completion is None:
        raise ApiError(404, "not_found", _("This region has not completed a masterplan."))
    filename = f"piagam-penyelesaian-{code}.pdf"
    return _certificate_file(lambda: completion_certificate_pdf(completion), filename)
