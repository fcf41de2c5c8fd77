"""Masterplans over the API: read what you may, write programs and take workflow steps."""

from datetime import date
from typing import Any, Literal, cast

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from accounts import access
from accounts.models import User
from api.auth import READ_AUTH, WRITE_AUTH
from api.errors import ApiError, documented_errors
from api.pagination import Pagination
from masterplans.checks import run_checks
from masterplans.editing import save_program
from masterplans.forms import ProgramForm
from masterplans.models import (
    ELEMENT_CHOICES,
    Dimension,
    FundingSource,
    Masterplan,
    Program,
    Term,
)
from masterplans.models import (
    Status as MasterplanStatus,
)
from masterplans.workflow import TRANSITIONS, WorkflowError, transition
from regions.models import IslandGroup

router = Router(tags=["masterplans"])
DimensionCode = Literal[tuple(Dimension.values)]  # type: ignore[valid-type]
ElementCode = Literal[tuple(code for code, _label in ELEMENT_CHOICES)]  # type: ignore[valid-type]
SourceCode = Literal[tuple(FundingSource.values)]  # type: ignore[valid-type]
TermCode = Literal[tuple(Term.values)]  # type: ignore[valid-type]
StatusCode = Literal[tuple(MasterplanStatus.values)]  # type: ignore[valid-type]
GroupCode = Literal[tuple(IslandGroup.values)]  # type: ignore[valid-type]
StepName = Literal[tuple(TRANSITIONS)]  # type: ignore[valid-type]


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


class KpiOut(Schema):
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
    version: int
    budget: list[BudgetOut] = Field(alias="budget_lines")
    kpis: list[KpiOut]
    steps: list[str]

    @staticmethod
    def resolve_budget(program: Any) -> list[Any]:
        return list(program.budget_lines.all())

    @staticmethod
    def resolve_kpis(program: Any) -> list[Any]:
        return list(program.kpis.all())

    @staticmethod
    def resolve_steps(program: Any) -> list[str]:
        return [step.text for step in program.steps.all()]


class MasterplanDetailOut(MasterplanOut):
    vision: str
    missions: list[str]
    programs: list[ProgramOut]

    @staticmethod
    def resolve_missions(masterplan: Any) -> list[str]:
        return [m.text for m in masterplan.missions.all()]

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


class KpiIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    unit: str = Field(min_length=1, max_length=40)
    baseline: float | None = Field(None, allow_inf_nan=False)
    targets: dict[int, float] = Field(default_factory=dict)


class ProgramIn(Schema):
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
    budget: dict[int, int] = Field(
        default_factory=dict, description='Rupiah per year, e.g. {"2027": 750000000}'
    )
    kpi: KpiIn | None = None
    steps: list[str] = Field(default_factory=list, max_length=50)


class StepIn(Schema):
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
    masterplans = access.visible_masterplans(request.user)
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
def get_masterplan(request: HttpRequest, masterplan_id: int) -> Any:
    return access.get_masterplan_for_user(request.user, masterplan_id)


@router.get(
    "/masterplans/{int:masterplan_id}/checks",
    response={200: list[CheckOut], **documented_errors(401, 404)},
    auth=READ_AUTH,
    summary="The completeness checklist (kelengkapan)",
)
def get_checks(request: HttpRequest, masterplan_id: int) -> Any:
    masterplan = access.get_masterplan_for_user(request.user, masterplan_id)
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


def _form_data(masterplan: Masterplan, payload: ProgramIn) -> dict[str, Any]:
    data = payload.model_dump(exclude={"budget", "kpi", "steps"})
    data["is_quick_win"] = "on" if payload.is_quick_win else ""
    data["steps"] = "\n".join(payload.steps)
    for year, amount in payload.budget.items():
        data[f"budget_{year}"] = amount
    if payload.kpi is not None:
        data.update(
            kpi_name=payload.kpi.name,
            kpi_unit=payload.kpi.unit,
            kpi_baseline="" if payload.kpi.baseline is None else payload.kpi.baseline,
        )
        for year, value in payload.kpi.targets.items():
            data[f"target_{year}"] = value
    unknown = sorted(set(payload.budget) | set(payload.kpi.targets if payload.kpi else {}))
    outside = [y for y in unknown if y not in masterplan.years]
    if outside:
        raise ApiError(
            422,
            "invalid",
            _("Years outside the masterplan's period: %(years)s.")
            % {"years": ", ".join(map(str, outside))},
            [{"field": "budget", "message": str(y)} for y in outside],
        )
    return data


@router.post(
    "/masterplans/{int:masterplan_id}/programs",
    response={201: ProgramOut, **documented_errors(400, 401, 403, 404, 409, 422)},
    auth=WRITE_AUTH,
    summary="Add a program (the region's team, while the masterplan is a draft or in revision)",
)
def create_program(request: HttpRequest, masterplan_id: int, payload: ProgramIn) -> Any:
    masterplan = access.get_masterplan_for_user(request.user, masterplan_id, "masterplan.edit")
    if not masterplan.is_editable:
        raise ApiError(
            409,
            "not_editable",
            _("A masterplan that is %(status)s cannot be changed.")
            % {"status": masterplan.get_status_display()},
        )
    form = ProgramForm(
        _form_data(masterplan, payload),
        instance=Program(masterplan=masterplan),
        masterplan=masterplan,
    )
    if not form.is_valid():
        details = [
            {"field": name, "message": str(message)}
            for name, messages in form.errors.items()
            for message in messages
        ]
        raise ApiError(422, "invalid", _("The program is not valid."), details)
    program = save_program(
        masterplan, Program(masterplan=masterplan), form.cleaned_data, request.user
    )
    return Status(201, program)


@router.post(
    "/masterplans/{int:masterplan_id}/steps/{step}",
    response={200: MasterplanOut, **documented_errors(400, 401, 403, 404, 409, 422)},
    auth=WRITE_AUTH,
    summary="Take a workflow step: submit, request_revision, approve, enact",
)
def take_step(request: HttpRequest, masterplan_id: int, step: StepName, payload: StepIn) -> Any:  # type: ignore[valid-type]
    masterplan = access.get_masterplan_for_user(
        request.user, masterplan_id, TRANSITIONS[step].action
    )
    try:
        return transition(
            masterplan,
            step,
            cast(User, request.user),
            note=payload.note,
            regulation_number=payload.regulation_number,
            regulation_date=payload.regulation_date,
        )
    except WorkflowError as exc:
        raise ApiError(409, "workflow", str(exc)) from exc
