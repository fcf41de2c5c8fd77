"""Regions like yours: the same island group, close in size (residents) and fiscal capacity."""

import math
from typing import Any, NamedTuple

from kotacerdas import data_versions
from masterplans.models import PUBLIC_STATUSES, Masterplan
from regions.models import Region
from selection.queries import latest_by_region

# A backstop: the keys carry the data version, so a save shows on the next request.
SIMILAR_SECONDS = 60


class Candidate(NamedTuple):
    pk: int
    code: str
    kind: str
    population: int | None
    fiscal: float | None
    has_masterplan: bool
    fiscal_demo: bool = False  # the fiscal capacity compared is a demo value


def _island_group(group: str) -> list[Candidate]:
    """Every region of the island group with its latest fiscal capacity and whether it has a
    published masterplan (three queries), kept in the cache per data version as plain rows
    (quick to unpickle): every region page of the group reads the same."""
    return data_versions.cached(
        "regions", f"regions-like:{group}", lambda: _candidates(group), SIMILAR_SECONDS
    )


def _candidates(group: str) -> list[Candidate]:
    regions = list(
        Region.objects.filter(province__island_group=group).values_list(
            "pk", "code", "kind", "population"
        )
    )
    ids = [pk for pk, *_rest in regions]
    fiscal = latest_by_region("kkd", ids)
    published = set(
        Masterplan.objects.filter(status__in=PUBLIC_STATUSES, region__in=ids).values_list(
            "region_id", flat=True
        )
    )
    return [
        Candidate(
            pk,
            code,
            kind,
            population,
            fiscal[pk].value if pk in fiscal else None,
            pk in published,
            fiscal[pk].demo if pk in fiscal else False,
        )
        for pk, code, kind, population in regions
    ]


def regions_like(region: Region, limit: int = 5) -> list[dict[str, Any]]:
    """The regions of ``region``'s island group nearest in log residents and fiscal capacity
    (each standardised over the group), the same kind first; among the nearest, those with a
    published masterplan come first. Four queries whatever the number of regions, one while
    the island group is in the cache."""
    group = _island_group(region.province.island_group)

    def features(c: Candidate) -> tuple[float, float]:
        return math.log(max(c.population or 1, 1)), 1.0 if c.fiscal is None else c.fiscal

    values = [features(c) for c in group]
    spread = []
    for axis in (0, 1):
        column = [v[axis] for v in values]
        mean = sum(column) / len(column)
        spread.append((mean, math.sqrt(sum((x - mean) ** 2 for x in column) / len(column)) or 1.0))
    own = next((c for c in group if c.pk == region.pk), None) or Candidate(
        region.pk, region.code, region.kind, region.population, None, False
    )

    def distance(c: Candidate) -> float:
        mine, other = features(own), features(c)
        return math.sqrt(sum(((mine[a] - other[a]) / spread[a][1]) ** 2 for a in (0, 1)))

    nearest = sorted(
        (c for c in group if c.pk != region.pk),
        key=lambda c: (c.kind != region.kind, distance(c), c.code),
    )[: 3 * limit]
    # Among the nearest, those with a published masterplan first: the ones to learn from.
    chosen = sorted(nearest, key=lambda c: not c.has_masterplan)[:limit]
    regions = Region.objects.select_related("province").in_bulk([c.pk for c in chosen])
    return [
        {
            "region": regions[c.pk],
            "has_masterplan": c.has_masterplan,
            "fiscal": c.fiscal,
            # The comparison rests on a demo value: this region's or the listed one's.
            "demo": c.fiscal_demo or own.fiscal_demo,
            "distance": round(distance(c), 2),
        }
        for c in chosen
        if c.pk in regions
    ]
