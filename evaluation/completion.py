"""The completion award: a certificate for every region that completes its masterplan.

The program awards each region whose masterplan is finished (approved, and later enacted by a
regional regulation), besides the best of each year's evaluation. A region completes once: its
first masterplan to be approved; the date is the day it was approved (the version the approval
recorded), or for a masterplan entered as enacted, the day that was recorded. A masterplan
entered as approved without its history has no date: it says so, and still counts.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Min
from django.utils import timezone

from masterplans.models import PUBLIC_STATUSES, Masterplan, MasterplanVersion
from regions.models import Region


@dataclass(frozen=True)
class Completion:
    masterplan: Masterplan
    completed_on: date | None

    @property
    def region(self) -> Region:
        return self.masterplan.region


def completions(code: str = "") -> list[Completion]:
    """Every region's completion (or only that of the region ``code``), the earliest first
    (two queries)."""
    versions = MasterplanVersion.objects.filter(status__in=PUBLIC_STATUSES)
    if code:
        versions = versions.filter(masterplan__region__code=code)
    completed = dict(
        versions.values("masterplan_id")
        .annotate(first=Min("created_at"))
        .values_list("masterplan_id", "first")
    )
    masterplans = Masterplan.objects.public().select_related("region__province", "cohort")
    if code:
        masterplans = masterplans.filter(region__code=code)
    found: dict[int, Completion] = {}
    for masterplan in masterplans.order_by("edition", "pk"):  # a region's first edition
        if masterplan.region_id not in found:
            moment = completed.get(masterplan.pk)
            day = timezone.localtime(moment).date() if moment else None
            found[masterplan.region_id] = Completion(masterplan, day)
    return sorted(found.values(), key=lambda c: (c.completed_on or date.max, c.region.code))


def completion_of(code: str) -> Completion | None:
    return next(iter(completions(code)), None)
