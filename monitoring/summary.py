"""A region's follow-through at a glance, for its public page: how its programs and quick wins
stand, what was spent against the plan, its latest evaluation and awards. A fixed number of
queries, whatever the size of the masterplan."""

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import OuterRef, Subquery, Sum

from evaluation.models import Award, Rubric, RubricStatus
from evaluation.results import RegionResult, cached_results, category_label
from masterplans.models import BudgetLine, Masterplan, Program
from monitoring.models import ProgressReport, ProgressStatus
from monitoring.progress import newest_percents
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


def _statuses(programs: Any) -> list[tuple[str, Any, int]]:
    """(status, label, count) of the programs' newest reports, "none" for no report yet."""
    newest = ProgressReport.objects.filter(program=OuterRef("pk")).order_by("-year", "-quarter")
    counts = Counter(
        programs.annotate(latest=Subquery(newest.values("status")[:1])).values_list(
            "latest", flat=True
        )
    )
    found = [(value, label, counts[value]) for value, label in ProgressStatus.choices]
    return [row for row in found if row[2]] + (
        [("none", None, counts[None])] if counts[None] else []
    )


def follow_through(masterplan: Masterplan) -> FollowThrough:
    """The approved or enacted ``masterplan``'s progress so far (eight queries)."""
    programs = Program.objects.filter(masterplan=masterplan)
    quick_wins = programs.filter(is_quick_win=True)
    summary = FollowThrough(masterplan)
    summary.program_statuses = _statuses(programs)
    summary.quick_win_statuses = _statuses(quick_wins)
    summary.programs = sum(n for _v, _l, n in summary.program_statuses)
    summary.quick_wins = sum(n for _v, _l, n in summary.quick_win_statuses)
    reported = [p for p in newest_percents(quick_wins).values() if p is not None]
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


def evaluation_standing(region: Region) -> tuple[Rubric | None, RegionResult | None]:
    """The latest published evaluation that ranked ``region``, and its result there."""
    for rubric in Rubric.objects.filter(status=RubricStatus.PUBLISHED).order_by("-year")[:3]:
        for row in cached_results(rubric):
            if row.region.pk == region.pk:
                return rubric, row
    return None, None


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
