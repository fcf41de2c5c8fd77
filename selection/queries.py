from dataclasses import dataclass
from typing import NamedTuple

from regions.models import Region
from selection.models import Indicator, IndicatorValue


@dataclass(frozen=True)
class LatestValue:
    indicator: Indicator
    value: IndicatorValue | None


class Latest(NamedTuple):
    value: float
    year: int
    demo: bool


def latest_by_region(code: str, region_ids: list[int]) -> dict[int, Latest]:
    """Region id → the indicator's latest current value, its year and whether it is demo; a
    published figure beats a demo one of the same year (1 query)."""
    best: dict[int, Latest] = {}
    rows = IndicatorValue.objects.filter(
        indicator__code=code, replaced_by=None, region_id__in=region_ids
    ).values_list("region_id", "year", "value", "source")
    for region_id, year, value, source in rows:
        found = Latest(value, year, source == "demo")
        kept = best.get(region_id)
        if kept is None or (year, not found.demo) > (kept.year, not kept.demo):
            best[region_id] = found
    return best


def latest_values(region: Region) -> list[LatestValue]:
    """Each indicator of the catalogue with its most recent current value for ``region``
    (a published source preferred over demo in the same year). One query each side."""
    latest: dict[int, IndicatorValue] = {}
    values = (
        IndicatorValue.objects.current()
        .filter(region=region)
        .order_by("indicator_id", "-year", "source")
    )
    for value in values:
        kept = latest.get(value.indicator_id)
        if kept is None or (kept.year == value.year and kept.is_demo and not value.is_demo):
            latest[value.indicator_id] = value
    return [
        LatestValue(indicator, latest.get(indicator.pk))
        for indicator in Indicator.objects.all()
        if indicator.applies_to_kind(region.kind)
    ]
