"""Progress arithmetic: % complete from milestones, quarters and their due dates, late reports."""

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple

from django.db.models import OuterRef, QuerySet, Subquery

from masterplans.models import PUBLIC_STATUSES, Kpi, Program
from monitoring import stages
from monitoring.models import Milestone, ProgressReport, Stage, quarter_label

# A quarter's report is due this many days after the quarter ends.
REPORT_GRACE_DAYS = 15
# Only masterplans that were approved are followed up.
FOLLOWED_STATUSES = PUBLIC_STATUSES


def quarter_end(year: int, quarter: int) -> date:
    month = quarter * 3
    return date(year, month, calendar.monthrange(year, month)[1])


def quarter_of(moment: date) -> tuple[int, int]:
    return moment.year, (moment.month - 1) // 3 + 1


def due_date(year: int, quarter: int) -> date:
    return quarter_end(year, quarter) + timedelta(days=REPORT_GRACE_DAYS)


def previous_quarter(year: int, quarter: int) -> tuple[int, int]:
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


def last_due_quarter(today: date) -> tuple[int, int]:
    """The last quarter whose reports' due date has passed by ``today``."""
    last = quarter_of(today)
    while due_date(*last) >= today:
        last = previous_quarter(*last)
    return last


def milestone_percent(milestones: Iterable[Milestone], as_of: date) -> int | None:
    """Share of the milestones' weight done on or before ``as_of``, in whole percent."""
    items = list(milestones)
    total = sum(m.weight for m in items)
    if not total:
        return None
    done = sum(m.weight for m in items if m.is_done_by(as_of))
    return round(100 * done / total)


def report_percent(report: ProgressReport) -> int | None:
    """The report's % complete: entered, or derived from milestones as of the quarter's end."""
    if report.program.progress_mode == "milestones":
        return milestone_percent(
            report.program.milestones.all(), quarter_end(report.year, report.quarter)
        )
    return report.percent_entered


def kpi_years(kpi: Kpi) -> list[dict[str, Any]]:
    """Each year a KPI has a target or a value reached, with both and whether the target was
    met (its targets and actuals prefetched)."""
    targets = {t.year: t.value for t in kpi.targets.all()}
    actuals = {a.year: a.value for a in kpi.actuals.all()}
    return [
        {
            "year": year,
            "target": targets.get(year),
            "actual": actuals.get(year),
            "met": year in targets and year in actuals and actuals[year] >= targets[year],
        }
        for year in sorted(targets.keys() | actuals.keys())
    ]


class Newest(NamedTuple):
    """A program's newest quarterly report, as the lists show it (None: no report yet)."""

    status: str | None
    percent: int | None  # entered, or derived from the milestones as of the quarter's end
    period: tuple[int, int] | None = None  # (year, quarter) of the report


def newest_reports(programs: QuerySet[Program]) -> dict[int, Newest]:
    """Program id → its newest report's status and % complete (what ``report_percent`` gives).
    Two queries whatever the number of programs."""
    newest = ProgressReport.objects.filter(program=OuterRef("pk")).order_by("-year", "-quarter")
    rows = list(
        programs.annotate(
            newest_status=Subquery(newest.values("status")[:1]),
            newest_year=Subquery(newest.values("year")[:1]),
            newest_quarter=Subquery(newest.values("quarter")[:1]),
            newest_percent=Subquery(newest.values("percent_entered")[:1]),
        ).values_list(
            "pk",
            "progress_mode",
            "newest_status",
            "newest_year",
            "newest_quarter",
            "newest_percent",
        )
    )
    milestones: dict[int, list[Milestone]] = defaultdict(list)
    for milestone in Milestone.objects.filter(
        program__in=programs.filter(progress_mode="milestones")
    ):
        milestones[milestone.program_id].append(milestone)
    found: dict[int, Newest] = {}
    for pk, mode, status, year, quarter, entered in rows:
        if year is None:
            found[pk] = Newest(None, None)
        elif mode == "milestones":
            found[pk] = Newest(
                status,
                milestone_percent(milestones[pk], quarter_end(year, quarter)),
                (year, quarter),
            )
        else:
            found[pk] = Newest(status, entered, (year, quarter))
    return found


def newest_percents(programs: QuerySet[Program]) -> dict[int, int | None]:
    """Program id → the % complete of its newest report; None without a report."""
    return {pk: newest.percent for pk, newest in newest_reports(programs).items()}


@dataclass(frozen=True)
class LateReport:
    program: Program
    year: int
    quarter: int
    due: date

    @property
    def period_label(self) -> str:
        return quarter_label(self.quarter, self.year)


def quarters_between(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    quarters = []
    year, quarter = first
    while (year, quarter) <= last:
        quarters.append((year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return quarters


def late_reports(
    programs: Iterable[Program], today: date, since: tuple[int, int] | None = None
) -> list[LateReport]:
    """Quarterly reports past their due date and still missing.

    A program owes a report for every quarter of its years that ended at least
    ``REPORT_GRACE_DAYS`` ago, from ``since`` (default: the first quarter of last year) on.
    ``programs`` should prefetch ``progress_reports`` to keep this to one query.
    """
    since = since or (today.year - 1, 1)
    last = last_due_quarter(today)
    late = []
    for program in programs:
        reported = {(r.year, r.quarter) for r in program.progress_reports.all()}
        first = max(since, (program.start_year, 1))
        end = min(last, (program.end_year, 4))
        for year, quarter in quarters_between(first, end):
            if (year, quarter) not in reported:
                late.append(LateReport(program, year, quarter, due_date(year, quarter)))
    return late


def followed_programs() -> "QuerySet[Program]":
    """Programs of approved and enacted masterplans, with what late_reports reads."""
    return (
        Program.objects.filter(masterplan__status__in=FOLLOWED_STATUSES)
        .select_related("masterplan__region")
        .prefetch_related("progress_reports")
        .order_by("masterplan__region__code", "code")
    )


@dataclass(frozen=True)
class Moment:
    """One dated step of a program's timeline."""

    on: date
    kind: str  # "start", "milestone_due", "milestone_done", "report", "end"
    text: str
    status: str = ""  # a report's status, for its badge
    status_label: str = ""
    percent: int | None = None
    late: bool = False  # a milestone past due and not done, or done after its due date
    demo: bool = False


def timeline(
    program: Program, reports: list[ProgressReport], milestones: list[Milestone], today: date
) -> list[Moment]:
    """What happened to ``program`` and what is due, in date order: its start, each milestone
    (due, and done), each quarterly report at its quarter's end, and its planned end. What a
    resident follows of a quick win."""
    from django.utils.translation import gettext as _

    moments = [
        Moment(date(program.start_year, 1, 1), "start", _("Program starts")),
        Moment(date(program.end_year, 12, 31), "end", _("Planned end")),
    ]
    for m in milestones:
        if m.done_on:
            late = m.done_on > m.due_date
            moments.append(Moment(m.done_on, "milestone_done", m.title, late=late))
        else:
            moments.append(Moment(m.due_date, "milestone_due", m.title, late=m.due_date < today))
    for r in reports:
        moments.append(
            Moment(
                quarter_end(r.year, r.quarter),
                "report",
                r.period_label,
                status=r.status,
                status_label=str(r.get_status_display()),
                percent=report_percent(r),
                demo=r.is_demo,
            )
        )
    order = {"start": 0, "milestone_done": 1, "milestone_due": 2, "report": 3, "end": 4}
    return sorted(moments, key=lambda m: (m.on, order[m.kind]))


def money_percent(realised: int, planned: int) -> int | None:
    """Budget realised as a whole percent of the plan (above 100 when overspent); None without
    a plan."""
    return round(100 * realised / planned) if planned > 0 else None


def yearly_progress(program: Program, reports: list[ProgressReport]) -> list[dict[str, Any]]:
    """Physical beside financial progress for each year of ``program``: the % complete of the
    year's newest report, and the budget realised in its reports against the budget lines of
    that year (budget lines prefetched; ``reports`` newest first)."""
    rows = []
    for year in range(program.start_year, program.end_year + 1):
        of_year = [r for r in reports if r.year == year]
        planned = sum(line.amount for line in program.budget_lines.all() if line.year == year)
        realised = sum(r.budget_realised or 0 for r in of_year)
        rows.append(
            {
                "year": year,
                "report": of_year[0] if of_year else None,
                "percent": report_percent(of_year[0]) if of_year else None,
                "planned": planned,
                "realised": realised,
                "realised_percent": money_percent(realised, planned),
            }
        )
    return rows


@dataclass(frozen=True)
class StageRow:
    stage: str
    label: str
    planned: date | None
    actual: date | None
    note: str
    standing: str  # monitoring.stages.standing
    version: int  # 0: not recorded yet

    @property
    def late(self) -> bool:
        return self.standing in ("late", "overdue")


def stage_rows(found: Iterable[Any], today: date) -> tuple[list[StageRow], str | None]:
    """Every stage of a program in order, with its plan, the date it was reached and how it
    stands, and the stage the program is at (``found``: its ProgramStage rows)."""
    recorded = {row.stage: row for row in found}
    dates = {name: (row.planned_date, row.actual_date) for name, row in recorded.items()}
    rows = [
        StageRow(
            stage=value,
            label=str(label),
            planned=dates.get(value, (None, None))[0],
            actual=dates.get(value, (None, None))[1],
            note=recorded[value].note if value in recorded else "",
            standing=stages.standing(value, dates, today),
            version=recorded[value].version if value in recorded else 0,
        )
        for value, label in Stage.choices
    ]
    current = stages.current_stage({name: actual for name, (_p, actual) in dates.items()})
    return rows, current
