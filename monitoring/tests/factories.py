"""Stored delivery rankings for the page, API and browser tests."""

from decimal import Decimal

from django.utils import timezone

from monitoring.delivery import WEIGHTS, parse_period
from monitoring.models import DeliveryRanking, DeliveryScore
from regions.models import Region


def stored(period: str, ranks: dict[str, int]) -> DeliveryRanking:
    """A ranking of ``period`` with each region at its place (score 100 - 10 × rank)."""
    year, quarter = parse_period(period) or (0, 0)
    ranking = DeliveryRanking.objects.create(
        period=period,
        year=year,
        quarter=quarter,
        computed_at=timezone.now(),
        method_version=1,
        weights=WEIGHTS,
    )
    for code, place in ranks.items():
        DeliveryScore.objects.create(
            ranking=ranking,
            region=Region.objects.get(code=code),
            rank=place,
            score=Decimal(100 - 10 * place),
            stages_due=2,
            stages_on_time=1,
            planned=100,
            realised=50,
            reports_due=4,
            reports_on_time=4,
            on_time=Decimal("0.5"),
            realisation=Decimal("0.5"),
            punctuality=Decimal(1),
        )
    return ranking
