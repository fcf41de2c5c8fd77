"""A region's follow-through at a glance, for its public page: how its programs and quick wins
stand, what was spent against the plan, its latest evaluation and awards. A fixed number of
queries, whatever the size of the masterplan."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import F, Sum
from django.utils import timezone

from evaluation.models import Award, Rubric, RubricStatus
from evaluation.results import Standing, category_label, standings
from kotacerdas import data_versions
from masterplans.models import BudgetLine, Masterplan, Program
from monitoring.models import ProgressReport, ProgressStatus, quarter_label
from monitoring.progress import newest_reports
from regions.models import Region


def last_quarter(today: date) -> tuple[int, int]:
    """The (year, quarter) of the last quarter that has ended on ``today``."""
    quarter = (today.month - 1) // 3  # the current one is this + 1
    return (today.year - 1, 4) if quarter == 0 else (today.year, quarter)


@dataclass
class FollowThrough:
    masterplan: Masterplan
    programs: int = 0
    quick_wins: int = 0
    program_statuses: list[tuple[str, Any, int]] = field(default_factory=list)
    quick_win_statuses: list[tuple[str, Any, int]] = field(default_factory=list)
    quick_win_percent: int | None = None  # mean of the newest % of the reported quick wins
    planned: int = 0
    realised: int = 0
    latest_period: tuple[int, int] | None = None  # the newest report of any program
    stale: bool = False  # no report for the last quarter that ended: not the current state

    @property
    def latest_label(self) -> str:
        return (
            quarter_label(self.latest_period[1], self.latest_period[0])
            if self.latest_period
            else ""
        )


def _counts(statuses: list[str | None]) -> list[tuple[str, Any, int]]:
    """(status, label, count) of newest-report statuses, "none" (no label) for no report."""
    counts = Counter(statuses)
    found = [(value, label, counts[value]) for value, label in ProgressStatus.choices]
    return [row for row in found if row[2]] + (
        [("none", None, counts[None])] if counts[None] else []
    )


# A backstop: the key carries the data version, so a new report shows on the next request.
FOLLOW_SECONDS = 300


def cached_follow_through(masterplan: Masterplan) -> FollowThrough:
    """``follow_through`` from the shared cache, recomputed when a program, report or milestone
    changes (the data version)."""
    return data_versions.cached(
        "dashboard",
        f"follow-through:{masterplan.pk}",
        lambda: follow_through(masterplan),
        FOLLOW_SECONDS,
    )


def follow_through(masterplan: Masterplan) -> FollowThrough:
    """The approved or enacted ``masterplan``'s progress so far: its programs' newest reports
    (``newest_reports``), which of them are quick wins, two sums."""
    programs = Program.objects.filter(masterplan=masterplan)
    newest = newest_reports(programs)
    quick = set(programs.filter(is_quick_win=True).values_list("pk", flat=True))
    summary = FollowThrough(masterplan, programs=len(newest), quick_wins=len(quick))
    summary.program_statuses = _counts([n.status for n in newest.values()])
    summary.quick_win_statuses = _counts([n.status for pk, n in newest.items() if pk in quick])
    reported = [n.percent for pk, n in newest.items() if pk in quick and n.percent is not None]
    summary.quick_win_percent = round(sum(reported) / len(reported)) if reported else None
    periods = [n.period for n in newest.values() if n.period is not None]
    summary.latest_period = max(periods, default=None)
    summary.stale = summary.latest_period is not None and summary.latest_period < last_quarter(
        timezone.localdate()
    )
    summary.planned = (
        BudgetLine.objects.filter(program__masterplan=masterplan).aggregate(t=Sum("amount"))["t"]
        or 0
    )
    summary.realised = (
        ProgressReport.objects.filter(program__masterplan=masterplan)
        .order_by()
        .aggregate(t=Sum("budget_realised"))["t"]
        or 0
    )
    return summary


def evaluation_standing(region: Region) -> tuple[Rubric | None, Standing | None]:
    """The latest published evaluation that ranked ``region`` (one query: the newest with a
    verified score of its), and its standing there."""
    rubric = (
        Rubric.objects.filter(
            status=RubricStatus.PUBLISHED,
            scores__region=region,
            scores__verified_at__isnull=False,
            scores__assessor_score__isnull=False,
            scores__stage=F("open_stage"),
        )
        .order_by("-year")
        .first()
    )
    if rubric is None:
        return None, None
    return rubric, standings(rubric).get(region.pk)


def region_awards(region: Region) -> list[Award]:
    """The awards ``region`` received in published evaluations, each with its ``label``."""
    awards = list(
        Award.objects.filter(region=region, rubric__status=RubricStatus.PUBLISHED)
        .select_related("rubric")
        .order_by("-rubric__year", "category")
    )
    for award in awards:
        award.label = category_label(award.category)  # type: ignore[attr-defined]
    return awards
