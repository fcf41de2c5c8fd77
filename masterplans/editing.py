"""Writes of the masterplan editor, each in one transaction, each after the access check."""

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.access import AnyUser
from audit.versioning import VersionConflict, changes_since, save_versioned
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
from trash.services import trash_delete


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
        old_missions = [m.text for m in masterplan.missions.all()]
        old_targets = {t.text: t.dimension for t in masterplan.targets.all()}
        lines_changed = old_missions != missions or list(old_targets) != targets
        masterplan = save_versioned(
            masterplan, base_version=base_version, values=values, changed_elsewhere=lines_changed
        )
        if old_missions != missions:
            masterplan.missions.all().delete()
            Mission.objects.bulk_create(
                Mission(masterplan=masterplan, position=i, text=t) for i, t in enumerate(missions)
            )
        if list(old_targets) != targets:
            # A target keeps the dimension it was tagged with (the form shows only its text).
            masterplan.targets.all().delete()
            Target.objects.bulk_create(
                Target(masterplan=masterplan, position=i, text=t, dimension=old_targets.get(t, ""))
                for i, t in enumerate(targets)
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
    trash_delete(
        obj=item,
        user=user,
        label=lambda: (
            _("Analysis item of %(region)s: %(text)s")
            % {"region": masterplan.region.name, "text": item.text[:120]}
        ),
        region=masterplan.region,
    )


def delete_program(masterplan: Masterplan, user: AnyUser, program: Program) -> None:
    """Remove the program from the draft: a soft delete that a national administrator can
    restore while the masterplan is a draft."""
    require_editable(masterplan, user)
    trash_delete(
        obj=program,
        user=user,
        label=lambda: (
            _("Program %(code)s %(title)s (%(region)s)")
            % {"code": program.code, "title": program.title, "region": masterplan.region.name}
        ),
        region=masterplan.region,
    )


@dataclass
class KpiContent:
    """A KPI as an editor or an import gives it; ``id`` None for a new one."""

    id: int | None
    name: str
    unit: str
    baseline: float | None
    targets: dict[int, float] = field(default_factory=dict)


@dataclass
class ProgramContent:
    """Everything a program holds: its own fields, its budget by (year, source), its KPIs in
    order and its action plan as (step, year) in order."""

    fields: dict[str, Any]
    budget: dict[tuple[int, str], int] = field(default_factory=dict)
    kpis: list[KpiContent] = field(default_factory=list)
    steps: list[tuple[str, int | None]] = field(default_factory=list)


def program_content(program: Program) -> ProgramContent:
    """What ``program`` holds now, in the shape the editor saves."""
    names = [f.name for f in Program._meta.concrete_fields if f.name in EDITABLE_PROGRAM_FIELDS]
    return ProgramContent(
        fields={
            name: getattr(program, "answers_id" if name == "answers" else name) for name in names
        },
        budget={(line.year, line.source): line.amount for line in program.budget_lines.all()},
        kpis=[
            KpiContent(
                kpi.pk,
                kpi.name,
                kpi.unit,
                kpi.baseline,
                {t.year: t.value for t in kpi.targets.all()},
            )
            for kpi in program.kpis.all()
        ],
        steps=[(step.text, step.year) for step in program.steps.all()],
    )


def _targets(kpi: Kpi) -> dict[int, float]:
    return {target.year: target.value for target in kpi.targets.all()}


# The fields of a program that people edit (the rest are its place, version and masterplan).
EDITABLE_PROGRAM_FIELDS = (
    "code",
    "dimension",
    "element",
    "title",
    "description",
    "answers",
    "technology",
    "opd",
    "partners",
    "term",
    "start_year",
    "end_year",
    "funding_source",
    "rpjmd_program",
    "is_quick_win",
    "progress_mode",
)


def _field_value(name: str, value: Any) -> Any:
    return getattr(value, "pk", value) if name == "answers" else value


def plain_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """A program's fields as ``program_content`` holds them (the analysis item by its id)."""
    return {name: _field_value(name, value) for name, value in fields.items()}


def save_program(
    masterplan: Masterplan,
    program: Program,
    content: ProgramContent,
    user: AnyUser,
    *,
    base_version: int | None = None,
) -> Program:
    """Write ``content`` to ``program`` (a new one when unsaved): only what differs is written,
    so content that is unchanged writes nothing and leaves no history.

    An existing program must still be at ``base_version`` (VersionConflict otherwise); its KPIs
    keep their identity (and their actuals) by id.
    """
    require_editable(masterplan, user)
    with transaction.atomic():
        if program.pk is None:
            return new_program(masterplan, content, position=masterplan.programs.count() + 1)
        current = Program.objects.select_for_update().get(pk=program.pk)
        if base_version is None or current.version != base_version:
            changes, by = changes_since(current, base_version or 0)
            raise VersionConflict(current, base_version or 0, changes, by)
        before = program_content(current)
        return apply_content(current, content, before)


def _model_values(content: ProgramContent) -> dict[str, Any]:
    """The content's fields as model attributes (the analysis item as an object or an id)."""
    values = {}
    for name, value in content.fields.items():
        if name not in EDITABLE_PROGRAM_FIELDS:
            continue
        if name == "answers" and not (value is None or hasattr(value, "pk")):
            name = "answers_id"
        values[name] = value
    return values


def new_program(masterplan: Masterplan, content: ProgramContent, *, position: int) -> Program:
    """A new program of ``masterplan`` with everything ``content`` holds."""
    values = _model_values(content)
    program = Program.objects.create(masterplan=masterplan, position=position, **values)
    _write_children(program, content)
    return program


def apply_content(program: Program, content: ProgramContent, before: ProgramContent) -> Program:
    """Write to ``program`` (locked, read as ``before``) what differs in ``content``; its
    version moves on when anything does. Nothing is written when nothing differs."""
    values = _model_values(content)
    # Fields left out of ``content`` stay as they are.
    fields = {**before.fields, **plain_fields(content.fields)}
    if before == ProgramContent(fields, content.budget, content.kpis, content.steps):
        return program
    for name, value in values.items():
        setattr(program, name, value)
    program.version += 1
    program.full_clean()
    program.save()
    _write_children(program, content, before)
    return program


def _write_children(
    program: Program, content: ProgramContent, before: ProgramContent | None = None
) -> None:
    """Budget lines, KPIs with targets and steps: changed rows updated, new ones added, rows
    no longer there removed; rows that did not change are not touched."""
    lines = {(line.year, line.source): line for line in program.budget_lines.all()}
    for key, line in lines.items():
        if key not in content.budget:
            line.delete()
        elif line.amount != content.budget[key]:
            line.amount = content.budget[key]
            line.save()
    for (year, source), amount in content.budget.items():
        if (year, source) not in lines:
            BudgetLine.objects.create(program=program, year=year, source=source, amount=amount)

    kpis = {kpi.pk: kpi for kpi in program.kpis.prefetch_related("targets")}
    kept = {item.id for item in content.kpis if item.id in kpis}
    for pk, kpi in kpis.items():
        if pk not in kept:
            kpi.delete()
    for position, item in enumerate(content.kpis):
        existing = kpis.get(item.id) if item.id is not None else None
        if existing is None:
            kpi = Kpi.objects.create(
                program=program,
                name=item.name,
                unit=item.unit,
                baseline=item.baseline,
                position=position,
            )
            targets: dict[int, KpiTarget] = {}
        else:
            kpi = existing
            wanted = (item.name, item.unit, item.baseline, position)
            if (kpi.name, kpi.unit, kpi.baseline, kpi.position) != wanted:
                kpi.name, kpi.unit, kpi.baseline, kpi.position = wanted
                kpi.save()
            targets = {t.year: t for t in kpi.targets.all()}
        for year, target in targets.items():
            if year not in item.targets:
                target.delete()
            elif target.value != item.targets[year]:
                target.value = item.targets[year]
                target.save()
        for year, value in item.targets.items():
            if year not in targets:
                KpiTarget.objects.create(kpi=kpi, year=year, value=value)

    steps = [(text[:300], year) for text, year in content.steps]
    if before is None or before.steps != steps:
        program.steps.all().delete()
        ActionStep.objects.bulk_create(
            ActionStep(program=program, position=i, text=text, year=year)
            for i, (text, year) in enumerate(steps)
        )
