from dataclasses import dataclass

from regions.models import Region
from selection.models import Indicator, IndicatorValue


@dataclass(frozen=True)
class LatestValue:
    indicator: Indicator
    value: IndicatorValue | None


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
