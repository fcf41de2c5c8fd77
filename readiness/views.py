"""Readiness pages: a cohort's regions, a region's assessment (answers, scores), its profile
and gaps, the Excel export, and the cohort's questionnaire items."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import access
from audit.versioning import VersionConflict, save_versioned
from enrolment.services import cohort_codes
from kotacerdas.downloads import attachment
from readiness.access import (
    get_assessment_for_user,
    get_cohort_for_user,
    get_item_for_user,
    visible_region_codes,
)
from readiness.defaults import questionnaire_for
from readiness.export import assessment_workbook
from readiness.forms import AssessmentForm, ItemForm
from readiness.models import SCALE_MAX, Assessment, Part
from readiness.profile import readiness_gaps, readiness_profile
from readiness.services import (
    AssessmentIncomplete,
    AssessmentLocked,
    assessment_reopen,
    assessment_save,
    assessment_submit,
)
from regions.models import Region

STALE = "Someone saved this assessment after you opened it: reload and try again."


@login_required
def cohort(request: HttpRequest, cohort: int) -> HttpResponse:
    """The cohort's regions with the state and profile of each one's assessment."""
    selection_round = get_cohort_for_user(request.user, cohort)
    codes = visible_region_codes(request.user, cohort_codes(selection_round))
    national = access.can(request.user, "readiness.view")
    if not codes and not national:
        raise PermissionDenied
    questionnaire = questionnaire_for(selection_round)
    assessments = {
        a.region_id: a
        for a in Assessment.objects.with_progress()
        .filter(questionnaire=questionnaire, region__code__in=codes)
        .prefetch_related("answers", "questionnaire__items")
    }
    rows: list[dict[str, Any]] = []
    for region in Region.objects.filter(code__in=codes).select_related("province"):
        record = assessments.get(region.pk)
        rows.append(
            {
                "region": region,
                "assessment": record,
                "profile": readiness_profile(record) if record else [],
            }
        )
    return render(
        request,
        "readiness/cohort.html",
        {"cohort": selection_round, "rows": rows, "national": national},
    )


@require_http_methods(["GET", "POST"])
def assessment(request: HttpRequest, cohort: int, code: str) -> HttpResponse:
    changes = ("readiness.answer", "readiness.score") if request.method == "POST" else ""
    record = get_assessment_for_user(request.user, cohort, code, changes)
    region = record.region
    can_answer = access.can(request.user, "readiness.answer", region) and not record.submitted_at
    can_score = access.can(request.user, "readiness.score", region)
    items = list(record.questionnaire.items.all())
    answers_by_item = {a.item_id: a for a in record.answers.all()}
    form = AssessmentForm(
        request.POST if request.method == "POST" else None,
        items=items,
        answers=answers_by_item,
        can_answer=can_answer,
        can_score=can_score,
        version=record.version,
    )
    conflict = None
    if request.method == "POST":
        if not (can_answer or can_score):
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                assessment_save(
                    assessment=record,
                    base_version=data["version"],
                    answers=form.answers(),
                    scores=form.scores(),
                    assessor=request.user if can_score else None,  # type: ignore[arg-type]
                )
            except VersionConflict as exc:
                conflict = exc
                form = AssessmentForm(
                    {**request.POST.dict(), "version": str(exc.version)},
                    items=items,
                    answers=answers_by_item,
                    can_answer=can_answer,
                    can_score=can_score,
                    version=int(exc.version),
                )
            except AssessmentLocked as exc:
                messages.error(request, str(exc))
                return redirect("readiness:assessment", cohort, code)
            else:
                messages.success(request, _("Saved."))
                return redirect("readiness:assessment", cohort, code)
    table: list[dict[str, Any]] = [
        {"item": i, "answer": answers_by_item.get(i.pk), "fields": form.row(i)} for i in items
    ]
    return render(
        request,
        "readiness/assessment.html",
        {
            "cohort": record.questionnaire.cohort,
            "region": region,
            "assessment": record,
            "parts": [
                {
                    "key": value,
                    "label": label,
                    "rows": [r for r in table if r["item"].part == value],
                }
                for value, label in Part.choices
            ],
            "profile": readiness_profile(record),
            "gaps": readiness_gaps(record),
            "can_answer": can_answer,
            "can_score": can_score,
            "can_reopen": bool(record.submitted_at)
            and access.can(request.user, "readiness.manage"),
            "form": form,
            "conflict": conflict,
        },
        status=409 if conflict else 200,
    )


def profile(request: HttpRequest, cohort: int, code: str) -> HttpResponse:
    """The region's readiness profile per part (own and assessor's scores) and its gaps."""
    record = get_assessment_for_user(request.user, cohort, code)
    parts = readiness_profile(record)
    return render(
        request,
        "readiness/profile.html",
        {
            "cohort": record.questionnaire.cohort,
            "region": record.region,
            "assessment": record,
            "profile": parts,
            "chart": _chart(parts),
            "gaps": readiness_gaps(record),
            "scale": range(SCALE_MAX + 1),
        },
    )


def _chart(parts: list[Any]) -> dict[str, Any]:
    """Geometry of the profile's bar chart: per part the region's own bar and the assessor's."""
    row, bar, left, width = 46, 16, 150, 400
    rows = []
    for n, part in enumerate(parts):
        y = 10 + n * row
        bars = []
        for k, (kind, value) in enumerate(
            (("own", part.self_score), ("assessor", part.assessor_score))
        ):
            length = float(value) / SCALE_MAX * width if value is not None else 0
            bars.append({"kind": kind, "y": y + k * (bar + 2), "w": round(length, 1), "v": value})
        rows.append({"label": part.label, "y": y + bar + 1, "bars": bars})
    ticks = [{"x": left + width * t / SCALE_MAX, "t": t} for t in range(SCALE_MAX + 1)]
    return {
        "rows": rows,
        "ticks": ticks,
        "left": left,
        "width": width,
        "height": 10 + len(parts) * row + 14,
        "bar": bar,
    }


def export(request: HttpRequest, cohort: int, code: str) -> HttpResponse:
    record = get_assessment_for_user(request.user, cohort, code)
    name = f"kesiapan-{record.questionnaire.cohort.year}-{record.region.code}.xlsx"
    return attachment(assessment_workbook(record), name)


@login_required
@require_POST
def submit(request: HttpRequest, cohort: int, code: str) -> HttpResponse:
    record = get_assessment_for_user(request.user, cohort, code, "readiness.answer")
    try:
        assessment_submit(assessment=record)
    except AssessmentIncomplete as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Submitted to the assessors."))
    return redirect("readiness:assessment", cohort, code)


@login_required
@require_POST
def reopen(request: HttpRequest, cohort: int, code: str) -> HttpResponse:
    """The national team gives a submitted self-assessment back to the region."""
    record = get_assessment_for_user(request.user, cohort, code, "readiness.manage")
    assessment_reopen(assessment=record)
    messages.success(request, _("The region can change its answers again."))
    return redirect("readiness:assessment", cohort, code)


@login_required
@require_http_methods(["GET", "POST"])
def items(request: HttpRequest, cohort: int) -> HttpResponse:
    """The cohort's questionnaire; the national team adds, removes and reorders items."""
    selection_round = get_cohort_for_user(request.user, cohort)
    access.require(request.user, "readiness.view")
    if request.method == "POST":
        access.require(request.user, "readiness.manage")
    questionnaire = questionnaire_for(selection_round)
    if request.method == "POST":
        if request.POST.get("delete"):
            removed = questionnaire.items.filter(pk=request.POST["delete"], answers=None).delete()
            if not removed[0]:
                messages.error(request, _("A question that regions answered stays."))
        elif request.POST.get("move"):
            _move(questionnaire.items.all(), request.POST["move"], request.POST.get("to", ""))
        else:
            form = ItemForm(request.POST)
            if form.is_valid():
                item = form.save(commit=False)
                item.questionnaire = questionnaire
                item.position = questionnaire.items.count()
                item.save()
                return redirect("readiness:items", cohort)
            return _items_page(request, selection_round, questionnaire, form)
        return redirect("readiness:items", cohort)
    return _items_page(request, selection_round, questionnaire, ItemForm())


def _items_page(
    request: HttpRequest, selection_round: Any, questionnaire: Any, form: ItemForm
) -> HttpResponse:
    return render(
        request,
        "readiness/items.html",
        {
            "cohort": selection_round,
            "questionnaire": questionnaire,
            "items": questionnaire.items.in_program_order(),
            "form": form,
            "can_manage": access.can(request.user, "readiness.manage"),
        },
    )


def _move(items: Any, pk: str, to: str) -> None:
    """Swap an item with its neighbour in the same part (renumbering the part first)."""
    item = items.filter(pk=pk if pk.isdigit() else 0).first()
    if item is None or to not in ("up", "down"):
        return
    siblings = list(items.filter(part=item.part).order_by("position", "pk"))
    index = next(i for i, s in enumerate(siblings) if s.pk == item.pk)
    other = index - 1 if to == "up" else index + 1
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    with transaction.atomic():
        for position, sibling in enumerate(siblings):
            if sibling.position != position:
                sibling.position = position
                sibling.save(update_fields=["position"])


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, cohort: int, pk: int) -> HttpResponse:
    item = get_item_for_user(request.user, cohort, pk, "readiness.manage")
    selection_round = item.questionnaire.cohort
    form = ItemForm(request.POST or None, instance=item)
    conflict = None
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in ItemForm.Meta.fields}
        try:
            save_versioned(item, base_version=form.cleaned_data["version"] or 0, values=values)
        except VersionConflict as exc:
            conflict = exc
            form = ItemForm({**request.POST.dict(), "version": str(exc.version)}, instance=item)
            form.is_valid()
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("readiness:items", cohort)
    return render(
        request,
        "readiness/item_edit.html",
        {"cohort": selection_round, "item": item, "form": form, "conflict": conflict},
        status=409 if conflict else 400 if form.errors else 200,
    )
