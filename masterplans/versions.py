"""Snapshots of a masterplan's whole content, and a readable diff between two of them."""

from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import date
from typing import Any

from django.db.models import Prefetch
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts import access
from accounts.access import AnyUser
from masterplans.models import (
    ELEMENT_CHOICES,
    PUBLIC_STATUSES,
    Dimension,
    FundingSource,
    Kpi,
    Masterplan,
    MasterplanVersion,
    Term,
)

HEAD_FIELDS = (
    "title",
    "start_year",
    "period_years",
    "vision",
    "strategy",
    "budget_envelope",
    "regulation_number",
    "regulation_date",
    "consultation_summary",
)
PROGRAM_FIELDS = (
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
    "budget",
    "steps",
    "kpis",
)


def snapshot(masterplan: Masterplan) -> dict[str, Any]:
    """Everything a reader of the masterplan sees, as plain JSON, keyed so a diff can match."""
    programs = masterplan.programs.select_related("answers").prefetch_related(
        "budget_lines", "steps", Prefetch("kpis", queryset=Kpi.objects.prefetch_related("targets"))
    )
    head = {name: getattr(masterplan, name) for name in HEAD_FIELDS}
    head["regulation_date"] = (
        masterplan.regulation_date.isoformat() if masterplan.regulation_date else None
    )
    return {
        "masterplan": head,
        "status": masterplan.status,
        "missions": [m.text for m in masterplan.missions.all()],
        "targets": [{"text": t.text, "dimension": t.dimension} for t in masterplan.targets.all()],
        "analysis": [
            {"kind": a.kind, "dimension": a.dimension, "text": a.text, "readiness": a.readiness_ref}
            for a in masterplan.analysis.all()
        ],
        "programs": {
            p.code: {
                "dimension": p.dimension,
                "element": p.element,
                "title": p.title,
                "description": p.description,
                "answers": p.answers.text if p.answers else "",
                "technology": p.technology,
                "opd": p.opd,
                "partners": p.partners,
                "term": p.term,
                "start_year": p.start_year,
                "end_year": p.end_year,
                "funding_source": p.funding_source,
                "rpjmd_program": p.rpjmd_program,
                "is_quick_win": p.is_quick_win,
                "budget": [[b.year, b.source, b.amount] for b in p.budget_lines.all()],
                "steps": [[s.year, s.text] for s in p.steps.all()],
                "kpis": [
                    {
                        "name": k.name,
                        "unit": k.unit,
                        "baseline": k.baseline,
                        "targets": {str(t.year): t.value for t in k.targets.all()},
                    }
                    for k in p.kpis.all()
                ],
            }
            for p in programs
        },
    }


@dataclass(frozen=True)
class Change:
    section: str  # "masterplan", "missions", "targets", "analysis", "programs"
    kind: str  # "added", "removed", "changed"
    subject: str  # what changed: a field, a program code, a mission
    old: Any = None  # as kept in the snapshot (the API gives these)
    new: Any = None
    field: str = dc_field(default="", compare=False)  # the snapshot's name of a changed field
    code: str = dc_field(default="", compare=False)  # the program's code, for a program

    @property
    def part(self) -> tuple[str, str]:
        """Where on the masterplan the change is, as a comment thread names it: a program by
        its code, else the section of the masterplan it belongs to."""
        if self.code:
            return ("program", self.code)
        if self.section == "analysis":
            return ("section", "analysis")
        if self.section == "programs":
            return ("section", "programs")
        if self.field == "budget_envelope":
            return ("section", "budget")
        if self.field in ("regulation_number", "regulation_date", "consultation_summary"):
            return ("section", "whole")
        return ("section", "vision")

    @property
    def old_shown(self) -> Any:
        """``old`` as the pages write it."""
        return _shown(self.field, self.old)

    @property
    def new_shown(self) -> Any:
        return _shown(self.field, self.new)


def _labels() -> dict[str, str]:
    return {
        "title": _("title"),
        "start_year": _("start year"),
        "period_years": _("period (years)"),
        "vision": _("vision"),
        "strategy": _("strategy"),
        "budget_envelope": _("yearly budget envelope (Rp)"),
        "regulation_number": _("Perwali/Perbup number"),
        "regulation_date": _("Perwali/Perbup date"),
        "consultation_summary": _("public consultation summary"),
        "dimension": _("dimension"),
        "element": _("element"),
        "description": _("description"),
        "answers": _("answers the challenge or opportunity"),
        "technology": _("technology used"),
        "opd": _("OPD in charge"),
        "partners": _("partners"),
        "term": _("term"),
        "end_year": _("end year"),
        "funding_source": _("main funding source"),
        "rpjmd_program": _("RPJMD program supported"),
        "is_quick_win": _("quick win"),
        "budget": _("budget"),
        "steps": _("action plan"),
        "kpis": _("KPIs"),
    }


def _list_changes(section: str, old: list[Any], new: list[Any]) -> list[Change]:
    """Items added and removed, matched by their content (order changes are not reported)."""
    changes = [Change(section, "removed", _describe(item)) for item in old if item not in new]
    changes += [Change(section, "added", _describe(item)) for item in new if item not in old]
    return changes


def _describe(item: Any) -> str:
    if isinstance(item, dict):
        return str(item.get("text", item))
    return str(item)


# Program fields kept as codes in a snapshot, shown by their labels.
CHOICE_FIELDS: dict[str, Any] = {
    "dimension": Dimension.choices,
    "element": ELEMENT_CHOICES,
    "term": Term.choices,
    "funding_source": FundingSource.choices,
}


def _shown(name: str, value: Any) -> Any:
    """A snapshot value as the pages write it: dates as 16 Apr 2018, Rupiah amounts, choice
    labels instead of codes."""
    from portal.templatetags.kc_format import rupiah

    if value is None or value == "":
        return value
    if name == "regulation_date":
        return date_format(date.fromisoformat(value), "DATE_FORMAT")
    if name == "budget_envelope":
        return rupiah(value)
    if name == "is_quick_win":
        return _("yes") if value else _("no")
    choices = CHOICE_FIELDS.get(name)
    return dict(choices).get(value, value) if choices else value


def diff(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """What changed from snapshot ``old`` to snapshot ``new``, section by section."""
    labels = _labels()
    changes = [
        Change(
            "masterplan",
            "changed",
            labels.get(name, name),
            old["masterplan"].get(name),
            value,
            name,
        )
        for name, value in new["masterplan"].items()
        if old["masterplan"].get(name) != value
    ]
    for section in ("missions", "targets", "analysis"):
        changes += _list_changes(section, old.get(section, []), new.get(section, []))
    old_programs, new_programs = old.get("programs", {}), new.get("programs", {})
    for code in old_programs.keys() - new_programs.keys():
        changes.append(
            Change("programs", "removed", f"{code} {old_programs[code]['title']}", code=code)
        )
    for code in sorted(new_programs.keys() - old_programs.keys()):
        changes.append(
            Change("programs", "added", f"{code} {new_programs[code]['title']}", code=code)
        )
    for code in sorted(old_programs.keys() & new_programs.keys()):
        before, after = old_programs[code], new_programs[code]
        for name in PROGRAM_FIELDS:
            if before.get(name) != after.get(name):
                changes.append(
                    Change(
                        "programs",
                        "changed",
                        f"{code} \u00b7 {labels.get(name, name)}",
                        before.get(name),
                        after.get(name),
                        name,
                        code,
                    )
                )
    return changes


def readable_versions(masterplan: Masterplan, user: AnyUser) -> list[MasterplanVersion]:
    """The versions ``user`` may read, oldest first."""
    versions = list(masterplan.versions.select_related("created_by").order_by("number"))
    if not access.can(user, "masterplan.view_draft", masterplan.region):
        # The public reads what was approved and enacted, not the drafts that led there nor
        # the reviewers' notes on them: a draft open for consultation shows only itself.
        versions = [v for v in versions if v.status in PUBLIC_STATUSES]
    return versions
