"""Readiness pages: a region's assessment (answers, scores, profile, gaps) and the items."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import access
from readiness.defaults import questionnaire_for
from readiness.models import SCALE_MAX, Answer, Assessment, Item, Part
from readiness.profile import readiness_gaps, readiness_profile
from selection.models import SelectionRound


def _cohort(user: Any, pk: int) -> SelectionRound:
    cohort = access.get_round_for_user(user, pk)
    if not cohort.is_published:
        raise Http404
    return cohort


def _score(value: str, label: str, errors: list[str]) -> int | None:
    value = value.strip()
    if not value:
        return None
    if not value.isdigit() or int(value) > SCALE_MAX:
        errors.append(_("%(item)s: a score is a whole number from 0 to 4.") % {"item": label})
        return None
    return int(value)


@require_http_methods(["GET", "POST"])
def assessment(request: HttpRequest, cohort: int, code: str) -> HttpResponse:
    selection_round = _cohort(request.user, cohort)
    region = access.get_region_for_user(request.user, code)
    access.require(request.user, "readiness.view", region)
    questionnaire = questionnaire_for(selection_round)
    record, _created = Assessment.objects.get_or_create(region=region, questionnaire=questionnaire)
    can_answer = access.can(request.user, "readiness.answer", region) and not record.submitted_at
    can_score = access.can(request.user, "readiness.score", region)
    items = list(questionnaire.items.all())
    answers = {a.item_id: a for a in record.answers.all()}
    if request.method == "POST":
        if not (can_answer or can_score):
            raise PermissionDenied
        errors: list[str] = []
        if str(record.version) != request.POST.get("version"):
            errors.append(
                _("Someone saved this assessment after you opened it: reload and try again.")
            )
        rows = []
        for item in items:
            answer = answers.get(item.pk) or Answer(assessment=record, item=item)
            if can_answer:
                answer.self_score = _score(
                    request.POST.get(f"self_{item.pk}", ""), item.text, errors
                )
                answer.answer = request.POST.get(f"answer_{item.pk}", "")[:3000]
                answer.evidence = request.POST.get(f"evidence_{item.pk}", "")[:500]
            if can_score:
                score = _score(request.POST.get(f"score_{item.pk}", ""), item.text, errors)
                if score != answer.assessor_score:
                    answer.assessor = request.user  # type: ignore[assignment]
                answer.assessor_score = score
                answer.assessor_note = request.POST.get(f"note_{item.pk}", "")[:3000]
            rows.append(answer)
        if errors:
            messages.error(request, _("Not saved: %(errors)s") % {"errors": " ".join(errors)})
            return redirect("readiness:assessment", cohort, code)
        with transaction.atomic():
            current = Assessment.objects.select_for_update().get(pk=record.pk)
            if current.version != record.version:
                messages.error(
                    request,
                    _("Someone saved this assessment after you opened it: reload and try again."),
                )
                return redirect("readiness:assessment", cohort, code)
            for answer in rows:
                answer.save()
            current.version += 1
            current.save()
        messages.success(request, _("Saved."))
        return redirect("readiness:assessment", cohort, code)
    table: list[dict[str, Any]] = [{"item": i, "answer": answers.get(i.pk)} for i in items]
    return render(
        request,
        "readiness/assessment.html",
        {
            "cohort": selection_round,
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
            "scale": range(SCALE_MAX + 1),
        },
    )


@login_required
@require_POST
def submit(request: HttpRequest, cohort: int, code: str) -> HttpResponse:
    selection_round = _cohort(request.user, cohort)
    region = access.get_region_for_user(request.user, code)
    access.require(request.user, "readiness.answer", region)
    record, _created = Assessment.objects.get_or_create(
        region=region, questionnaire=questionnaire_for(selection_round)
    )
    missing = record.questionnaire.items.exclude(
        answers__assessment=record, answers__self_score__isnull=False
    ).count()
    if missing:
        messages.error(
            request, _("%(n)s items have no self-assessment score yet.") % {"n": missing}
        )
    else:
        record.submitted_at = timezone.now()
        record.version += 1
        record.save()
        messages.success(request, _("Submitted to the assessors."))
    return redirect("readiness:assessment", cohort, code)


@login_required
@require_http_methods(["GET", "POST"])
def items(request: HttpRequest, cohort: int) -> HttpResponse:
    """The cohort's questionnaire; the national team adds and removes items."""
    selection_round = _cohort(request.user, cohort)
    access.require(request.user, "readiness.view")
    questionnaire = questionnaire_for(selection_round)
    if request.method == "POST":
        access.require(request.user, "readiness.manage")
        if request.POST.get("delete"):
            questionnaire.items.filter(pk=request.POST["delete"], answers=None).delete()
        else:
            part, subpart = request.POST.get("part", ""), request.POST.get("subpart", "")
            text = request.POST.get("text", "").strip()
            if part in Part.values and text and subpart:
                Item.objects.create(
                    questionnaire=questionnaire,
                    part=part,
                    subpart=subpart,
                    text=text[:300],
                    guidance=request.POST.get("guidance", "")[:300],
                    position=questionnaire.items.count(),
                )
            else:
                messages.error(request, _("Give the part, the aspect and the question."))
        return redirect("readiness:items", cohort)
    from readiness.models import SUBPART_CHOICES

    return render(
        request,
        "readiness/items.html",
        {
            "cohort": selection_round,
            "questionnaire": questionnaire,
            "items": questionnaire.items.all(),
            "parts": Part.choices,
            "subparts": SUBPART_CHOICES,
            "can_manage": access.can(request.user, "readiness.manage"),
        },
    )
