"""Follow-through over the API: progress, quick wins, the dashboard and open data."""

from datetime import date
from typing import Any, Literal

from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import StrictInt

from api.auth import READ_AUTH, WRITE_AUTH
from api.errors import ApiError, documented_errors, invalid_form
from api.openapi import In
from api.pagination import Pagination
from api.versions import base_number
from masterplans.access import get_masterplan_for_user, get_program_for_user
from masterplans.models import Masterplan, Program
from monitoring.forms import MilestoneForm
from monitoring.models import KpiActual, ProgressReport, ProgressStatus
from monitoring.progress import FOLLOWED_STATUSES, late_reports, report_percent
from monitoring.services import (
    kpi_actual_save,
    milestone_create,
    milestone_set_done,
    progress_report_save,
)
from portal import opendata
from portal.dashboard import Filters, build, masterplans_seen_by
from regions.models import IslandGroup

router = Router(tags=["follow-through"])
StatusCode = Literal[tuple(ProgressStatus.values)]  # type: ignore[valid-type]
GroupCode = Literal[tuple(IslandGroup.values)]  # type: ignore[valid-type]
DatasetSlug = Literal[tuple(opendata.DATASETS)]  # type: ignore[valid-type]


class ReportOut(Schema):
    version: int = Field(description="send it back to change this quarter's report")
    year: int
    quarter: int
    status: str
    percent_complete: int | None
    budget_realised: int | None
    note: str
    is_demo: bool


class MilestoneOut(Schema):
    title: str
    due_date: date
    done_on: date | None
    weight: int


class ProgressOut(Schema):
    program: str
    region: str
    title: str
    is_quick_win: bool
    progress_mode: str
    reports: list[ReportOut]
    milestones: list[MilestoneOut]


class ReportIn(In):
    year: int = Field(ge=2015, le=2100)
    quarter: int = Field(ge=1, le=4)
    status: StatusCode  # type: ignore[valid-type]
    percent_entered: int | None = Field(None, ge=0, le=100)
    budget_realised: int | None = Field(None, ge=0)
    note: str = Field("", max_length=5000)
    version: StrictInt | None = Field(
        None,
        description="the version of the quarter's report you change (or If-Match); needed "
        "only when the quarter already has a report",
    )


class QuickWinOut(Schema):
    id: int
    region: str
    region_name: str
    code: str
    title: str
    dimension: str
    opd: str
    start_year: int
    end_year: int
    latest_status: str | None


def _progress(program: Program) -> dict[str, Any]:
    reports = program.progress_reports.order_by("-year", "-quarter")
    return {
        "program": program.code,
        "region": program.masterplan.region.code,
        "title": program.title,
        "is_quick_win": program.is_quick_win,
        "progress_mode": program.progress_mode,
        "reports": [
            {
                "version": r.version,
                "year": r.year,
                "quarter": r.quarter,
                "status": r.status,
                "percent_complete": report_percent(r),
                "budget_realised": r.budget_realised,
                "note": r.note,
                "is_demo": r.is_demo,
            }
            for r in reports
        ],
        "milestones": list(program.milestones.values("title", "due_date", "done_on", "weight")),
    }


@router.get(
    "/programs/{int:program_id}/progress",
    response={200: ProgressOut, **documented_errors(401, 404)},
    auth=READ_AUTH,
    summary="A program's quarterly progress and milestones",
)
def get_progress(request: HttpRequest, program_id: int) -> Any:
    return _progress(get_program_for_user(request.user, program_id))


@router.post(
    "/programs/{int:program_id}/progress",
    response={200: ProgressOut, **documented_errors(400, 401, 403, 404, 409, 412, 422, 428)},
    auth=WRITE_AUTH,
    summary="Report a quarter's progress (the region's team; evidence files go through the page)",
    description="A quarter that has a report is changed from its version (`version` or "
    "If-Match): 412 when it changed since, 428 without it.",
)
def post_progress(request: HttpRequest, program_id: int, payload: ReportIn) -> Any:
    program = get_program_for_user(request.user, program_id, "progress.report")
    if not program.start_year <= payload.year <= program.end_year:
        raise ApiError(
            422,
            "invalid",
            _("The program runs %(start)s–%(end)s.")
            % {"start": program.start_year, "end": program.end_year},
            [{"field": "year", "message": str(payload.year)}],
        )
    exists = program.progress_reports.filter(year=payload.year, quarter=payload.quarter).exists()
    version = base_number(request, payload.version) if exists else payload.version or 0
    progress_report_save(
        program=program, user=request.user, data=payload.model_dump(), base_version=version
    )
    return _progress(program)


class MilestoneItemOut(Schema):
    id: int
    title: str
    due_date: date
    done_on: date | None
    weight: int


class MilestoneIn(In):
    title: str = Field(min_length=1, max_length=200)
    due_date: date
    weight: int = Field(1, ge=1, le=100)


class MilestoneDoneIn(In):
    done: bool = Field(True, description="false to mark it not done again")


class KpiProgressOut(Schema):
    id: int
    name: str
    unit: str
    baseline: float | None
    targets: dict[str, float]
    actuals: dict[str, float]
    actual_versions: dict[str, int]


class KpiActualIn(In):
    year: int = Field(ge=2015, le=2100)
    value: float = Field(allow_inf_nan=False)
    version: StrictInt | None = Field(
        None,
        description="the version of the year's value you change (or If-Match); needed only "
        "when the year already has a value",
    )


class LateReportOut(Schema):
    program: str
    title: str
    year: int
    quarter: int
    due: date


@router.get(
    "/programs/{int:program_id}/milestones",
    response={200: list[MilestoneItemOut], **documented_errors(401, 404)},
    auth=READ_AUTH,
    summary="A program's milestones, by due date",
)
def list_milestones(request: HttpRequest, program_id: int) -> Any:
    return get_program_for_user(request.user, program_id).milestones.all()


@router.post(
    "/programs/{int:program_id}/milestones",
    response={201: MilestoneItemOut, **documented_errors(400, 401, 403, 404, 409, 422)},
    auth=WRITE_AUTH,
    summary="Add a milestone (the region's team, once the masterplan is approved)",
)
def create_milestone(request: HttpRequest, program_id: int, payload: MilestoneIn) -> Any:
    program = get_program_for_user(request.user, program_id, "progress.report")
    form = MilestoneForm(payload.model_dump())
    if not form.is_valid():
        raise invalid_form(form)
    milestone = milestone_create(program=program, user=request.user, data=form.cleaned_data)
    return Status(201, milestone)


@router.post(
    "/programs/{int:program_id}/milestones/{int:milestone_id}/done",
    response={200: MilestoneItemOut, **documented_errors(400, 401, 403, 404, 409, 422)},
    auth=WRITE_AUTH,
    summary="Mark a milestone done today, or not done",
)
def mark_milestone(
    request: HttpRequest, program_id: int, milestone_id: int, payload: MilestoneDoneIn
) -> Any:
    program = get_program_for_user(request.user, program_id, "progress.report")
    milestone = program.milestones.filter(pk=milestone_id).first()
    if milestone is None:
        raise Http404
    done_on = timezone.localdate() if payload.done else None
    return milestone_set_done(milestone=milestone, user=request.user, done_on=done_on)


def _kpis(program: Program) -> list[dict[str, Any]]:
    return [
        {
            "id": kpi.pk,
            "name": kpi.name,
            "unit": kpi.unit,
            "baseline": kpi.baseline,
            "targets": {str(t.year): t.value for t in kpi.targets.all()},
            "actuals": {str(a.year): a.value for a in kpi.actuals.all()},
            "actual_versions": {str(a.year): a.version for a in kpi.actuals.all()},
        }
        for kpi in program.kpis.prefetch_related("targets", "actuals")
    ]


@router.get(
    "/programs/{int:program_id}/kpis",
    response={200: list[KpiProgressOut], **documented_errors(401, 404)},
    auth=READ_AUTH,
    summary="A program's KPIs: the masterplan's yearly targets beside the values reached",
)
def list_kpis(request: HttpRequest, program_id: int) -> Any:
    return _kpis(get_program_for_user(request.user, program_id))


@router.post(
    "/programs/{int:program_id}/kpis/{int:kpi_id}/actuals",
    response={
        200: list[KpiProgressOut],
        **documented_errors(400, 401, 403, 404, 409, 412, 422, 428),
    },
    auth=WRITE_AUTH,
    summary="Record the value a KPI reached in a year (the region's team)",
    description="A year that has a value is changed from its version (`version` or If-Match; "
    "the versions are in `actual_versions`): 412 when it changed since, 428 without it.",
)
def record_kpi_actual(
    request: HttpRequest, program_id: int, kpi_id: int, payload: KpiActualIn
) -> Any:
    program = get_program_for_user(request.user, program_id, "progress.report")
    if not program.kpis.filter(pk=kpi_id).exists():
        raise Http404
    exists = KpiActual.objects.filter(kpi_id=kpi_id, year=payload.year).exists()
    version = base_number(request, payload.version) if exists else payload.version or 0
    kpi_actual_save(
        program=program,
        user=request.user,
        kpi_id=kpi_id,
        year=payload.year,
        value=payload.value,
        base_version=version,
    )
    return _kpis(program)


@router.get(
    "/masterplans/{int:masterplan_id}/late-reports",
    response={200: list[LateReportOut], **documented_errors(401, 403, 404)},
    auth=READ_AUTH,
    summary="Quarterly reports of the masterplan's programs past their due date",
)
def list_late_reports(request: HttpRequest, masterplan_id: int) -> Any:
    masterplan = get_masterplan_for_user(request.user, masterplan_id, "progress.watch")
    if masterplan.status not in FOLLOWED_STATUSES:
        return []
    programs = masterplan.programs.prefetch_related("progress_reports").order_by("code")
    return [
        {
            "program": late.program.code,
            "title": late.program.title,
            "year": late.year,
            "quarter": late.quarter,
            "due": late.due,
        }
        for late in late_reports(programs, timezone.localdate())
    ]


class QuickWinFilters(Schema):
    status: StatusCode | Literal["none"] | None = None  # type: ignore[valid-type]
    island_group: GroupCode | None = None  # type: ignore[valid-type]
    region: str | None = Field(None, max_length=13)


@router.get(
    "/quick-wins",
    response={200: list[QuickWinOut], **documented_errors(401, 422)},
    auth=READ_AUTH,
    summary="Quick wins of the masterplans you may read, with their latest status",
)
@paginate(Pagination)
def list_quick_wins(request: HttpRequest, filters: Query[QuickWinFilters]) -> Any:
    newest = ProgressReport.objects.filter(program=OuterRef("pk")).order_by("-year", "-quarter")
    programs = (
        Program.objects.filter(
            is_quick_win=True,
            masterplan__in=Masterplan.objects.visible_to(request.user).values("pk"),
        )
        .select_related("masterplan__region")
        .annotate(latest_status=Subquery(newest.values("status")[:1]))
        .order_by("masterplan__region__code", "code")
    )
    if filters.status == "none":
        programs = programs.filter(latest_status=None)
    elif filters.status:
        programs = programs.filter(latest_status=filters.status)
    if filters.island_group:
        programs = programs.filter(masterplan__region__province__island_group=filters.island_group)
    if filters.region:
        programs = programs.filter(masterplan__region__code=filters.region)
    return [
        {
            "id": p.pk,
            "region": p.masterplan.region.code,
            "region_name": p.masterplan.region.name,
            "code": p.code,
            "title": p.title,
            "dimension": p.dimension,
            "opd": p.opd,
            "start_year": p.start_year,
            "end_year": p.end_year,
            "latest_status": p.latest_status,
        }
        for p in programs
    ]


class DashboardFilters(Schema):
    island_group: GroupCode | None = None  # type: ignore[valid-type]
    province: str | None = Field(None, max_length=2)
    cohort: int | None = Field(None, ge=1)


def _cohort_figures(bar: Any, count: Any) -> dict[str, Any]:
    """A cohort on the dashboard: its regions within the filters, and of the whole cohort the
    members known by name against the official size (partial when fewer are known)."""
    return {
        "name": bar.label,
        "regions": int(bar.value),
        "known": count.known if count else int(bar.value),
        "official": count.official if count else int(bar.value),
        "partial": bool(count and count.partial),
    }


@router.get(
    "/dashboard",
    response={200: dict[str, Any], **documented_errors(401, 422)},
    auth=READ_AUTH,
    summary="The national dashboard's figures",
)
def dashboard(request: HttpRequest, filters: Query[DashboardFilters]) -> Any:
    board = build(
        Filters(
            island_group=filters.island_group or "",
            province=filters.province or "",
            cohort=filters.cohort,
        )
    )
    return {
        "regions_in_program": board.regions_in_program,
        "official_in_program": board.official_in_program,
        "cohorts": [_cohort_figures(b, board.cohort_counts.get(int(b.key))) for b in board.cohorts],
        "residents": board.residents,
        "residents_include_demo": board.residents_demo,
        # as the dashboard page: the masterplans this caller may open
        "masterplans": {b.key: int(b.value) for b in masterplans_seen_by(board, request.user)},
        "quick_wins": {b.key: int(b.value) for b in board.quick_wins},
        "budget": board.budget,
        "evaluation": None
        if board.evaluation is None
        else {
            "year": board.evaluation["rubric"].year,
            "regions": board.evaluation["count"],
            "mean_index": None
            if board.evaluation["mean"] is None
            else str(board.evaluation["mean"]),
        },
    }


@router.get(
    "/open-data/{dataset}",
    response={200: dict[str, Any], **documented_errors(401, 404, 422)},
    auth=READ_AUTH,
    summary="An open dataset as JSON (also as CSV and Excel under /data-terbuka/)",
)
def open_data(request: HttpRequest, dataset: DatasetSlug) -> Any:  # type: ignore[valid-type]
    found = opendata.DATASETS[dataset]
    rows = list(found.rows())
    return {
        "dataset": found.slug,
        "licence": found.licence,
        "count": len(rows),
        "items": [dict(zip(found.columns, row, strict=True)) for row in rows],
    }
