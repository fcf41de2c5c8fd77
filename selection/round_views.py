import logging
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from accounts import access
from audit.versioning import StaleEdit
from enrolment.movement import cohort_count, movement
from enrolment.progress import enrolment_of
from kotacerdas.confirm import confirmation
from kotacerdas.downloads import attachment
from kotacerdas.lists import Column, listing
from kotacerdas.paging import filters_query, page_of
from kotacerdas.params import id_param
from kotacerdas.pdf import PdfUnavailable
from regions.models import IslandGroup, Region
from selection.access import get_round_for_user
from selection.exports import (
    EXPORT_FORMATS,
    autonomous_only,
    export_filename,
    scored_on_demo,
)
from selection.models import (
    Indicator,
    RoundStatus,
    SelectionRound,
)
from selection.round_forms import OverrideForm, RoundForm
from selection.rounds import (
    RoundError,
    build_snapshot,
    compute,
    final_selection,
    previously_selected,
    round_compute,
    round_override,
    round_publish,
    round_save,
)

RESULTS_PER_PAGE = 100
# What publishing a round does, as its confirmation says it.
PUBLISHING = [
    gettext_lazy(
        "Its ranking, scores and inputs become public on the round's page, in the exports and "
        "in the API."
    ),
    gettext_lazy(
        "The round can no longer change: weights, quotas, results and the committee's "
        "decisions are final."
    ),
]
logger = logging.getLogger(__name__)


ROUND_COLUMNS = [
    Column("name", gettext_lazy("Round"), ("name",)),
    Column("year", gettext_lazy("Year"), ("year",)),
    Column("method", gettext_lazy("Method"), ("method",), lambda r: r.get_method_display()),
    Column("total", gettext_lazy("Regions"), ("total",), num=True),
    Column("status", gettext_lazy("Status"), ("status",), lambda r: r.get_status_display()),
]


def round_list(request: HttpRequest) -> HttpResponse:
    rounds = SelectionRound.objects.visible_to(request.user)
    status = request.GET.get("status", "")
    if status in RoundStatus.values:
        rounds = rounds.filter(status=status)
    found = listing(request, rounds, ROUND_COLUMNS, per_page=25, filename="putaran-seleksi")
    if isinstance(found, HttpResponse):
        return found
    counts = movement()
    by_round = {count.round.pk: count for count in counts.cohorts}
    for listed in found.page.object_list:
        listed.cohort_count = by_round.get(listed.pk)
    return render(
        request,
        "selection/rounds.html",
        {
            "page": found.page,
            "listing": found,
            "status": status,
            "statuses": RoundStatus.choices,
            "query": found.query,
            "movement": counts,
            "can_manage": access.can(request.user, "round.manage"),
        },
    )


def _spread(regions: Any, selection_round: SelectionRound) -> list[dict[str, Any]]:
    """Selected regions per island group against the round's quotas."""
    counts = {g.value: 0 for g in IslandGroup}
    for region in regions:
        counts[region.province.island_group] += 1
    quotas = selection_round.quotas or {}
    largest = max(counts.values(), default=0) or 1
    return [
        {
            "label": g.label,
            "key": g.value,
            "count": counts[g.value],
            "min": quotas.get("group_min", {}).get(g.value, 0),
            "max": quotas.get("group_max", {}).get(g.value),
            "largest": largest,
        }
        for g in IslandGroup
    ]


def map_points(selection_round: SelectionRound, final: set[str]) -> list[dict[str, Any]]:
    """Every kota/kabupaten at its capital, with its status in this round."""
    earlier = set(previously_selected(selection_round))
    results = {r.region_id: r for r in selection_round.results.all()}
    points = []
    for region in Region.objects.exclude(latitude=None).order_by("code"):
        result = results.get(region.pk)
        if region.code in final:
            status = "selected"
        elif region.code in earlier:
            status = "selected_earlier"
        elif (result is not None and not result.eligible) or not region.autonomous:
            status = "not_eligible"
        else:
            status = "not_selected"
        points.append(
            {
                "code": region.code,
                "name": region.name,
                "status": status,
                "lat": float(region.latitude or 0),
                "lon": float(region.longitude or 0),
                "rank": result.rank if result else None,
                "score": round(result.score, 3) if result and result.score is not None else None,
            }
        )
    return points


def value_notes(selection_round: SelectionRound) -> list[dict[str, Any]]:
    """Per indicator of a computed round: the years its values come from (a year before the
    round's is carried forward), how many are demo, and the regions whose missing value was
    filled by the round's imputation. Empty for a round computed before this was recorded."""
    snapshot = selection_round.input_snapshot or {}
    if "value_years" not in snapshot:
        return []
    year = snapshot["indicator_year"]
    names = dict(Region.objects.values_list("code", "name"))
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=snapshot["value_years"])}
    notes = []
    for code, years in snapshot["value_years"].items():
        notes.append(
            {
                "indicator": indicators.get(code, code),
                "years": [
                    {"year": int(y), "count": n, "carried": int(y) < year, "later": int(y) > year}
                    for y, n in sorted(years.items())
                ],
                "demo": snapshot["value_demo"].get(code, 0),
                "imputed": [names.get(c, c) for c in snapshot["imputed"].get(code, [])],
            }
        )
    return notes


def _can_see_readiness(user: Any, selection_round: SelectionRound) -> bool:
    """Whether the cohort's readiness page lets ``user`` in: national roles, and the people of
    one of its regions (as that page decides)."""
    if not selection_round.is_published or not user.is_authenticated:
        return False
    from enrolment.services import cohort_codes
    from readiness.access import visible_region_codes

    return access.can(user, "readiness.view") or bool(
        visible_region_codes(user, cohort_codes(selection_round))
    )


def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    selection_round = get_round_for_user(request.user, pk)
    results = selection_round.results.select_related("region__province")
    show = request.GET.get("show", "selected")
    group = request.GET.get("island_group", "")
    if show == "selected":
        results = results.filter(selected=True)
    if group in IslandGroup.values:
        results = results.filter(region__province__island_group=group)
    final = set(final_selection(selection_round))
    chosen_regions = Region.objects.filter(code__in=final).select_related("province")
    page = page_of(request, results.order_by("rank", "region__code"), RESULTS_PER_PAGE)
    criteria = list((selection_round.input_snapshot or {}).get("criteria", []))
    cohort = cohort_count(selection_round) if selection_round.is_published else None
    return render(
        request,
        "selection/round_detail.html",
        {
            "round": selection_round,
            "page": page,
            "show": show,
            "island_group": group,
            "query": filters_query(request) or f"show={show}",
            "groups": IslandGroup.choices,
            "final": final,
            "criteria": criteria,
            "value_notes": value_notes(selection_round),
            "uses_demo": scored_on_demo(selection_round),
            "autonomous_only": autonomous_only(selection_round),
            "spread": _spread(chosen_regions, selection_round),
            "overrides": selection_round.overrides.select_related("region", "decided_by"),
            "override_form": OverrideForm(),
            "can_see_readiness": _can_see_readiness(request.user, selection_round),
            "can_manage": access.can(request.user, "round.manage")
            and not selection_round.is_published,
            "others": SelectionRound.objects.visible_to(request.user).exclude(pk=pk),
            "map_points": map_points(selection_round, final),
            "map_label": _("Map of %(round)s") % {"round": selection_round.name},
            "enrolment": enrolment_of(selection_round) if selection_round.is_published else None,
            "cohort": cohort,
            "published_cohort": cohort.record if cohort else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if pk is None:
        access.require(request.user, "round.manage")
        selection_round = SelectionRound(
            year=2026, total=50, indicator_year=2024, created_by=request.user
        )  # type: ignore[misc]
    else:
        selection_round = get_round_for_user(request.user, pk, "round.manage")
        if selection_round.is_published:
            messages.error(request, _("A published round cannot be changed."))
            return redirect("selection:round", pk=pk)
    form = RoundForm(request.POST or None, instance=selection_round)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            selection_round = round_save(
                selection_round=form.apply(), base_version=form.cleaned_data.get("version")
            )
        except StaleEdit as exc:
            conflict = exc
            fresh = get_round_for_user(request.user, selection_round.pk, "round.manage")
            form = RoundForm({**request.POST.dict(), "version": str(exc.version)}, instance=fresh)
            form.is_valid()
        except RoundError as exc:
            messages.error(request, " ".join(exc.problems))
            return redirect("selection:round", pk=pk)
        else:
            messages.success(request, _("Round saved as a draft. Compute it to see the result."))
            return redirect("selection:round", pk=selection_round.pk)
    return render(
        request,
        "selection/round_edit.html",
        {"round": selection_round, "form": form, "conflict": conflict},
        status=409 if conflict else 200,
    )


@login_required
@require_POST
def round_preview(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """The editor's live preview: compute from the form without saving (no sensitivity)."""
    base = (
        get_round_for_user(request.user, pk, "round.manage")
        if pk is not None
        else SelectionRound(year=2026, total=50, indicator_year=2024)
    )
    access.require(request.user, "round.manage")
    form = RoundForm(request.POST, instance=base)
    context: dict[str, Any] = {"problems": [], "rows": []}
    if not form.is_valid():
        context["problems"] = [str(e) for errors in form.errors.values() for e in errors]
    else:
        candidate = form.apply()
        try:
            snapshot = build_snapshot(candidate)
            outcome = compute(snapshot, with_sensitivity=False)
        except RoundError as exc:
            context["problems"] = exc.problems
        else:
            names = dict(Region.objects.values_list("code", "name"))
            chosen = sorted((r for r in outcome.rows if r["selected"]), key=lambda r: r["rank"])
            context["rows"] = [{**r, "name": names[r["region"]]} for r in chosen]
            context["demo"] = any(snapshot["value_demo"].values())
            context["spread"] = _spread(
                Region.objects.filter(code__in=[r["region"] for r in chosen]).select_related(
                    "province"
                ),
                candidate,
            )
    return render(request, "selection/_preview.html", context)


@login_required
@require_POST
def round_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    selection_round = get_round_for_user(request.user, pk, "round.manage")
    try:
        if action == "compute":
            round_compute(selection_round=selection_round)
            messages.success(request, _("Round computed."))
        elif action == "publish":
            # A round that cannot be published is told so by round_publish, unasked.
            if selection_round.status == RoundStatus.COMPUTED:
                title = _("Publish %(round)s?") % {"round": selection_round.name}
                asked = confirmation(request, title, PUBLISHING, button=_("Publish"))
                if asked:
                    return asked
            round_publish(selection_round=selection_round)
            messages.success(request, _("Round published: it can no longer change."))
        else:
            form = OverrideForm(request.POST)
            if not form.is_valid():
                for errors in form.errors.values():
                    for error in errors:
                        messages.error(request, str(error))
                return redirect("selection:round", pk=pk)
            round_override(
                selection_round=selection_round,
                region=form.cleaned_data["region"],
                action=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
                user=request.user,
            )
            messages.success(request, _("Committee decision recorded."))
    except RoundError as exc:
        for problem in exc.problems:
            messages.error(request, problem)
    return redirect("selection:round", pk=pk)


def round_compare(request: HttpRequest) -> HttpResponse:
    rounds = SelectionRound.objects.visible_to(request.user)
    first = rounds.filter(pk=id_param(request.GET.get("a")) or 0).first()
    second = rounds.filter(pk=id_param(request.GET.get("b")) or 0).first()
    context: dict[str, Any] = {"rounds": rounds, "first": first, "second": second}
    if first and second:
        before, after = set(final_selection(first)), set(final_selection(second))
        regions = {
            r.code: r
            for r in Region.objects.filter(code__in=before | after).select_related("province")
        }
        reasons = {
            r.region.code: r
            for r in second.results.filter(region__code__in=before - after).select_related("region")
        }
        context.update(
            {
                "entered": [regions[c] for c in sorted(after - before)],
                "left": [(regions[c], reasons.get(c)) for c in sorted(before - after)],
                "both": [regions[c] for c in sorted(before & after)],
                "demo_rounds": [r for r in (first, second) if scored_on_demo(r)],
            }
        )
    return render(request, "selection/round_compare.html", context)


def round_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The round as CSV or Excel (for analysis) or PDF (the decision report a committee signs).

    Published rounds are public, drafts are for national roles: the same check as the round page.
    """
    selection_round = get_round_for_user(request.user, pk)
    export = EXPORT_FORMATS.get(fmt)
    if export is None or selection_round.status == RoundStatus.DRAFT:
        raise Http404
    try:
        content = export.build(selection_round)
    except PdfUnavailable:
        logger.exception("PDF report of round %s could not be built", pk)
        return render(
            request,
            "selection/export_unavailable.html",
            {"round": selection_round},
            status=503,
        )
    filename = export_filename(selection_round, export.extension)
    return attachment(content, filename, export.content_type)
