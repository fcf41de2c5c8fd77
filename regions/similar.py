"""Regions like yours: the same island group, close in size (residents) and fiscal capacity."""

import math
from typing import Any

from masterplans.models import Masterplan, Status
from regions.models import Region
from selection.models import IndicatorValue


def _latest(code: str) -> dict[int, float]:
    """Region id → the indicator's latest value (a published one beats demo of the same year)."""
    best: dict[int, tuple[int, bool, float]] = {}
    for region_id, year, value, source in IndicatorValue.objects.filter(
        indicator__code=code, replaced_by=None
    ).values_list("region_id", "year", "value", "source"):
        key = (year, source != "demo", value)
        if region_id not in best or key[:2] > best[region_id][:2]:
            best[region_id] = key
    return {rid: v for rid, (_y, _real, v) in best.items()}


def regions_like(region: Region, limit: int = 5) -> list[dict[str, Any]]:
    """The regions of ``region``'s island group nearest in log residents and fiscal capacity
    (each standardised over the group), the same kind first; among the nearest, those with a
    published masterplan come first. Three queries whatever the number of regions."""
    group = list(
        Region.objects.filter(province__island_group=region.province.island_group).only(
            "pk", "code", "name", "kind", "population"
        )
    )
    fiscal = _latest("kkd")
    published = set(
        Masterplan.objects.filter(
            status__in=(Status.APPROVED, Status.ENACTED), region__in=[r.pk for r in group]
        ).values_list("region_id", flat=True)
    )

    def features(r: Region) -> tuple[float, float]:
        return math.log(max(r.population or 1, 1)), fiscal.get(r.pk, 1.0)

    values = [features(r) for r in group]
    spread = []
    for axis in (0, 1):
        column = [v[axis] for v in values]
        mean = sum(column) / len(column)
        spread.append((mean, math.sqrt(sum((x - mean) ** 2 for x in column) / len(column)) or 1.0))
    own = features(region)

    def distance(r: Region) -> float:
        other = features(r)
        return math.sqrt(sum(((own[a] - other[a]) / spread[a][1]) ** 2 for a in (0, 1)))

    nearest = sorted(
        (r for r in group if r.pk != region.pk),
        key=lambda r: (r.kind != region.kind, distance(r), r.code),
    )[: 3 * limit]
    # Among the nearest, those with a published masterplan first: the ones to learn from.
    ranked = sorted(nearest, key=lambda r: r.pk not in published)
    return [
        {
            "region": r,
            "has_masterplan": r.pk in published,
            "fiscal": fiscal.get(r.pk),
            "distance": round(distance(r), 2),
        }
        for r in ranked[:limit]
    ]
