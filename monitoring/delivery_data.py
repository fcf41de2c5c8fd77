"""What each region owed and did in a period, read from the database for the delivery ranking
(``monitoring.delivery`` has the arithmetic and the method). Four queries whatever the number
of regions and programs."""

from collections import defaultdict
from datetime import date

from django.db.models import QuerySet, Sum
from django.utils import timezone

from masterplans.models import BudgetLine, Masterplan, Program
from monitoring import stages
from monitoring.delivery import Facts, planned_so_far
from monitoring.models import ProgramStage, ProgressReport
from monitoring.progress import due_date, quarter_end


def ranked_programs(year: int) -> "QuerySet[Program]":
    """Programs of approved and enacted masterplans that run in ``year``: of a region's
    editions, the newest followed one only (an enacted edition stays enacted when the next is
    approved; its programs would be counted twice)."""
    return Program.objects.filter(
        masterplan__in=Masterplan.objects.in_force(), start_year__lte=year, end_year__gte=year
    )


def demo_regions(year: int, quarter: int) -> set[str]:
    """The regions whose facts in the stretch come from demo data (a demo masterplan, or demo
    progress reports): their place in the ranking is a demo value."""
    programs = ranked_programs(year)
    from_plans = programs.filter(masterplan__is_demo=True)
    from_reports = ProgressReport.objects.filter(
        program__in=programs, year=year, quarter__lte=quarter, is_demo=True
    )
    return set(from_plans.values_list("masterplan__region__code", flat=True)) | set(
        from_reports.values_list("program__masterplan__region__code", flat=True)
    )


def region_facts(year: int, quarter: int) -> list[Facts]:
    """Each region's stages due and on time, budget planned and realised, and reports due and
    on time, from 1 January of ``year`` to the end of ``quarter``. A program dropped before
    that stretch began owes nothing in it."""
    start, end = date(year, 1, 1), quarter_end(year, quarter)
    programs = ranked_programs(year)
    region_of = dict(programs.values_list("pk", "masterplan__region__code"))
    dates: dict[int, dict[str, tuple[date | None, date | None]]] = defaultdict(dict)
    for program_id, stage, planned, actual in ProgramStage.objects.filter(
        program__in=programs
    ).values_list("program_id", "stage", "planned_date", "actual_date"):
        dates[program_id][stage] = (planned, actual)
    for program_id, found in dates.items():
        dropped_on = found.get(stages.DROPPED, (None, None))[1]
        if dropped_on is not None and dropped_on < start:
            region_of.pop(program_id, None)

    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for program_id, region in region_of.items():
        due, on_time = stages.due_in(dates.get(program_id, {}), start, end)
        counts[region]["stages_due"] += due
        counts[region]["stages_on_time"] += on_time
        counts[region]["reports_due"] += quarter
    yearly: dict[str, int] = defaultdict(int)
    for program_id, amount in (
        BudgetLine.objects.filter(program__in=programs, year=year)
        .values("program_id")
        .annotate(total=Sum("amount"))
        .values_list("program_id", "total")
    ):
        if program_id in region_of:
            yearly[region_of[program_id]] += amount or 0
    for program_id, number, realised, reported_at in ProgressReport.objects.filter(
        program__in=programs, year=year, quarter__lte=quarter
    ).values_list("program_id", "quarter", "budget_realised", "reported_at"):
        owner = region_of.get(program_id)
        if owner is None:
            continue
        counts[owner]["realised"] += realised or 0
        if timezone.localtime(reported_at).date() <= due_date(year, number):
            counts[owner]["reports_on_time"] += 1
    return [
        Facts(
            region=region,
            stages_due=counts[region]["stages_due"],
            stages_on_time=counts[region]["stages_on_time"],
            planned=planned_so_far(yearly[region], quarter),
            realised=counts[region]["realised"],
            reports_due=counts[region]["reports_due"],
            reports_on_time=counts[region]["reports_on_time"],
        )
        for region in sorted(set(region_of.values()))
    ]
