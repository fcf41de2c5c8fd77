"""Delivery pages: a region's map of geotagged evidence photos, and the national ranking of
regions by delivery with its method."""

from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kotacerdas.paging import filters_query, page_of
from monitoring import delivery, stages
from monitoring.models import DeliveryRanking, Evidence, EvidenceKind, Stage
from monitoring.progress import REPORT_GRACE_DAYS
from monitoring.rankings import latest_ranking, previous_ranking, ranked_rows
from regions.access import get_region_for_user

RANKING_PAGE_SIZE = 100


def _stage_on(dates: dict[str, date | None], moment: date) -> str:
    """The stage the program was at on ``moment``."""
    reached = {name: on for name, on in dates.items() if on is not None and on <= moment}
    current = stages.current_stage(reached)
    return str(Stage(current).label) if current else ""


@login_required
def region_map(request: HttpRequest, code: str) -> HttpResponse:
    """Every photo of the region's programs that knows where it was taken, on a map and in a
    table: for those who watch the region's progress."""
    region = get_region_for_user(request.user, code, "progress.watch")
    photos = list(
        Evidence.objects.filter(
            kind=EvidenceKind.PHOTO,
            latitude__isnull=False,
            longitude__isnull=False,
            report__program__masterplan__region=region,
        )
        .select_related("report__program")
        .prefetch_related("report__program__stages")
        .order_by("report__program__code", "taken_at", "pk")
    )
    rows: list[dict[str, Any]] = []
    points: list[dict[str, Any]] = []
    for photo in photos:
        program = photo.report.program
        moment = timezone.localtime(photo.taken_at or photo.uploaded_at)
        stage = _stage_on({s.stage: s.actual_date for s in program.stages.all()}, moment.date())
        rows.append({"photo": photo, "program": program, "moment": moment, "stage": stage})
        points.append(
            {
                "lat": float(photo.latitude or 0),
                "lon": float(photo.longitude or 0),
                "title": f"{program.code} {program.title}",
                "url": reverse("monitoring:program", args=[program.pk]),
                "photo": reverse("monitoring:evidence", args=[photo.pk]),
                "caption": photo.caption or photo.original_name,
                "stage": stage,
                "date": date_format(moment, "DATETIME_FORMAT"),
                "phase": str(photo.get_phase_display()) if photo.phase else "",
                "phase_code": photo.phase,
            }
        )
    return render(
        request,
        "monitoring/region_map.html",
        {
            "region": region,
            "rows": rows,
            "points": points,
            "map_label": _("Evidence photos of %(region)s") % {"region": region.name},
        },
    )


def delivery_ranking(request: HttpRequest) -> HttpResponse:
    """The newest delivery ranking, or the period asked for (``?periode=2027-Q2``), with each
    region's change in rank since the ranking before and the method written out."""
    asked = request.GET.get("periode", "")
    ranking = DeliveryRanking.objects.filter(period=asked).first() if asked else latest_ranking()
    if asked and ranking is None:
        raise Http404
    previous = previous_ranking(ranking) if ranking else None
    rows: list[Any] = ranked_rows(ranking, previous) if ranking else []
    periods = DeliveryRanking.objects.order_by("-year", "-quarter")
    return render(
        request,
        "monitoring/delivery.html",
        {
            "ranking": ranking,
            "previous": previous,
            "page": page_of(request, rows, RANKING_PAGE_SIZE),
            "query": filters_query(request),
            "periods": periods,
            "weights": ranking.weights if ranking else delivery.WEIGHTS,
            "grace_days": REPORT_GRACE_DAYS,
            "any_demo": bool(ranking and ranking.rows.filter(is_demo=True).exists()),
        },
    )
