"""Writes of the masterplan editor, each in one transaction, each after the access check."""

from typing import Any

from django.db import transaction

from accounts.access import AnyUser
from audit.versioning import save_versioned
from masterplans.models import (
    ActionStep,
    AnalysisItem,
    BudgetLine,
    Kpi,
    KpiTarget,
    Masterplan,
    Mission,
    Program,
    Target,
)
from masterplans.workflow import require_editable


def save_overview(
    masterplan: Masterplan,
    user: AnyUser,
    *,
    base_version: int,
    values: dict[str, Any],
    missions: list[str],
    targets: list[str],
) -> Masterplan:
    """The head of the masterplan; VersionConflict if someone saved since ``base_version``."""
    require_editable(masterplan, user)
    with transaction.atomic():
        masterplan = save_versioned(masterplan, base_version=base_version, values=values)
        if [m.text for m in masterplan.missions.all()] != missions:
            masterplan.missions.all().delete()
            Mission.objects.bulk_create(
                Mission(masterplan=masterplan, position=i, text=t) for i, t in enumerate(missions)
            )
        if [t.text for t in masterplan.targets.all()] != targets:
            masterplan.targets.all().delete()
            Target.objects.bulk_create(
                Target(masterplan=masterplan, position=i, text=t) for i, t in enumerate(targets)
            )
    return masterplan


def add_analysis_item(masterplan: Masterplan, user: AnyUser, item: AnalysisItem) -> AnalysisItem:
    """Append ``item`` (kind, dimension, text, readiness gap) to the strategic analysis."""
    require_editable(masterplan, user)
    item.masterplan = masterplan
    item.position = masterplan.analysis.count() + 1
    item.save()
    return item


def delete_analysis_item(masterplan: Masterplan, user: AnyUser, item: AnalysisItem) -> None:
    require_editable(masterplan, user)
    item.delete()


def delete_program(masterplan: Masterplan, user: AnyUser, program: Program) -> None:
    require_editable(masterplan, user)
    program.delete()


def program_initial(program: Program) -> dict[str, Any]:
    """Form values of the budget grid, the first KPI and the steps of ``program``."""
    initial: dict[str, Any] = {"version": program.version}
    for line in program.budget_lines.all():
        initial[f"budget_{line.year}"] = initial.get(f"budget_{line.year}", 0) + line.amount
        initial[f"budget_source_{line.year}"] = line.source
    kpi = program.kpis.first()
    if kpi is not None:
        initial.update(kpi_name=kpi.name, kpi_unit=kpi.unit, kpi_baseline=kpi.baseline)
        for target in kpi.targets.all():
            initial[f"target_{target.year}"] = target.value
    initial["steps"] = "\n".join(step.text for step in program.steps.all())
    return initial


def save_program(
    masterplan: Masterplan, program: Program, data: dict[str, Any], user: AnyUser
) -> Program:
    """Write a program from ProgramForm's cleaned data: fields, budget, first KPI, steps."""
    require_editable(masterplan, user)
    field_names = [
        f.name for f in Program._meta.concrete_fields if f.name in data and f.name != "version"
    ]
    values = {name: data[name] for name in field_names}
    with transaction.atomic():
        if program.pk is None:
            program = Program.objects.create(
                masterplan=masterplan, position=masterplan.programs.count() + 1, **values
            )
        else:
            program = save_versioned(program, base_version=data["version"], values=values)
        program.budget_lines.all().delete()
        BudgetLine.objects.bulk_create(
            BudgetLine(
                program=program,
                year=year,
                amount=data[f"budget_{year}"],
                source=data.get(f"budget_source_{year}") or program.funding_source,
            )
            for year in masterplan.years
            if data.get(f"budget_{year}")
        )
        kpi = program.kpis.first()
        if data.get("kpi_name"):
            if kpi is None:
                kpi = Kpi(program=program)
            kpi.name, kpi.unit, kpi.baseline = (
                data["kpi_name"],
                data["kpi_unit"],
                data.get("kpi_baseline"),
            )
            kpi.save()
            kpi.targets.all().delete()
            KpiTarget.objects.bulk_create(
                KpiTarget(kpi=kpi, year=year, value=data[f"target_{year}"])
                for year in masterplan.years
                if data.get(f"target_{year}") is not None
            )
        elif kpi is not None:
            kpi.delete()
        steps = [line.strip() for line in (data.get("steps") or "").splitlines() if line.strip()]
        if [s.text for s in program.steps.all()] != steps:
            program.steps.all().delete()
            ActionStep.objects.bulk_create(
                ActionStep(program=program, position=i, text=t[:300]) for i, t in enumerate(steps)
            )
    return program
