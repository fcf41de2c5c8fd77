"""Progress pages: a masterplan's programs, one program's reports, quick wins, late reports."""

from operator import itemgetter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Prefetch, Subquery, prefetch_related_objects
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts import access
from audit.versioning import StaleEdit
from kotacerdas.lists import Column, listing
from kotacerdas.params import id_param, int_param
from masterplans.access import get_masterplan_for_user, get_program_for_user
from masterplans.library import similar_programs
from masterplans.models import Dimension, Masterplan, Program
from monitoring.access import get_evidence_for_user, get_milestone_for_user
from monitoring.forms import EvidenceForm, KpiActualForm, MilestoneForm, ReportForm, StageForm
from monitoring.models import EvidenceKind, Phase, ProgressReport, ProgressStatus, Stage
from monitoring.progress import (
    FOLLOWED_STATUSES,
    followed_programs,
    kpi_years,
    late_reports,
    milestone_percent,
    money_percent,
    quarter_of,
    report_percent,
    stage_rows,
    timeline,
    yearly_progress,
)
from monitoring.services import (
    ProgressError,
    kpi_actual_save,
    milestone_create,
    milestone_set_done,
    progress_report_save,
)
from regions.models import IslandGroup

PAGE_SIZE = 50


def _row(program: Program, year: int) -> dict[str, Any]:
    """A program's line in a list: its newest report and its % complete, and for ``year`` the
    % complete by then (the year's newest report, or an earlier one) beside the budget realised
    against the plan."""
    reports = list(program.progress_reports.all())
    latest = reports[0] if reports else None
    by_year = next((r for r in reports if r.year <= year), None)
    planned = sum(line.amount for line in program.budget_lines.all() if line.year == year)
    realised = sum(r.budget_realised or 0 for r in reports if r.year == year)
    return {
        "program": program,
        "latest": latest,
        "percent": report_percent(latest) if latest else None,
        "year_percent": report_percent(by_year) if by_year else None,
        "planned": planned,
        "realised": realised,
        "realised_percent": money_percent(realised, planned),
    }


def _stage_label(program: Program) -> str:
    """The stage ``program`` is at ("" before any), its stages prefetched."""
    _rows, current = stage_rows(program.stages.all(), timezone.localdate())
    return str(Stage(current).label) if current else ""


def _progress_columns(year: int) -> list[Column]:
    """The columns of a masterplan's progress list; those of money and % complete are of
    ``year``."""
    # The page's own headings (msgids shared with the templates, where "%%" is "%" once
    # formatted).
    complete = _("%% complete") % {}
    of_plan = _("Realised, %% of plan") % {}
    return [
        Column(
            "program",
            _("Program"),
            ("code",),
            lambda r: f"{r['program'].code} {r['program'].title}",
        ),
        Column(
            "dimension",
            _("Dimension"),
            (),
            lambda r: r["program"].get_dimension_display(),
            shown=False,
        ),
        Column("opd", _("OPD"), (), lambda r: r["program"].opd, shown=False),
        Column(
            "quick_win",
            _("Quick win"),
            (),
            lambda r: _("yes") if r["program"].is_quick_win else _("no"),
            shown=False,
        ),
        Column(
            "latest",
            _("Latest report"),
            ("status",),
            lambda r: r["latest"].get_status_display() if r["latest"] else "",
        ),
        Column(
            "quarter",
            _("Quarter"),
            (),
            lambda r: r["latest"].period_label if r["latest"] else "",
            shown=False,
        ),
        Column("stage", _("Stage"), ("stage",), itemgetter("stage")),
        Column(
            "year_percent",
            f"{complete} {year}",
            ("year_percent",),
            itemgetter("year_percent"),
            num=True,
        ),
        Column(
            "realised_percent",
            f"{of_plan} {year}",
            ("realised_percent",),
            itemgetter("realised_percent"),
            num=True,
        ),
        Column("planned", f"{_('Planned')} {year}", ("planned",), itemgetter("planned"), num=True),
        Column(
            "realised", f"{_('Realised')} {year}", ("realised",), itemgetter("realised"), num=True
        ),
    ]


def masterplan_progress(request: HttpRequest, pk: int) -> HttpResponse:
    masterplan = get_masterplan_for_user(request.user, pk)
    year = int_param(request.GET.get("year"), timezone.localdate().year)
    programs = masterplan.programs.prefetch_related(
        "budget_lines",
        "milestones",
        "stages",
        Prefetch("progress_reports", queryset=ProgressReport.objects.order_by("-year", "-quarter")),
    ).select_related("masterplan")
    dimension = request.GET.get("dimension", "")
    if dimension in Dimension.values:
        programs = programs.filter(dimension=dimension)
    if request.GET.get("quick_wins"):
        programs = programs.filter(is_quick_win=True)
    rows = [{**_row(p, year), "stage": _stage_label(p)} for p in programs]
    status = request.GET.get("status", "")
    if status in ProgressStatus.values:
        rows = [r for r in rows if r["latest"] and r["latest"].status == status]
    elif status == "none":
        rows = [r for r in rows if r["latest"] is None]
    found = listing(
        request,
        rows,
        _progress_columns(year),
        per_page=PAGE_SIZE,
        filename=f"kemajuan-{masterplan.region.code}-{year}",
    )
    if isinstance(found, HttpResponse):
        return found
    followed = masterplan.status in FOLLOWED_STATUSES
    late = late_reports(programs, timezone.localdate()) if followed else []
    return render(
        request,
        "monitoring/masterplan.html",
        {
            "masterplan": masterplan,
            "page": found.page,
            "listing": found,
            "year": year,
            "years": list(masterplan.years),
            "dimensions": Dimension.choices,
            "statuses": ProgressStatus.choices,
            "dimension": dimension,
            "status": status,
            "late": late,
            "planned_total": sum(r["planned"] for r in rows),
            "realised_total": sum(r["realised"] for r in rows),
            "realised_percent": money_percent(
                sum(r["realised"] for r in rows), sum(r["planned"] for r in rows)
            ),
            "query": found.query,
            "followed": followed,
            "can_watch": access.can(request.user, "progress.watch", masterplan.region),
        },
    )


def program_progress(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_program_for_user(request.user, pk)
    return program_page(request, program)


def _report_form(request: HttpRequest, program: Program) -> ReportForm:
    """The report form: a report of the list opened to change (``?laporan=``), else the
    current quarter's, with the version it was opened at (0: no report of that quarter yet)."""
    opened = program.progress_reports.filter(pk=int_param(request.GET.get("laporan"), 0)).first()
    if opened is None:
        year, quarter = quarter_of(timezone.localdate())
        year = min(max(year, program.start_year), program.end_year)
        opened = program.progress_reports.filter(year=year, quarter=quarter).first()
        if opened is None:
            return ReportForm(program=program, initial={"year": year, "quarter": quarter})
    return ReportForm(program=program, instance=opened, initial={"version": opened.version})


def _stage_form(request: HttpRequest, rows: list[Any], current: str | None) -> StageForm:
    """The stage form: a stage opened from the table (``?tahap=``) with its values and version,
    else the stage after the one the program is at."""
    asked = request.GET.get("tahap", "")
    row = next((r for r in rows if r.stage == asked), None)
    if row is None:
        order = [r.stage for r in rows]
        following = order.index(current) + 1 if current and current != "dropped" else 0
        row = rows[min(following, len(order) - 2)]
    return StageForm(
        initial={
            "stage": row.stage,
            "planned_date": row.planned,
            "actual_date": row.actual,
            "note": row.note,
            "version": row.version,
        }
    )


def _kpi_form(request: HttpRequest, kpi: Any) -> KpiActualForm:
    """A KPI's form: a year's value opened to change (``?kpi=&tahun=``), else a new one."""
    initial = {"kpi": kpi.pk, "version": 0}
    if int_param(request.GET.get("kpi"), 0) == kpi.pk:
        year = int_param(request.GET.get("tahun"), 0)
        actual = next((a for a in kpi.actuals.all() if a.year == year), None)
        if actual is not None:
            initial.update(year=actual.year, value=actual.value, version=actual.version)
    return KpiActualForm(initial=initial, auto_id=f"id_kpi{kpi.pk}_%s")


def program_page(
    request: HttpRequest,
    program: Program,
    *,
    report_form: ReportForm | None = None,
    milestone_form: MilestoneForm | None = None,
    kpi_form: KpiActualForm | None = None,
    stage_form: StageForm | None = None,
    evidence_form: EvidenceForm | None = None,
    conflict: StaleEdit | None = None,
) -> HttpResponse:
    """The program's page; a form posted with errors comes back as typed, next to them."""
    can_report = (
        access.can(request.user, "progress.report", program.masterplan.region)
        and program.masterplan.status in FOLLOWED_STATUSES
    )
    today = timezone.localdate()
    # Read once: a milestone-mode report's % (in the list and the timeline) reads them.
    prefetch_related_objects([program], "milestones", "budget_lines", "stages")
    reports = list(
        program.progress_reports.order_by("-year", "-quarter").prefetch_related("evidence")
    )
    stages, current = stage_rows(program.stages.all(), today)
    milestones = list(program.milestones.all())
    kpis = list(program.kpis.prefetch_related("targets", "actuals"))
    kpi_forms = {
        kpi.pk: kpi_form
        if kpi_form is not None and kpi_form.data.get("kpi") == str(kpi.pk)
        else _kpi_form(request, kpi)
        for kpi in kpis
    }
    return render(
        request,
        "monitoring/program.html",
        {
            "program": program,
            "masterplan": program.masterplan,
            "reports": [
                {
                    "report": r,
                    "percent": report_percent(r),
                    "files": _files(r, can_report, evidence_form),
                }
                for r in reports
            ],
            "pairs": _pairs(reports),
            "stages": stages,
            "current_stage": Stage(current).label if current else None,
            "stage_form": stage_form or _stage_form(request, stages, current),
            "stage_open": stage_form is not None or "tahap" in request.GET,
            "yearly": yearly_progress(program, reports),
            "picker_center": _picker_center(program),
            "milestones": milestones,
            "milestone_percent": milestone_percent(milestones, today),
            "timeline": timeline(program, reports, milestones, today),
            "kpis": [
                {"kpi": kpi, "rows": kpi_years(kpi), "form": kpi_forms[kpi.pk]} for kpi in kpis
            ],
            "can_report": can_report,
            "report_form": report_form or _report_form(request, program),
            "report_open": report_form is not None or "laporan" in request.GET,
            "milestone_form": milestone_form or MilestoneForm(),
            "conflict": conflict,
            "similar": similar_programs(program),
        },
        status=409 if conflict else 200,
    )


def _files(
    report: ProgressReport, can_report: bool, posted: EvidenceForm | None
) -> list[dict[str, Any]]:
    """A report's evidence, each photo with its form for the team (a posted one as typed)."""
    files = []
    for item in report.evidence.all():
        form = None
        if can_report and item.kind == EvidenceKind.PHOTO:
            form = posted if posted is not None and posted.evidence.pk == item.pk else None
            form = form or EvidenceForm(evidence=item)
        files.append({"file": item, "form": form})
    return files


def _pairs(reports: list[ProgressReport]) -> list[tuple[Any, Any]]:
    """The program's before/after photo pairs, before first."""
    photos = {e.pk: e for r in reports for e in r.evidence.all()}
    return [
        (e, photos[e.pair_id])
        for e in photos.values()
        if e.phase == Phase.BEFORE and e.pair_id in photos
    ]


def _picker_center(program: Program) -> dict[str, str]:
    """Where the map to pick a photo's place opens: the region's capital (as text, so that the
    template does not write it in the page's number format)."""
    region = program.masterplan.region
    return {
        "lat": "" if region.latitude is None else str(region.latitude),
        "lon": "" if region.longitude is None else str(region.longitude),
    }


def back_to_program(program: Program) -> HttpResponse:
    return redirect("monitoring:program", program.pk)


@login_required
@require_POST
def report_save(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_program_for_user(request.user, pk, "progress.report")
    form = ReportForm(request.POST, request.FILES, program=program)
    if not form.is_valid():
        return program_page(request, program, report_form=form)
    try:
        progress_report_save(
            program=program,
            user=request.user,
            data=form.cleaned_data,
            base_version=form.cleaned_data.get("version") or 0,
            evidence=form.cleaned_data.get("evidence"),
            evidence_kind=getattr(form, "evidence_kind", ""),
            caption=form.cleaned_data.get("caption", ""),
        )
    except StaleEdit as exc:
        again = ReportForm({**request.POST.dict(), "version": str(exc.version)}, program=program)
        again.is_valid()
        return program_page(request, program, report_form=again, conflict=exc)
    except ProgressError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Progress for Q%(quarter)s %(year)s saved.")
            % {"quarter": form.cleaned_data["quarter"], "year": form.cleaned_data["year"]},
        )
    return back_to_program(program)


@login_required
@require_POST
def milestone_add(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_program_for_user(request.user, pk, "progress.report")
    form = MilestoneForm(request.POST)
    if not form.is_valid():
        return program_page(request, program, milestone_form=form)
    try:
        milestone_create(program=program, user=request.user, data=form.cleaned_data)
    except ProgressError as exc:
        messages.error(request, str(exc))
    return back_to_program(program)


@login_required
@require_POST
def milestone_done(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_milestone_for_user(request.user, pk, "progress.report")
    program = milestone.program
    done = request.POST.get("done") == "1"
    try:
        milestone_set_done(
            milestone=milestone, user=request.user, done_on=timezone.localdate() if done else None
        )
    except ProgressError as exc:
        messages.error(request, str(exc))
    return back_to_program(program)


@login_required
@require_POST
def kpi_actual(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_program_for_user(request.user, pk, "progress.report")
    kpi = int_param(request.POST.get("kpi"), 0)
    form = KpiActualForm(request.POST, auto_id=f"id_kpi{kpi}_%s")
    if not form.is_valid():
        return program_page(request, program, kpi_form=form)
    data = form.cleaned_data
    try:
        kpi_actual_save(
            program=program,
            user=request.user,
            kpi_id=data["kpi"],
            year=data["year"],
            value=data["value"],
            base_version=data.get("version") or 0,
        )
    except StaleEdit as exc:
        again = KpiActualForm(
            {**request.POST.dict(), "version": str(exc.version)}, auto_id=f"id_kpi{kpi}_%s"
        )
        again.is_valid()
        return program_page(request, program, kpi_form=again, conflict=exc)
    except ProgressError as exc:
        messages.error(request, str(exc))
    return back_to_program(program)


def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    evidence = get_evidence_for_user(request.user, pk)
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=evidence.kind != "photo",
        filename=evidence.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _latest_percent(program: Program) -> int | None:
    reports = list(program.progress_reports.all())
    return report_percent(reports[0]) if reports else None


QUICK_WIN_COLUMNS = [
    Column(
        "region",
        gettext_lazy("Region"),
        ("masterplan__region__name",),
        lambda p: p.masterplan.region.name,
    ),
    Column("title", gettext_lazy("Quick win"), ("title",)),
    Column(
        "dimension",
        gettext_lazy("Dimension"),
        ("dimension",),
        lambda p: p.get_dimension_display(),
        shown=False,
    ),
    Column("opd", gettext_lazy("OPD"), ("opd",), shown=False),
    Column(
        "status",
        gettext_lazy("Status"),
        ("latest_status",),
        lambda p: ProgressStatus(p.latest_status).label if p.latest_status else "",
    ),
    Column("percent", gettext_lazy("Percent complete"), (), _latest_percent, num=True),
]


def quick_wins(request: HttpRequest) -> HttpResponse:
    """Every published quick win with its latest progress: what residents should see."""
    visible = Masterplan.objects.visible_to(request.user).values("pk")
    programs = (
        Program.objects.filter(is_quick_win=True, masterplan__in=visible)
        .select_related("masterplan__region")
        .prefetch_related(
            "budget_lines",
            "milestones",
            Prefetch(
                "progress_reports", queryset=ProgressReport.objects.order_by("-year", "-quarter")
            ),
        )
        .order_by("masterplan__region__code", "code")
    )
    dimension = request.GET.get("dimension", "")
    if dimension in Dimension.values:
        programs = programs.filter(dimension=dimension)
    newest = ProgressReport.objects.filter(program=OuterRef("pk")).order_by("-year", "-quarter")
    programs = programs.annotate(latest_status=Subquery(newest.values("status")[:1]))
    status = request.GET.get("status", "")
    if status in ProgressStatus.values:
        programs = programs.filter(latest_status=status)
    elif status == "none":
        programs = programs.filter(latest_status=None)
    group = request.GET.get("island_group", "")
    if group in IslandGroup.values:
        programs = programs.filter(masterplan__region__province__island_group=group)
    province = request.GET.get("province", "")
    if province:
        programs = programs.filter(masterplan__region__province__code=province)
    cohort = request.GET.get("cohort", "")
    if (cohort_id := id_param(cohort)) is not None:
        programs = programs.filter(masterplan__cohort_id=cohort_id)
    # "current": the quick wins of the masterplans in force only, as the dashboard counts them
    # (not a draft in consultation, not an edition a newer one replaced).
    edition = "current" if request.GET.get("edition") == "current" else ""
    if edition:
        programs = programs.filter(masterplan__in=Masterplan.objects.in_force())
    query = request.GET.get("q", "").strip()
    if query:
        programs = programs.filter(title__icontains=query) | programs.filter(
            masterplan__region__name__icontains=query
        )
    found = listing(request, programs, QUICK_WIN_COLUMNS, per_page=PAGE_SIZE, filename="quick-win")
    if isinstance(found, HttpResponse):
        return found
    rows = [_row(p, timezone.localdate().year) for p in found.page]
    return render(
        request,
        "monitoring/quick_wins.html",
        {
            "page": found.page,
            "listing": found,
            "rows": rows,
            "dimensions": Dimension.choices,
            "dimension": dimension,
            "statuses": ProgressStatus.choices,
            "status": status,
            "edition": edition,
            "q": query,
            "query": found.query,
            "can_see_late": access.can_somewhere(request.user, "progress.watch"),
        },
    )


LATE_COLUMNS = [
    Column(
        "region",
        gettext_lazy("Region"),
        ("region",),
        lambda r: r.program.masterplan.region.name,
    ),
    Column(
        "program",
        gettext_lazy("Program"),
        ("program",),
        lambda r: f"{r.program.code} {r.program.title}",
    ),
    Column("opd", gettext_lazy("OPD"), (), lambda r: r.program.opd, shown=False),
    Column("quarter", gettext_lazy("Quarter"), ("quarter",), lambda r: f"{r.year}-T{r.quarter}"),
    Column("due", gettext_lazy("Due"), ("due",), lambda r: r.due),
]


@login_required
def late(request: HttpRequest) -> HttpResponse:
    """Reports past their due date: all of them for national roles, the own region's for teams."""
    programs = followed_programs()
    if not access.can(request.user, "progress.watch"):
        regions = access.regions_for(request.user, "progress.watch")
        if not regions.exists():
            raise PermissionDenied
        programs = programs.filter(masterplan__region__in=regions)
    today = timezone.localdate()
    rows = late_reports(programs, today)
    found = listing(request, rows, LATE_COLUMNS, per_page=PAGE_SIZE, filename="laporan-terlambat")
    if isinstance(found, HttpResponse):
        return found
    return render(
        request,
        "monitoring/late.html",
        {
            "page": found.page,
            "listing": found,
            "query": found.query,
            "today": today,
            "total": len(rows),
        },
    )
