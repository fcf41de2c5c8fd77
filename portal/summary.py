"""The national summary on the home page, built from two grouped queries."""

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Q, Sum
from django.urls import reverse

from regions.models import IslandGroup, Province, Region


def region_list_url(**filters: str) -> str:
    """The region list filtered the way a summary figure was counted."""
    query = urlencode({k: v for k, v in filters.items() if v})
    return reverse("regions:list") + (f"?{query}" if query else "")


@dataclass
class GroupRow:
    key: str
    label: str
    kota: int = 0
    kabupaten: int = 0
    population: int = 0
    provinces: int = 0

    @property
    def regions(self) -> int:
        return self.kota + self.kabupaten

    @property
    def url(self) -> str:
        return region_list_url(island_group=self.key)

    @property
    def kota_url(self) -> str:
        return region_list_url(island_group=self.key, kind="kota")

    @property
    def kabupaten_url(self) -> str:
        return region_list_url(island_group=self.key, kind="kabupaten")


@dataclass
class NationalSummary:
    groups: list[GroupRow]
    provinces: list[Any] = field(default_factory=list)  # annotated with n_regions etc.
    frontier_regions: int = 0

    @property
    def kota(self) -> int:
        return sum(g.kota for g in self.groups)

    @property
    def kabupaten(self) -> int:
        return sum(g.kabupaten for g in self.groups)

    @property
    def regions(self) -> int:
        return self.kota + self.kabupaten

    @property
    def population(self) -> int:
        return sum(g.population for g in self.groups)

    @property
    def largest_group_regions(self) -> int:
        return max((g.regions for g in self.groups), default=0)


def national_summary() -> NationalSummary:
    groups = {choice.value: GroupRow(choice.value, choice.label) for choice in IslandGroup}
    rows = Region.objects.values("province__island_group", "kind").annotate(
        n=Count("pk"), people=Sum("population")
    )
    for row in rows:
        group = groups[row["province__island_group"]]
        setattr(group, row["kind"], row["n"])
        group.population += row["people"] or 0
    provinces = list(
        Province.objects.annotate(
            n_regions=Count("regions"),
            n_kota=Count("regions", filter=Q(regions__kind="kota")),
            n_frontier=Count("regions", filter=Q(regions__outermost_small_islands__gt=0)),
        )
    )
    for province in provinces:
        groups[province.island_group].provinces += 1
    return NationalSummary(
        groups=list(groups.values()),
        provinces=provinces,
        frontier_regions=sum(p.n_frontier for p in provinces),
    )
