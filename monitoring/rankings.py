"""Reading stored delivery rankings: one period's rows with each region's change in rank since
the ranking before it, for the page and the API alike."""

from dataclasses import dataclass

from django.db.models import Q

from monitoring.models import DeliveryRanking, DeliveryScore


def latest_ranking() -> DeliveryRanking | None:
    return DeliveryRanking.objects.order_by("-year", "-quarter").first()


def previous_ranking(ranking: DeliveryRanking) -> DeliveryRanking | None:
    """The stored ranking of the period before ``ranking``'s (the nearest earlier one)."""
    earlier = Q(year__lt=ranking.year) | Q(year=ranking.year, quarter__lt=ranking.quarter)
    return DeliveryRanking.objects.filter(earlier).order_by("-year", "-quarter").first()


@dataclass(frozen=True)
class RankedRow:
    score: DeliveryScore
    # Places gained since the previous ranking (negative: lost); None when the region was not
    # ranked then, or there is no previous ranking.
    change: int | None
    previous_rank: int | None

    @property
    def places(self) -> int:
        """How many places the region moved, up or down."""
        return abs(self.change or 0)


def ranked_rows(ranking: DeliveryRanking, previous: DeliveryRanking | None) -> list[RankedRow]:
    before = dict(previous.rows.values_list("region_id", "rank")) if previous else {}
    rows = []
    for score in ranking.rows.select_related("region__province").order_by("rank", "region__code"):
        was = before.get(score.region_id)
        rows.append(RankedRow(score, None if was is None else was - score.rank, was))
    return rows
