"""Masterplans over the API: read what you may, write programs and take workflow steps."""

from datetime import date
from typing import Any, Literal, cast

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import StrictInt

from accounts.models import User
from api.auth import READ_AUTH, WRITE_AUTH
from api.errors import ApiError, documented_errors, invalid_form, invalid_parts
from api.openapi import In
from api.pagination import Pagination
from api.versions import base_number, etag
from masterplans.access import get_masterplan_for_user
from masterplans.checks import run_checks
from masterplans.editing import (
    add_analysis_item,
    delete_analysis_item,
    delete_program,
    save_overview,
    save_program,
)
from masterplans.forms import (
    AnalysisItemForm,
    MasterplanCreateForm,
    OverviewForm,
    ProgramEditor,
)
from masterplans.models import (
    ELEMENT_CHOICES,
    AnalysisKind,
    Dimension,
    FundingSource,
    Masterplan,
    Program,
    Term,
)
from masterplans.models import (
    Status as MasterplanStatus,
)
from masterplans.workflow import TRANSITIONS, masterplan_create, require_editable, transition
from regions.access import get_region_for_user
from regions.models import IslandGroup, Region

router = Router(tags=["masterplans"])
DimensionCode = Literal[tuple(Dimension.values)]  # type: ignore[valid-type]
ElementCode = Literal[tuple(code for code, _label in ELEMENT_CHOICES)]  # type: ignore[valid-type]
SourceCode = Literal[tuple(FundingSource.values)]  # type: ignore[valid-type]
TermCode = Literal[tuple(Term.values)]  # type: ignore[valid-type]
StatusCode = Literal[tuple(MasterplanStatus.values)]  # type: ignore[valid-type]
GroupCode = Literal[tuple(IslandGroup.values)]  # type: ignore[valid-type]
StepName = Literal[tuple(TRANSITIONS)]  # type: ignore[valid-type]
KindCode = Literal[tuple(AnalysisKind.values)]  # type: ignore[valid-type]


class MasterplanOut(Schema):
    id: int
    region: str = Field(alias="region.code")
    region_name: str = Field(alias="region.name")
    title: str
    edition: int
    start_year: int
    end_year: int
    status: str
    is_demo: bool
    version: int
    regulation_number: str
    regulation_date: date | None


class BudgetOut(Schema):
    year: int
    source: str
    amount: int


class ActionStepOut(Schema):
    text: str
    year: int | None


class KpiOut(Schema):
    id: int
    name: str
    unit: str
    baseline: float | None
    targets: dict[str, float]

    @staticmethod
    def resolve_targets(kpi: Any) -> dict[str, float]:
        return {str(t.year): t.value for t in kpi.targets.all()}


class ProgramOut(Schema):
    id: int
    code: str
    dimension: str
    element: str
    title: str
    description: str
    technology: str
    opd: str
    partners: str
    term: str
    start_year: int
    end_year: int
    funding_source: str
    rpjmd_program: str
    is_quick_win: bool
    answers: int | None = Field(alias="answers_id")
    version: int
    progress_mode: str
    budget: list[BudgetOut] = Field(alias="budget_lines")
    kpis: list[KpiOut]
    steps: list[ActionStepOut]

    @staticmethod
    def resolve_budget(program: Any) -> list[Any]:
        return list(program.budget_lines.all())

    @staticmethod
    def resolve_kpis(program: Any) -> list[Any]:
        return list(program.kpis.all())

    @staticmethod
    def resolve_steps(program: Any) -> list[Any]:
        return list(program.steps.all())


class AnalysisOut(Schema):
    id: int
    kind: str
    dimension: str
    text: str
    readiness_ref: str


class MasterplanDetailOut(MasterplanOut):
    period_years: int
    vision: str
    strategy: str
    budget_envelope: int | None
    missions: list[str]
    targets: list[str]
    analysis: list[AnalysisOut]
    programs: list[ProgramOut]

    @staticmethod
    def resolve_missions(masterplan: Any) -> list[str]:
        return [m.text for m in masterplan.missions.all()]

    @staticmethod
    def resolve_targets(masterplan: Any) -> list[str]:
        return [t.text for t in masterplan.targets.all()]

    @staticmethod
    def resolve_analysis(masterplan: Any) -> list[Any]:
        return list(masterplan.analysis.all())

    @staticmethod
    def resolve_programs(masterplan: Any) -> list[Any]:
        return list(masterplan.programs.prefetch_related("budget_lines", "steps", "kpis__targets"))


class CheckOut(Schema):
    code: str
    label: str
    ok: bool
    blocking: bool
    problems: list[str]


class MasterplanFilters(Schema):
    status: StatusCode | None = None  # type: ignore[valid-type]
    region: str | None = Field(None, max_length=13, description="Kemendagri code, e.g. 32.73")
    island_group: GroupCode | None = None  # type: ignore[valid-type]


class KpiIn(In):
    id: int | None = Field(
        None, description="an existing KPI of the program (keeps its actual values); none for new"
    )
    name: str = Field(min_length=1, max_length=200)
    unit: str = Field(min_length=1, max_length=40)
    baseline: float | None = Field(None, allow_inf_nan=False)
    targets: dict[int, float] = Field(default_factory=dict, description='e.g. {"2027": 100}')


class BudgetIn(In):
    year: int
    source: SourceCode = "apbd"  # type: ignore[valid-type]
    amount: int = Field(ge=0, description="whole Rupiah")


class ActionStepIn(In):
    text: str = Field(min_length=1, max_length=300)
    year: int | None = None


class ProgramIn(In):
    code: str = Field(min_length=1, max_length=20)
    dimension: DimensionCode  # type: ignore[valid-type]
    element: ElementCode  # type: ignore[valid-type]
    title: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=5000)
    technology: str = Field("", max_length=300)
    opd: str = Field("", max_length=200)
    partners: str = Field("", max_length=300)
    term: TermCode = "short"  # type: ignore[valid-type]
    start_year: int = Field(ge=2015, le=2100)
    end_year: int = Field(ge=2015, le=2100)
    funding_source: SourceCode = "apbd"  # type: ignore[valid-type]
    rpjmd_program: str = Field("", max_length=300)
    is_quick_win: bool = False
    progress_mode: Literal["entered", "milestones"] = "entered"
    answers: int | None = Field(
        None, description="id of the challenge or opportunity of the analysis it answers"
    )
    budget: list[BudgetIn] = Field(
        default_factory=list,
        max_length=500,
        description="one line per year and funding source, e.g. "
        '[{"year": 2027, "source": "apbd", "amount": 750000000}]',
    )
    kpis: list[KpiIn] = Field(default_factory=list, max_length=50)
    steps: list[ActionStepIn] = Field(default_factory=list, max_length=200)


class ProgramUpdateIn(ProgramIn):
    version: StrictInt | None = Field(
        None, description="the program's version you edited from (or send it as If-Match)"
    )


class MasterplanIn(In):
    region: str = Field(max_length=13, description="Kemendagri code, e.g. 32.73")
    title: str = Field(min_length=1, max_length=200)
    start_year: int = Field(ge=2015, le=2100)
    period_years: Literal[10, 5] = 10


class OverviewIn(In):
    """The head of the masterplan, as the editor's page saves it. Fields left out stay."""

    version: StrictInt | None = Field(
        None, description="the masterplan's version you edited from (or send it as If-Match)"
    )
    title: str | None = Field(None, max_length=200)
    start_year: int | None = Field(None, ge=2015, le=2100)
    period_years: Literal[10, 5] | None = None
    vision: str | None = Field(None, max_length=5000)
    strategy: str | None = Field(None, max_length=20000)
    budget_envelope: int | None = Field(None, ge=0, description="yearly envelope in Rupiah")
    missions: list[str] | None = Field(None, max_length=50)
    targets: list[str] | None = Field(None, max_length=50)


class AnalysisIn(In):
    kind: KindCode  # type: ignore[valid-type]
    dimension: DimensionCode  # type: ignore[valid-type]
    text: str = Field(min_length=1, max_length=5000)
    readiness_ref: str = Field("", max_length=40, description="the readiness item it follows")


class StepIn(In):
    note: str = Field("", max_length=500)
    regulation_number: str = Field("", max_length=120)
    regulation_date: date | None = None


@router.get(
    "/masterplans",
    response={200: list[MasterplanOut], **documented_errors(401, 422)},
    auth=READ_AUTH,
    summary="Masterplans you may read (approved and enacted ones for everyone)",
)
@paginate(Pagination)
def list_masterplans(request: HttpRequest, filters: Query[MasterplanFilters]) -> Any:
    masterplans = Masterplan.objects.visible_to(request.user)
    if filters.status:
        masterplans = masterplans.filter(status=filters.status)
    if filters.region:
        masterplans = masterplans.filter(region__code=filters.region)
    if filters.island_group:
        masterplans = masterplans.filter(region__province__island_group=filters.island_group)
    return masterplans.order_by("region__code", "-edition")


@router.get(
    "/masterplans/{int:masterplan_id}",
    response={200: MasterplanDetailOut, **documented_errors(401, 404)},
    auth=READ_AUTH,
    summary="One masterplan with its programs, budgets and KPIs",
)
def get_masterplan(request: HttpRequest, response: HttpResponse, masterplan_id: int) -> Any:
    masterplan = get_masterplan_for_user(request.user, masterplan_id)
    etag(response, masterplan.version)
    return masterplan


@router.get(
    "/masterplans/{int:masterplan_id}/checks",
    response={200: list[CheckOut], **documented_errors(401, 404)},
    auth=READ_AUTH,
    summary="The completeness checklist (kelengkapan)",
)
def get_checks(request: HttpRequest, masterplan_id: int) -> Any:
    masterplan = get_masterplan_for_user(request.user, masterplan_id)
    return [
        {
            "code": c.code,
            "label": str(c.label),
            "ok": c.ok,
            "blocking": c.blocking,
            "problems": [str(p) for p in c.problems],
        }
        for c in run_checks(masterplan)
    ]


def _editable(user: Any, masterplan_id: int) -> Masterplan:
    """The masterplan ``user`` may edit, or 404/403; 409 while its status allows no change."""
    masterplan = get_masterplan_for_user(user, masterplan_id, "masterplan.edit")
    require_editable(masterplan, user)
    return masterplan


def _form_data(masterplan: Masterplan, payload: ProgramIn) -> dict[str, Any]:
    """The body as the program editor's form posts it: the API and the page share its rules."""
    data = payload.model_dump(exclude={"budget", "kpis", "steps"})
    data["is_quick_win"] = "on" if payload.is_quick_win else ""
    data["answers"] = payload.answers or ""
    years = (
        {line.year for line in payload.budget}
        | {year for kpi in payload.kpis for year in kpi.targets}
        | {step.year for step in payload.steps if step.year is not None}
    )
    outside = sorted(years - set(masterplan.years))
    if outside:
        raise ApiError(
            422,
            "invalid",
            _("Years outside the masterplan's period: %(years)s.")
            % {"years": ", ".join(map(str, outside))},
            [{"field": "budget", "message": str(y)} for y in outside],
        )
    rows = {
        "budget": [line.model_dump() for line in payload.budget],
        "step": [step.model_dump() for step in payload.steps],
    }
    for prefix, items in rows.items():
        data.update(_formset(prefix, items, initial=0))
    # KPIs kept by id come first: a formset matches its initial rows to existing objects.
    kpis = sorted(payload.kpis, key=lambda kpi: kpi.id is None)
    kpi_rows = []
    for kpi in kpis:
        row: dict[str, Any] = {"id": kpi.id or "", "name": kpi.name, "unit": kpi.unit}
        row["baseline"] = "" if kpi.baseline is None else kpi.baseline
        row.update({f"target_{year}": value for year, value in kpi.targets.items()})
        kpi_rows.append(row)
    data.update(_formset("kpi", kpi_rows, initial=sum(1 for kpi in kpis if kpi.id)))
    return data


def _formset(prefix: str, rows: list[dict[str, Any]], *, initial: int) -> dict[str, Any]:
    data: dict[str, Any] = {
        f"{prefix}-TOTAL_FORMS": len(rows),
        f"{prefix}-INITIAL_FORMS": initial,
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"{prefix}-{index}-{name}"] = "" if value is None else value
    return data


@router.post(
    "/masterplans/{int:masterplan_id}/programs",
    response={201: ProgramOut, **documented_errors(400, 401, 403, 404, 409, 422)},
    auth=WRITE_AUTH,
    summary="Add a program (the region's team, while the masterplan is a draft or in revision)",
)
def create_program(request: HttpRequest, masterplan_id: int, payload: ProgramIn) -> Any:
    masterplan = _editable(request.user, masterplan_id)
    return Status(201, _save_program(request, masterplan, Program(masterplan=masterplan), payload))


def _save_program(
    request: HttpRequest, masterplan: Masterplan, program: Program, payload: ProgramIn
) -> Program:
    version = base_number(request, getattr(payload, "version", None)) if program.pk else None
    data = _form_data(masterplan, payload)
    editor = ProgramEditor(data, masterplan=masterplan, program=program)
    if not editor.is_valid():
        raise invalid_parts(
            [
                ("", editor.form),
                ("budget", editor.budget),
                ("kpis", editor.kpis),
                ("steps", editor.steps),
            ],
            _("The program is not valid."),
        )
    return save_program(masterplan, program, editor.content(), request.user, base_version=version)


def _program_of(masterplan: Masterplan, program_id: int) -> Program:
    program = masterplan.programs.filter(pk=program_id).first()
    if program is None:
        raise Http404
    return program


@router.put(
    "/masterplans/{int:masterplan_id}/programs/{int:program_id}",
    response={200: ProgramOut, **documented_errors(400, 401, 403, 404, 409, 412, 422, 428)},
    auth=WRITE_AUTH,
    summary="Replace a program (the region's team, while the masterplan is a draft or in revision)",
    description="Everything the program holds is replaced by the body, as the program form "
    "saves it. Refused with 412 when the program changed since `version`: nothing is lost.",
)
def update_program(
    request: HttpRequest, masterplan_id: int, program_id: int, payload: ProgramUpdateIn
) -> Any:
    masterplan = _editable(request.user, masterplan_id)
    return _save_program(request, masterplan, _program_of(masterplan, program_id), payload)


@router.delete(
    "/masterplans/{int:masterplan_id}/programs/{int:program_id}",
    response={204: None, **documented_errors(400, 401, 403, 404, 409)},
    auth=WRITE_AUTH,
    summary="Remove a program (the region's team, while the masterplan is a draft or in revision)",
)
def remove_program(request: HttpRequest, masterplan_id: int, program_id: int) -> Any:
    masterplan = _editable(request.user, masterplan_id)
    delete_program(masterplan, request.user, _program_of(masterplan, program_id))
    return Status(204, None)


@router.post(
    "/masterplans",
    response={201: MasterplanOut, **documented_errors(400, 401, 403, 404, 409, 422)},
    auth=WRITE_AUTH,
    summary="Start a region's masterplan (its lead or national staff)",
)
def start_masterplan(request: HttpRequest, payload: MasterplanIn) -> Any:
    region = get_region_for_user(request.user, payload.region, "masterplan.create")
    form = MasterplanCreateForm(
        {**payload.model_dump(), "region": region.pk}, regions=Region.objects.filter(pk=region.pk)
    )
    if not form.is_valid():
        raise invalid_form(form)
    return Status(201, masterplan_create(user=cast(User, request.user), **form.cleaned_data))


@router.patch(
    "/masterplans/{int:masterplan_id}",
    response={
        200: MasterplanDetailOut,
        **documented_errors(400, 401, 403, 404, 409, 412, 422, 428),
    },
    auth=WRITE_AUTH,
    summary="Edit the head of the masterplan: title, period, vision, strategy, envelope, "
    "missions and targets",
    description="Refused with 412 when the masterplan changed since `version`: nothing is lost.",
)
def update_overview(
    request: HttpRequest, response: HttpResponse, masterplan_id: int, payload: OverviewIn
) -> Any:
    masterplan = _editable(request.user, masterplan_id)
    sent = payload.model_dump(exclude_unset=True, exclude={"version", "missions", "targets"})
    data = {name: getattr(masterplan, name) for name in OverviewForm.Meta.fields}
    data.update({name: "" if value is None else value for name, value in sent.items()})
    version = base_number(request, payload.version)
    form = OverviewForm({**data, "version": version}, instance=masterplan)
    if not form.is_valid():
        raise invalid_form(form)
    missions = [m.text for m in masterplan.missions.all()]
    targets = [t.text for t in masterplan.targets.all()]
    saved = save_overview(
        masterplan,
        request.user,
        base_version=version,
        values={name: form.cleaned_data[name] for name in OverviewForm.Meta.fields},
        missions=missions if payload.missions is None else _lines(payload.missions),
        targets=targets if payload.targets is None else _lines(payload.targets),
    )
    etag(response, saved.version)
    return saved


def _lines(items: list[str]) -> list[str]:
    return [item.strip() for item in items if item.strip()]


@router.post(
    "/masterplans/{int:masterplan_id}/analysis",
    response={201: AnalysisOut, **documented_errors(400, 401, 403, 404, 409, 422)},
    auth=WRITE_AUTH,
    summary="Add a SWOT item, challenge or opportunity to the strategic analysis",
)
def create_analysis_item(request: HttpRequest, masterplan_id: int, payload: AnalysisIn) -> Any:
    masterplan = _editable(request.user, masterplan_id)
    form = AnalysisItemForm(payload.model_dump())
    if not form.is_valid():
        raise invalid_form(form)
    return Status(201, add_analysis_item(masterplan, request.user, form.save(commit=False)))


@router.delete(
    "/masterplans/{int:masterplan_id}/analysis/{int:item_id}",
    response={204: None, **documented_errors(400, 401, 403, 404, 409)},
    auth=WRITE_AUTH,
    summary="Remove an item of the strategic analysis",
)
def remove_analysis_item(request: HttpRequest, masterplan_id: int, item_id: int) -> Any:
    masterplan = _editable(request.user, masterplan_id)
    item = masterplan.analysis.filter(pk=item_id).first()
    if item is None:
        raise Http404
    delete_analysis_item(masterplan, request.user, item)
    return Status(204, None)


@router.post(
    "/masterplans/{int:masterplan_id}/steps/{step}",
    response={200: MasterplanOut, **documented_errors(400, 401, 403, 404, 409, 422)},
    auth=WRITE_AUTH,
    summary="Take a workflow step: submit, request_revision, approve, enact",
)
def take_step(request: HttpRequest, masterplan_id: int, step: StepName, payload: StepIn) -> Any:  # type: ignore[valid-type]
    masterplan = get_masterplan_for_user(request.user, masterplan_id, TRANSITIONS[step].action)
    return transition(
        masterplan,
        step,
        cast(User, request.user),
        note=payload.note,
        regulation_number=payload.regulation_number,
        regulation_date=payload.regulation_date,
    )
