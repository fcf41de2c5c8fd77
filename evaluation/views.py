"""Evaluation pages: rubrics, scoring per region, rankings, awards and their certificates."""

import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from accounts import access
from audit.versioning import StaleEdit
from evaluation.access import get_award_for_user, get_rubric_for_user
from evaluation.certificates import certificate_pdf, completion_certificate_pdf
from evaluation.completion import completion_of, completions
from evaluation.forms import RubricForm, ScoreGridForm
from evaluation.letters import result_letter_pdf
from evaluation.models import Component, Rubric, RubricStatus, Score
from evaluation.results import (
    AwardError,
    awaiting_verification,
    category_label,
    decide_award,
    propose_awards,
    results,
    rubric_categories,
)
from evaluation.services import (
    EvaluationClosed,
    InvalidScores,
    grid_version,
    rubric_save,
    scores_save,
    stage_two_open,
)
from evaluation.services import rubric_publish as rubric_publish_service
from kotacerdas.confirm import confirmation
from kotacerdas.downloads import document
from kotacerdas.errors import DomainError
from kotacerdas.lists import Column, listing
from masterplans.models import Dimension
from regions.access import get_region_for_user
from regions.models import IslandGroup, Province, Region

logger = logging.getLogger(__name__)
PAGE_SIZE = 50


def rubric_list(request: HttpRequest) -> HttpResponse:
    rubrics = Rubric.objects.all()
    if not access.can(request.user, "evaluation.view_open"):
        rubrics = rubrics.filter(status=RubricStatus.PUBLISHED)
    return render(
        request,
        "evaluation/list.html",
        {"rubrics": rubrics, "can_manage": access.can(request.user, "evaluation.manage")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def rubric_new(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "evaluation.manage")
    form = RubricForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        rubric = rubric_save(form=form)
        messages.success(request, _("Evaluation %(year)s opened.") % {"year": rubric.year})
        return redirect("evaluation:rubric", rubric.year)
    return render(request, "evaluation/new.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def rubric_edit(request: HttpRequest, year: int) -> HttpResponse:
    """Change an open evaluation's title and weights (the indices follow at once); a published
    one no longer changes."""
    access.require(request.user, "evaluation.manage")
    rubric = get_rubric_for_user(request.user, year)
    if rubric.is_published:
        messages.error(request, _("A published evaluation no longer changes."))
        return redirect("evaluation:rubric", year)
    form = RubricForm(request.POST or None, instance=rubric)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            rubric = rubric_save(form=form)
        except EvaluationClosed as exc:
            messages.error(request, str(exc))
            return redirect("evaluation:rubric", year)
        except StaleEdit as exc:
            conflict = exc
            form = RubricForm({**request.POST.dict(), "version": str(exc.version)}, instance=rubric)
            form.is_valid()
        else:
            messages.success(request, _("Evaluation %(year)s saved.") % {"year": rubric.year})
            return redirect("evaluation:rubric", rubric.year)
    return render(
        request,
        "evaluation/new.html",
        {"form": form, "rubric": rubric, "conflict": conflict},
        status=409 if conflict else 200,
    )


def _province_filter(request: HttpRequest) -> tuple[list[Province], str]:
    """The provinces to choose from, and the code chosen ("" for none, or one not known)."""
    provinces = list(Province.objects.order_by("name"))
    chosen = request.GET.get("province", "")
    return provinces, chosen if chosen in {p.code for p in provinces} else ""


def _dimension_of(dimension: str) -> Callable[[Any], Any]:
    def value(row: Any) -> Any:
        return row.index.dimensions.get(dimension)

    return value


def _ranking_columns() -> list[Column]:
    dimensions = [
        Column(
            f"dim_{value}",
            label,
            (f"dim_{value}",),
            _dimension_of(value),
            num=True,
            abbr=str(label)[6:9],
        )
        for value, label in Dimension.choices
    ]
    return [
        Column("national_rank", gettext_lazy("Rank"), ("national_rank",), num=True),
        Column("group_rank", gettext_lazy("Rank in island group"), ("group_rank",), num=True),
        Column("province_rank", gettext_lazy("Rank in province"), ("province_rank",), num=True),
        Column("region", gettext_lazy("Region"), ("region",), lambda r: r.region.name),
        Column(
            "province", gettext_lazy("Province"), (), lambda r: r.region.province.name, shown=False
        ),
        Column("index", gettext_lazy("Index"), ("index",), lambda r: r.index.overall, num=True),
        Column("change", gettext_lazy("Change"), ("change",), lambda r: r.change, num=True),
        *dimensions,
    ]


def rubric_detail(request: HttpRequest, year: int) -> HttpResponse:
    rubric = get_rubric_for_user(request.user, year)
    rows = results(rubric)
    group = request.GET.get("island_group", "")
    if group in IslandGroup.values:
        rows = [r for r in rows if r.region.province.island_group == group]
    provinces, province = _province_filter(request)
    if province:
        rows = [r for r in rows if r.region.province.code == province]
    found = listing(
        request, rows, _ranking_columns(), per_page=PAGE_SIZE, filename=f"evaluasi-{year}"
    )
    if isinstance(found, HttpResponse):
        return found
    return render(
        request,
        "evaluation/rubric.html",
        {
            "rubric": rubric,
            "page": found.page,
            "listing": found,
            "groups": IslandGroup.choices,
            "island_group": group,
            "provinces": provinces,
            "province": province,
            "query": found.query,
            "components": Component.choices,
            "dimensions": Dimension.choices,
            "can_manage": access.can(request.user, "evaluation.manage"),
            "awaiting": awaiting_verification(rubric),
        },
    )


@login_required
@require_POST
def stage_two(request: HttpRequest, year: int) -> HttpResponse:
    """Open the year's second stage: the national team."""
    access.require(request.user, "evaluation.manage")
    rubric = get_rubric_for_user(request.user, year)
    try:
        stage_two_open(rubric=rubric, user=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Stage II of %(year)s is open: it starts from the stage I scores.") % {"year": year},
        )
    return redirect("evaluation:rubric", year)


@login_required
@require_POST
def rubric_publish(request: HttpRequest, year: int) -> HttpResponse:
    access.require(request.user, "evaluation.manage")
    rubric = get_rubric_for_user(request.user, year)
    asked = confirmation(
        request,
        _("Publish the evaluation %(year)s?") % {"year": year},
        [
            _("Every region's verified index and its ranks become public, with the award letters."),
            _("The scores are closed: no assessor can change them afterwards."),
        ],
        button=_("Publish"),
    )
    if asked:
        return asked
    rubric_publish_service(rubric=rubric)
    messages.success(request, _("Evaluation %(year)s published.") % {"year": year})
    return redirect("evaluation:rubric", year)


def _cells(rubric: Rubric, region: Region) -> dict[tuple[str, str], Score]:
    return {
        (s.dimension, s.component): s
        for s in Score.objects.filter(
            rubric=rubric, region=region, stage=rubric.open_stage
        ).select_related("assessor")
    }


@require_http_methods(["GET", "POST"])
def region_scores(request: HttpRequest, year: int, code: str) -> HttpResponse:
    """The scoring grid of one region: six dimensions × five components."""
    region = get_region_for_user(request.user, code)
    rubric = get_rubric_for_user(request.user, year, region=region)
    is_open = not rubric.is_published
    can_self = is_open and access.can(request.user, "evaluation.self_assess", region)
    can_score = is_open and access.can(request.user, "evaluation.score", region)
    cells = _cells(rubric, region)
    form = ScoreGridForm(
        request.POST if request.method == "POST" else None,
        rubric=rubric,
        cells=cells,
        can_self=can_self,
        can_score=can_score,
        version=grid_version(rubric, region),
    )
    conflict = None
    if request.method == "POST":
        if not (can_self or can_score):
            access.require(request.user, "evaluation.score", region)  # 403 for the rest
            raise Http404  # a published rubric takes no more scores
        if form.is_valid():
            try:
                scores_save(
                    rubric=rubric,
                    region=region,
                    user=request.user,
                    cells=form.cells(),
                    base_version=form.cleaned_data["version"],
                )
            except InvalidScores as exc:
                for problem in exc.problems:
                    form.add_error(None, problem.message)
            except StaleEdit as exc:
                conflict = exc
                form = _grid_form_again(form, exc)
            else:
                messages.success(request, _("Scores saved."))
                return redirect("evaluation:region", year, code)
    grid = [
        {
            "dimension": label,
            "key": dim,
            "cells": [
                {"component": c, "score": cells.get((dim, c)), "fields": form.cell(dim, c)}
                for c, _l in Component.choices
            ],
        }
        for dim, label in Dimension.choices
    ]
    return render(
        request,
        "evaluation/region.html",
        {
            "rubric": rubric,
            "region": region,
            "grid": grid,
            "components": Component.choices,
            "can_self": can_self,
            "can_score": can_score,
            "show_self": not rubric.is_published
            or access.can(request.user, "evaluation.view_open", region),
            "standing": _standing(rubric, region),
            "scored": bool(cells),
            "shared_note": _shared_note(cells),
            "form": form,
            "conflict": conflict,
        },
        status=409 if conflict else 200,
    )


def _standing(rubric: Rubric, region: Region) -> dict[str, Any] | None:
    """The region's index, its rank nationally, in its island group and in its province (each
    of how many) and change on the previous published evaluation; None while no assessor has
    verified a score of it."""
    ranked = results(rubric)
    mine = next((row for row in ranked if row.region.pk == region.pk), None)
    if mine is None:
        return None
    group = region.province.island_group
    return {
        "result": mine,
        "ranked": len(ranked),
        "ranked_in_group": sum(1 for row in ranked if row.region.province.island_group == group),
        "group_label": region.province.get_island_group_display(),
        "ranked_in_province": sum(
            1 for row in ranked if row.region.province_id == region.province_id
        ),
        "previous": rubric.previous_published(),
    }


def _shared_note(cells: dict[tuple[str, str], Score]) -> str:
    """The assessor's note when every cell carries the same one (the demo data writes 'Data
    demo.' into all 30): said once above the grid instead of in each cell. An assessor's note
    is shown once the score is verified, never before."""
    verified = [score for score in cells.values() if score.verified_at]
    notes = {score.assessor_note for score in verified}
    return notes.pop() if len(verified) > 1 and len(notes) == 1 else ""


def _grid_form_again(form: ScoreGridForm, stale: StaleEdit) -> ScoreGridForm:
    """The grid as typed, now based on the current version: saving again replaces what the
    other person saved, knowingly."""
    data = {**form.data.dict(), "version": str(stale.version)}
    again = ScoreGridForm(
        data,
        rubric=form.rubric,
        cells=form.cells_at_open,
        can_self=form.can_self,
        can_score=form.can_score,
        version=str(stale.version),
    )
    again.is_valid()
    return again


def awards(request: HttpRequest, year: int) -> HttpResponse:
    rubric = get_rubric_for_user(request.user, year)
    items = {a.category: a for a in rubric.awards.select_related("proposed", "region")}
    rows = [
        {"category": key, "label": label, "award": items.get(key)}
        for key, label in rubric_categories(rubric)
    ]
    return render(
        request,
        "evaluation/awards.html",
        {
            "rubric": rubric,
            "rows": rows,
            "can_decide": access.can(request.user, "award.decide"),
            "regions": Region.objects.filter(evaluation_scores__rubric=rubric)
            .distinct()
            .order_by("name"),
        },
    )


@login_required
@require_POST
def awards_propose(request: HttpRequest, year: int) -> HttpResponse:
    access.require(request.user, "award.decide")
    rubric = get_rubric_for_user(request.user, year)
    propose_awards(rubric)
    messages.success(request, _("Proposals computed from the evaluation."))
    return redirect("evaluation:awards", year)


@login_required
@require_POST
def award_decide(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "award.decide")
    award = get_award_for_user(request.user, pk)
    code = request.POST.get("region", "")
    region = Region.objects.filter(code=code).first() if code else None
    # Without a region the decision is refused with the reason, unasked.
    asked = region and confirmation(
        request,
        _("Confirm the award %(category)s?") % {"category": category_label(award.category)},
        [
            _("The award goes to %(region)s, with its certificate.") % {"region": region.name},
            _("It is published with the evaluation."),
        ],
        button=_("Confirm the award"),
    )
    if asked:
        return asked
    try:
        decide_award(award, request.user, region, request.POST.get("reason", ""))
    except AwardError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("%(category)s decided.") % {"category": category_label(award.category)}
        )
    return redirect("evaluation:awards", award.rubric.year)


def certificate(request: HttpRequest, pk: int) -> HttpResponse:
    award = get_award_for_user(request.user, pk)
    if award.region is None:
        raise Http404
    filename = f"sertifikat-{award.rubric.year}-{award.region.code}.pdf"
    return document(request, lambda: certificate_pdf(award), filename)


COMPLETION_COLUMNS = [
    Column("region", gettext_lazy("Region"), ("region",), lambda c: c.region.name),
    Column("province", gettext_lazy("Province"), (), lambda c: c.region.province.name, shown=False),
    Column(
        "cohort",
        gettext_lazy("Cohort"),
        ("cohort",),
        lambda c: c.masterplan.cohort.year if c.masterplan.cohort else None,
    ),
    Column("masterplan", gettext_lazy("Masterplan"), ("masterplan",), lambda c: c.masterplan.title),
    Column(
        "demo",
        gettext_lazy("Demo data"),
        (),
        lambda c: _("yes") if c.masterplan.is_demo else _("no"),
        shown=False,
    ),
    Column("completed_on", gettext_lazy("Completed on"), ("completed_on",)),
    Column(
        "certificate",
        gettext_lazy("Certificate"),
        (),
        lambda c: (
            settings.KC_SITE_URL
            + reverse("evaluation:completion_certificate", args=[c.region.code])
        ),
    ),
]


def completion_list(request: HttpRequest) -> HttpResponse:
    """Every region that completed its masterplan, each with its certificate: the award the
    program gives every finisher, besides the best of each year's evaluation. The list sorts
    by its columns and downloads as filtered."""
    rows = completions()
    cohort = request.GET.get("cohort", "")
    cohorts = sorted({c.masterplan.cohort.year for c in rows if c.masterplan.cohort}, reverse=True)
    if cohort.isascii() and cohort.isdigit() and int(cohort) in cohorts:
        rows = [c for c in rows if c.masterplan.cohort and c.masterplan.cohort.year == int(cohort)]
    provinces, province = _province_filter(request)
    if province:
        rows = [c for c in rows if c.region.province.code == province]
    found = listing(
        request, rows, COMPLETION_COLUMNS, per_page=PAGE_SIZE, filename="penyelesaian-masterplan"
    )
    if isinstance(found, HttpResponse):
        return found
    return render(
        request,
        "evaluation/completions.html",
        {
            "page": found.page,
            "listing": found,
            "cohorts": cohorts,
            "cohort": cohort,
            "provinces": provinces,
            "province": province,
            "query": found.query,
        },
    )


def completion_certificate(request: HttpRequest, code: str) -> HttpResponse:
    completion = completion_of(code)
    if completion is None:
        raise Http404
    filename = f"piagam-penyelesaian-{code}.pdf"
    return document(request, lambda: completion_certificate_pdf(completion), filename)


def result_letter(request: HttpRequest, year: int, code: str) -> HttpResponse:
    """The letter telling a region its result, once the evaluation is published and the region
    ranked (404 before: there is no result to tell)."""
    region = get_region_for_user(request.user, code)
    rubric = get_rubric_for_user(request.user, year, region=region)
    standing = _standing(rubric, region) if rubric.is_published else None
    if standing is None:
        raise Http404
    filename = f"hasil-evaluasi-{year}-{code}.pdf"
    return document(request, lambda: result_letter_pdf(rubric, region, standing), filename)
