"""The national delivery ranking over the API: the ranked quarters, and one quarter's ranking
with its method and each region's change in rank (the page /pemantauan/peringkat/)."""

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema

from api.auth import READ_AUTH
from api.errors import documented_errors
from monitoring.models import DeliveryRanking
from monitoring.rankings import previous_ranking, ranked_rows

router = Router(tags=["follow-through"])

METHOD = (
    "For the quarter, each region with programs of an approved or enacted masterplan running "
    "that year is measured from 1 January to the end of the quarter on: on_time (stages reached "
    "by their planned date / stages planned then), realisation (budget realised / a quarter of "
    "the year's planned budget per quarter, at most 1) and punctuality (quarterly reports filed "
    "by their due date / reports due). score = 100 × Σ weight × part / Σ weight over the parts "
    "with something due, rounded to two decimals; equal scores share a rank (1, 2, 2, 4)."
)


class RankingSummaryOut(Schema):
    period: str = Field(description='The quarter, e.g. "2027-Q2"')
    year: int
    quarter: int
    computed_at: datetime
    method_version: int
    regions: int = Field(description="How many regions were ranked")


class RankedRegionOut(Schema):
    rank: int
    region: str
    region_name: str
    province: str
    score: str = Field(description="0-100, two decimals")
    change: int | None = Field(
        description="Places gained since the previous ranking (negative: lost); null when the "
        "region was not ranked then or there is none"
    )
    on_time: str | None = Field(description="Share of stages on time, 0-1; null: none due")
    realisation: str | None = Field(description="Budget realised / planned, 0-1; null: no plan")
    punctuality: str | None = Field(description="Share of reports on time, 0-1")
    stages_due: int
    stages_on_time: int
    planned: int = Field(description="Rupiah")
    realised: int = Field(description="Rupiah")
    reports_due: int
    reports_on_time: int
    is_demo: bool = Field(description="Computed from demo masterplans or demo progress reports")


class RankingOut(Schema):
    period: str
    year: int
    quarter: int
    computed_at: datetime
    method_version: int
    method: str
    weights: dict[str, int]
    previous_period: str | None
    rows: list[RankedRegionOut]


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


@router.get(
    "/delivery-rankings",
    response={200: list[RankingSummaryOut], **documented_errors(401)},
    auth=READ_AUTH,
    summary="The quarters a delivery ranking was computed for, newest first",
)
def list_delivery_rankings(request: HttpRequest) -> Any:
    return [
        {
            "period": ranking.period,
            "year": ranking.year,
            "quarter": ranking.quarter,
            "computed_at": ranking.computed_at,
            "method_version": ranking.method_version,
            "regions": ranking.ranked,
        }
        for ranking in DeliveryRanking.objects.annotate(ranked=Count("rows")).order_by(
            "-year", "-quarter"
        )
    ]


@router.get(
    "/delivery-rankings/{period}",
    response={200: RankingOut, **documented_errors(401, 404)},
    auth=READ_AUTH,
    summary="A quarter's delivery ranking of the regions, with its method",
)
def get_delivery_ranking(request: HttpRequest, period: str) -> Any:
    ranking = DeliveryRanking.objects.filter(period=period).first()
    if ranking is None:
        raise Http404
    previous = previous_ranking(ranking)
    return {
        "period": ranking.period,
        "year": ranking.year,
        "quarter": ranking.quarter,
        "computed_at": ranking.computed_at,
        "method_version": ranking.method_version,
        "method": METHOD,
        "weights": ranking.weights,
        "previous_period": previous.period if previous else None,
        "rows": [
            {
                "rank": row.score.rank,
                "region": row.score.region.code,
                "region_name": row.score.region.name,
                "province": row.score.region.province.name,
                "score": str(row.score.score),
                "change": row.change,
                "on_time": _text(row.score.on_time),
                "realisation": _text(row.score.realisation),
                "punctuality": _text(row.score.punctuality),
                "stages_due": row.score.stages_due,
                "stages_on_time": row.score.stages_on_time,
                "planned": row.score.planned,
                "realised": row.score.realised,
                "reports_due": row.score.reports_due,
                "reports_on_time": row.score.reports_on_time,
                "is_demo": row.score.is_demo,
            }
            for row in ranked_rows(ranking, previous)
        ],
    }
