import json
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts import access
from enrolment.movement import cohort_choices, movement
from kotacerdas import pagecache
from kotacerdas.params import id_param
from portal import opendata
from portal.dashboard import (
    DASHBOARD_SECONDS,
    MAP_MEASURES,
    Filters,
    board_key,
    cached_board,
    masterplans_seen_by,
)
from portal.summary import national_summary
from regions.models import IslandGroup, Province
from selection.models import SelectionRound


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/home.html",
        {
            "movement": movement_now(),
            "summary": national_summary(),
            "my_regions": access.regions_for(request.user, "region.edit")[:10]
            if request.user.is_authenticated and not access.is_national_staff(request.user)
            else [],
        },
    )


def movement_now() -> dict[str, Any]:
    """The movement at a glance for the home page: regions in it (by the official counts and
    by name), masterplans in force, quick wins done, and the consultations open now."""
    from masterplans.models import Masterplan, Program
    from monitoring.progress import newest_reports
    from participation.models import ConsultationWindow

    quick_wins = Program.objects.filter(
        masterplan__in=Masterplan.objects.in_force(), is_quick_win=True
    )
    newest = newest_reports(quick_wins)
    return {
        "regions": movement(),
        "in_force": Masterplan.objects.in_force().count(),
        "quick_wins": len(newest),
        "quick_wins_done": sum(1 for n in newest.values() if n.status == "done"),
        "consultations": list(
            ConsultationWindow.objects.open_now()
            .select_related("masterplan__region")
            .order_by("closes_at")[:10]
        ),
    }


def about(request: HttpRequest) -> HttpResponse:
    manifest = json.loads((settings.KC_DATA_DIR / "manifest.json").read_text(encoding="utf-8"))
    return render(request, "portal/about.html", {"manifest": manifest})


def dashboard(request: HttpRequest) -> HttpResponseBase:
    """The national picture: regions and residents in the program, masterplans, quick wins,
    budgets and the evaluation, all public, filterable by island group, province and cohort."""
    access.require(request.user, "region.view")
    group = request.GET.get("island_group", "")
    province = request.GET.get("province", "")
    cohort = request.GET.get("cohort", "")
    filters = Filters(
        island_group=group if group in IslandGroup.values else "",
        province=province if province and Province.objects.filter(code=province).exists() else "",
        # Only values that name something: every other one would be a page in the cache.
        cohort=cohort_id
        if (cohort_id := id_param(cohort)) is not None
        and SelectionRound.objects.published().filter(pk=cohort_id).exists()
        else None,
    )
    measure = request.GET.get("map", "cohort")
    if measure not in MAP_MEASURES:
        measure = "cohort"
    query = filters.query(map="" if measure == "cohort" else measure)
    url = request.path + (f"?{query}" if query else "")

    def page(extra: dict[str, Any]) -> HttpResponse:
        board = cached_board(filters, measure)
        masterplans = masterplans_seen_by(board, request.user)
        largest = max([b.value for b in masterplans + board.quick_wins] or [0]) or 1
        budget_largest = (
            max([max(row["planned"], row["realised"]) for row in board.budget] or [0]) or 1
        )
        return render(
            request,
            "portal/dashboard.html",
            {
                "board": board,
                # Each counted as the list it links to shows them to this reader.
                "masterplans": masterplans,
                "largest": largest,
                "budget_largest": budget_largest,
                "drafts_visible": access.can(request.user, "masterplan.view_draft"),
                "groups": IslandGroup.choices,
                "provinces": Province.objects.order_by("code"),
                "cohorts": cohort_choices(),
                "measure": measure,
                "measures": [
                    ("cohort", _("Cohort")),
                    ("score", _("Selection score")),
                    ("index", _("Evaluation index")),
                    ("quick_win", _("Quick-win progress")),
                ],
                "map_label": _("Map of the program"),
                # The same for every request of this page, however its parameters were written.
                "language_next": url,
                **extra,
            },
        )

    # The key of the board (filters, measure, language, data version) names the page too.
    return pagecache.anonymous_page(
        request, board_key(filters, measure), page, timeout=DASHBOARD_SECONDS
    )


def open_data(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "region.view")
    return render(
        request,
        "portal/open_data.html",
        {"datasets": opendata.DATASETS.values(), "formats": opendata.FORMATS},
    )


def open_data_file(request: HttpRequest, dataset: str, fmt: str) -> HttpResponse:
    access.require(request.user, "region.view")
    found = opendata.DATASETS.get(dataset)
    if found is None or fmt not in opendata.FORMATS:
        raise Http404
    response = HttpResponse(opendata.render(found, fmt), content_type=opendata.FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="kotacerdas-{found.slug}.{fmt}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
