"""The national dashboard's figures, each from a fixed number of queries whatever the data size.

Filters (island group, province, cohort) narrow every figure to the regions they describe. Each
figure carries the link to the rows behind it.
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db.models import Count, F, OuterRef, Subquery, Sum
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts import access
from accounts.access import AnyUser
from enrolment.movement import CohortCount, movement
from enrolment.services import program_members
from evaluation.models import Rubric, RubricStatus
from evaluation.results import results as evaluation_results
from kotacerdas import data_versions
from masterplans.models import (
    PUBLIC_STATUSES,
    BudgetLine,
    Masterplan,
    MasterplanQuerySet,
    Program,
)
from masterplans.models import Status as MasterplanStatus
from monitoring.models import ProgressReport, ProgressStatus
from monitoring.progress import newest_percents
from regions.forms import PROGRAM_ANY
from regions.models import Region
from selection.models import RoundResult, RoundStatus, SelectionRound

FOLLOWED = PUBLIC_STATUSES


@dataclass(frozen=True)
class Filters:
    island_group: str = ""
    province: str = ""
    cohort: int | None = None

    def regions(self) -> Any:
        regions = Region.objects.all()
        if self.island_group:
            regions = regions.filter(province__island_group=self.island_group)
        if self.province:
            regions = regions.filter(province__code=self.province)
        return regions

    def query(self, **extra: Any) -> str:
        params = {
            "island_group": self.island_group,
            "province": self.province,
            "cohort": self.cohort or "",
            **extra,
        }
        return urlencode({k: v for k, v in params.items() if v not in ("", None)})


def program_regions(filters: Filters) -> dict[int, SelectionRound]:
    """Region id → the earliest published round that brought it into the program, within the
    filters (4 queries)."""
    allowed = set(filters.regions().values_list("pk", flat=True))
    return {
        region_id: cohort
        for region_id, cohort in program_members(filters.cohort).items()
        if region_id in allowed
    }


def latest_population(region_ids: list[int]) -> dict[int, tuple[int, int, bool]]:
    """Region id → (residents, year, is demo) of the latest year (1 query)."""
    from selection.queries import latest_by_region

    return {
        pk: (int(found.value), found.year, found.demo)
        for pk, found in latest_by_region("penduduk", region_ids).items()
    }


@dataclass
class Bar:
    label: str
    value: float
    url: str = ""
    extra: str = ""
    key: str = ""

    def width(self, largest: float) -> int:
        return round(100 * self.value / largest) if largest else 0


@dataclass
class Dashboard:
    filters: Filters
    cohorts: list[Bar] = field(default_factory=list)
    regions_in_program: int = 0  # known by name (signed MoU), within the filters
    # By the ministry's published counts: for no filter or a cohort only (not by place).
    official_in_program: int | None = None
    cohort_counts: dict[int, CohortCount] = field(default_factory=dict)
    residents: int = 0
    residents_demo: bool = False
    masterplans: list[Bar] = field(default_factory=list)  # every one: for national staff
    public_masterplans: list[Bar] = field(default_factory=list)  # those anyone may open
    quick_wins: list[Bar] = field(default_factory=list)
    budget: list[dict[str, Any]] = field(default_factory=list)
    evaluation: dict[str, Any] | None = None
    map_points: list[dict[str, Any]] = field(default_factory=list)
    map_legend: list[tuple[str, str]] = field(default_factory=list)
    map_note: str = ""
    regions_url: str = ""  # the region list behind "regions in the program" and "residents"
    masterplans_demo: bool = False  # a demo masterplan is counted
    followed_demo: bool = False  # a followed masterplan is demo: its figures are demo values


# A backstop: a change through a model's save or delete shows on the next request (the keys
# carry the data version); one that sends no signal, at the latest after this many seconds.
DASHBOARD_SECONDS = 60


def board_key(filters: Filters, measure: str) -> str:
    """The cache key of one filter set, measure and language at the current data version."""
    digest = hashlib.sha256(repr((filters, measure, get_language())).encode()).hexdigest()
    return f"dashboard:{data_versions.version('dashboard')}:{digest}"


def cached_board(filters: Filters, measure: str = "cohort") -> Dashboard:
    """The board from the shared cache: computed once per filter, measure, language and data
    version for every reader (the figures aggregate every program and report)."""
    key = board_key(filters, measure)
    board: Dashboard | None = cache.get(key)
    if board is None:
        board = build(filters, measure)
        cache.set(key, board, DASHBOARD_SECONDS)
    return board


def build(filters: Filters, measure: str = "cohort") -> Dashboard:
    board = Dashboard(filters)
    members = program_regions(filters)
    board.regions_in_program = len(members)
    by_cohort: dict[int, int] = defaultdict(int)
    for cohort in members.values():
        by_cohort[cohort.pk] += 1
    cohorts = {c.pk: c for c in members.values()}
    regions_url = reverse("regions:list")
    where = {"island_group": filters.island_group, "province": filters.province}
    board.regions_url = f"{regions_url}?" + urlencode(
        {"program": filters.cohort or PROGRAM_ANY, **{k: v for k, v in where.items() if v}}
    )
    everyone = movement()
    by_round = board.cohort_counts = {count.round.pk: count for count in everyone.cohorts}
    if not filters.island_group and not filters.province:
        if filters.cohort is None:
            board.official_in_program = everyone.official_total
        elif filters.cohort in by_round:
            board.official_in_program = by_round[filters.cohort].official
    for pk in sorted(cohorts, key=lambda k: (cohorts[k].year, k)):
        query = urlencode({"program": pk, **{k: v for k, v in where.items() if v}})
        count = by_round.get(pk)
        partial = count.label if count is not None and count.partial else ""
        board.cohorts.append(
            Bar(cohorts[pk].name, by_cohort[pk], f"{regions_url}?{query}", partial, key=str(pk))
        )
    population = latest_population(list(members))
    board.residents = sum(p[0] for p in population.values())
    board.residents_demo = any(p[2] for p in population.values())

    masterplans = counted_masterplans(filters)
    board.masterplans = masterplan_bars(filters, masterplans)
    board.public_masterplans = masterplan_bars(filters, masterplans.visible_to(AnonymousUser()))

    followed = Program.objects.filter(masterplan__in=masterplans.in_force())
    demo = set(masterplans.filter(is_demo=True).values_list("status", flat=True).distinct())
    board.masterplans_demo = bool(demo)
    board.followed_demo = bool(demo & set(FOLLOWED))
    latest = ProgressReport.objects.filter(program=OuterRef("pk")).order_by("-year", "-quarter")
    statuses = dict(
        followed.filter(is_quick_win=True)
        .annotate(latest=Subquery(latest.values("status")[:1]))
        .values_list("latest")
        .annotate(n=Count("pk"))
    )
    qw_url = reverse("monitoring:quick_wins")
    board.quick_wins = [
        Bar(
            str(label),
            statuses.get(None if value == "none" else value, 0),
            f"{qw_url}?{filters.query(status=value, edition='current')}",
            key=value,
        )
        for value, label in [*ProgressStatus.choices, ("none", _("no report yet"))]
    ]

    planned = dict(
        BudgetLine.objects.filter(program__in=followed)
        .order_by()
        .values_list("year")
        .annotate(total=Sum("amount"))
    )
    realised = dict(
        ProgressReport.objects.filter(program__in=followed)
        .order_by()  # no join for the model's default ordering
        .values_list("year")
        .annotate(total=Sum(F("budget_realised")))
    )
    # The rows behind each figure: the programs followed with a budget line, or a progress
    # report, in that year (the program library, filtered as the dashboard is).
    library = reverse("masterplans:library")
    board.budget = [
        {
            "year": year,
            "planned": planned.get(year, 0),
            "realised": realised.get(year) or 0,
            "planned_url": f"{library}?{filters.query(edition='current', budget_year=year)}",
            "realised_url": f"{library}?{filters.query(edition='current', realised_year=year)}",
        }
        for year in sorted(set(planned) | set(realised))
    ]

    rubric = Rubric.objects.filter(status=RubricStatus.PUBLISHED).order_by("-year").first()
    index_by_region: dict[int, Decimal] = {}
    if rubric is not None:
        allowed = set(filters.regions().values_list("pk", flat=True))
        rows = [
            r
            for r in evaluation_results(rubric)
            if r.region.pk in allowed and (not filters.cohort or r.region.pk in members)
        ]
        index_by_region = {r.region.pk: r.index.overall for r in rows}
        mean = sum((r.index.overall for r in rows), Decimal(0)) / len(rows) if rows else None
        board.evaluation = {
            "rubric": rubric,
            "count": len(rows),
            "mean": mean.quantize(Decimal("0.01")) if mean is not None else None,
            "top": rows[:5],
            "url": reverse("evaluation:rubric", args=[rubric.year]),
        }
    board.map_points, board.map_legend, board.map_note = map_layer(
        measure, filters, members, index_by_region
    )
    return board


def counted_masterplans(filters: Filters) -> MasterplanQuerySet:
    """The masterplans the figures count, as the masterplan list filters them (``?edition=
    current``): of the filter's regions and cohort, without an edition that a newer approved
    or enacted one replaced (its region's next edition is counted instead)."""
    masterplans = Masterplan.objects.filter(region__in=filters.regions())
    if filters.cohort:
        masterplans = masterplans.filter(cohort_id=filters.cohort)
    return masterplans.exclude(pk__in=Masterplan.objects.superseded().values("pk"))


def masterplan_bars(filters: Filters, masterplans: MasterplanQuerySet) -> list[Bar]:
    """A bar per status: how many of ``masterplans`` have it, linked to the list of them."""
    counts = dict(masterplans.order_by().values_list("status").annotate(n=Count("pk")))
    list_url = reverse("masterplans:list")
    return [
        Bar(
            str(label),
            counts.get(value, 0),
            f"{list_url}?{filters.query(status=value, edition='current')}",
            key=value,
        )
        for value, label in MasterplanStatus.choices
    ]


def masterplans_seen_by(board: Dashboard, user: AnyUser) -> list[Bar]:
    """The masterplan bars as ``user`` sees the list behind them: every masterplan for those
    who read every draft, else only those the list shows them (the public ones, those in
    public consultation, and drafts of their own region)."""
    if access.can(user, "masterplan.view_draft"):
        return board.masterplans
    if not user.is_authenticated:
        return board.public_masterplans
    return masterplan_bars(board.filters, counted_masterplans(board.filters).visible_to(user))


MAP_MEASURES = ("cohort", "score", "index", "quick_win")


def _classes(value: float, breaks: list[float]) -> str:
    """``c1``..``c5`` for a value against four ascending breaks."""
    return f"c{1 + sum(value >= b for b in breaks)}"


def _quintile_breaks(values: list[float]) -> list[float]:
    ordered = sorted(values)
    return [ordered[int(len(ordered) * q / 5)] for q in range(1, 5)] if ordered else []


def map_layer(
    measure: str,
    filters: Filters,
    members: dict[int, SelectionRound],
    index: dict[int, Decimal],
) -> tuple[list[dict[str, Any]], list[tuple[str, str]], str]:
    """Points for every region of the filter, the legend and a note when the measure has
    nothing to show yet, coloured by ``measure``: cohort, latest computed selection score,
    evaluation index or quick-win progress."""
    values: dict[int, tuple[str, str]] = {}  # region id → (class, text)
    legend: list[tuple[str, str]] = []
    note = ""
    if measure == "cohort":
        cohorts = sorted({c.pk: c for c in members.values()}.values(), key=lambda c: (c.year, c.pk))
        slot = {c.pk: f"c{5 - min(i, 4)}" for i, c in enumerate(cohorts)}
        values = {rid: (slot[c.pk], c.name) for rid, c in members.items()}
        legend = [(slot[c.pk], c.name) for c in cohorts[:5]]
    elif measure == "score":
        latest = (
            SelectionRound.objects.filter(status=RoundStatus.PUBLISHED)
            .exclude(method="historical")
            .order_by("-year", "-pk")
            .first()
        )
        if latest is not None:
            scores: dict[int, float] = {
                rid: float(score)
                for rid, score in RoundResult.objects.filter(
                    round=latest, score__isnull=False
                ).values_list("region_id", "score")
                if score is not None
            }
            breaks = _quintile_breaks(list(scores.values()))
            values = {rid: (_classes(v, breaks), f"{v:.3f}") for rid, v in scores.items()}
            bounds = [min(scores.values(), default=0), *breaks, max(scores.values(), default=0)]
            legend = [
                (f"c{i + 1}", f"{bounds[i]:.2f}–{bounds[i + 1]:.2f}")
                for i in range(len(bounds) - 1)
            ]
        else:
            note = _(
                "No computed selection round is published yet (the 2017 cohort is recorded as "
                "history, without scores): the scores appear with the first computed round."
            )
    elif measure == "index":
        values = {rid: (_classes(float(v), [1, 2, 3, 4]), f"{v}") for rid, v in index.items()}
        legend = [("c1", "< 1"), ("c2", "1–2"), ("c3", "2–3"), ("c4", "3–4"), ("c5", "4")]
    elif measure == "quick_win":
        quick_wins = Program.objects.filter(is_quick_win=True, masterplan__status__in=FOLLOWED)
        percents = newest_percents(quick_wins)
        totals: dict[int, list[int]] = defaultdict(list)
        for pk, region_id in quick_wins.values_list("pk", "masterplan__region_id"):
            totals[region_id].append(percents.get(pk) or 0)
        values = {
            rid: (_classes(sum(p) / len(p), [20, 40, 60, 80]), f"{round(sum(p) / len(p))}%")
            for rid, p in totals.items()
        }
        legend = [
            ("c1", "< 20%"),
            ("c2", "20–40%"),
            ("c3", "40–60%"),
            ("c4", "60–80%"),
            ("c5", "≥ 80%"),
        ]
    points = []
    for region in (
        filters.regions().exclude(latitude=None).only("code", "name", "latitude", "longitude")
    ):
        status, text = values.get(region.pk, ("none", ""))
        if filters.cohort and region.pk not in members:
            status, text = "none", ""
        points.append(
            {
                "code": region.code,
                "name": region.name,
                "lat": float(region.latitude or 0),
                "lon": float(region.longitude or 0),
                "status": status,
                "text": text,
                "rank": None,
                "score": None,
            }
        )
    return points, legend, note
