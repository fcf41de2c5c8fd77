"""A region's follow-through at a glance, for its public page: how its programs and quick wins
stand, what was spent against the plan, its latest evaluation and awards. A fixed number of
queries, whatever the size of the masterplan."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db.models import OuterRef, Subquery, Sum

from evaluation.models import Award, Rubric, RubricStatus
from evaluation.results import Standing, category_label, standings
from kotacerdas import data_versions
from masterplans.models import BudgetLine, Masterplan, Program
from monitoring.models import Milestone, ProgressReport, ProgressStatus
from monitoring.progress import milestone_percent, quarter_end
from regions.models import Region


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
    key = f"follow-through:{data_versions.version('dashboard')}:{masterplan.pk}"
    found: FollowThrough | None = cache.get(key)
    if found is None:
        found = follow_through(masterplan)
        cache.set(key, found, FOLLOW_SECONDS)
    return found


def follow_through(masterplan: Masterplan) -> FollowThrough:
    """The approved or enacted ``masterplan``'s progress so far: one query for every program's
    newest report, one for the milestones of milestone-mode quick wins, two sums."""
    newest = ProgressReport.objects.filter(program=OuterRef("pk")).order_by("-year", "-quarter")
    rows = list(
        Program.objects.filter(masterplan=masterplan)
        .annotate(newest_status=Subquery(newest.values("status")[:1]))
        .annotate(newest_year=Subquery(newest.values("year")[:1]))
        .annotate(newest_quarter=Subquery(newest.values("quarter")[:1]))
        .annotate(newest_percent=Subquery(newest.values("percent_entered")[:1]))
        .values_list(
            "pk",
            "is_quick_win",
            "progress_mode",
            "newest_status",
            "newest_year",
            "newest_quarter",
            "newest_percent",
        )
    )
    summary = FollowThrough(masterplan, programs=len(rows))
    summary.program_statuses = _counts([row[3] for row in rows])
    quick = [row for row in rows if row[1]]
    summary.quick_wins = len(quick)
    summary.quick_win_statuses = _counts([row[3] for row in quick])
    derived = [row[0] for row in quick if row[2] == "milestones" and row[4] is not None]
    milestones: dict[int, list[Milestone]] = defaultdict(list)
    if derived:
        for milestone in Milestone.objects.filter(program_id__in=derived):
            milestones[milestone.program_id].append(milestone)
    percents = [
        milestone_percent(milestones[pk], quarter_end(year, quarter))
        if mode == "milestones"
        else entered
        for pk, _quick, mode, _status, year, quarter, entered in quick
        if year is not None
    ]
    reported = [p for p in percents if p is not None]
    summary.quick_win_percent = round(sum(reported) / len(reported)) if reported else None
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
