"""Completeness and coherence checks ("kelengkapan") of a masterplan, shown as a checklist.

Each check says what it looks at, whether it passes, and which rows fail it. A blocking check
that fails stops submission for review; an advisory one only advises.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from masterplans.models import (
    ANSWERABLE_KINDS,
    AnalysisItem,
    Dimension,
    Kpi,
    Masterplan,
    Program,
)
from portal.templatetags.kc_format import rupiah

# A quick win starts in the masterplan's first year and is done within two years.
QUICK_WIN_YEARS = 2


@dataclass
class Check:
    code: str
    label: str
    ok: bool
    blocking: bool = True
    problems: list[str] = field(default_factory=list)


def programs_for_checks(masterplan: Masterplan) -> list[Program]:
    return list(
        masterplan.programs.prefetch_related(
            "budget_lines", Prefetch("kpis", queryset=Kpi.objects.prefetch_related("targets"))
        )
    )


def run_checks(masterplan: Masterplan) -> list[Check]:
    programs = programs_for_checks(masterplan)
    analysis = list(masterplan.analysis.all())
    commitments = _commitments(masterplan)
    return [
        *([commitments] if commitments else []),
        _vision(masterplan),
        _dimensions(programs),
        _challenges_answered(analysis, programs),
        _programs_complete(programs),
        _has_quick_win(programs),
        _quick_win_criteria(masterplan, programs),
        _quick_win_per_dimension(programs),
        _within_envelope(masterplan, programs),
        _program_years(masterplan, programs),
    ]


def blocking_failures(checks: list[Check]) -> list[Check]:
    return [c for c in checks if c.blocking and not c.ok]


def _commitments(masterplan: Masterplan) -> Check | None:
    """A region in a cohort records its commitments (Dewan Smart City and Tim Pelaksana with
    their SKs, the commitment statement, a contact person) before its masterplan goes to
    review; a region outside any cohort has none to record (None: no check)."""
    from commitments.services import missing
    from enrolment.services import cohort_of

    if masterplan.cohort_id is None and cohort_of(masterplan.region.code) is None:
        return None
    problems = missing(masterplan.region)
    return Check(
        "commitments", _("The region's commitments are recorded"), not problems, True, problems
    )


def _vision(masterplan: Masterplan) -> Check:
    problems = []
    if not masterplan.vision.strip():
        problems.append(_("The vision is empty."))
    if not masterplan.missions.exists():
        problems.append(_("No mission yet."))
    return Check("vision", _("A vision and at least one mission"), not problems, True, problems)


def _dimensions(programs: list[Program]) -> Check:
    present = {p.dimension for p in programs}
    missing = [label for value, label in Dimension.choices if value not in present]
    problems = [_("No program in %(dimension)s.") % {"dimension": label} for label in missing]
    return Check("dimensions", _("Every dimension has programs"), not missing, True, problems)


def _challenges_answered(analysis: list[AnalysisItem], programs: list[Program]) -> Check:
    answered = {p.answers_id for p in programs}
    open_items = [
        item for item in analysis if item.kind in ANSWERABLE_KINDS and item.pk not in answered
    ]
    problems = [
        _("Not answered by any program: %(kind)s “%(text)s”")
        % {"kind": item.get_kind_display(), "text": item.text[:90]}
        for item in open_items
    ]
    return Check(
        "challenges",
        _("Every challenge and opportunity is answered by a program"),
        not open_items,
        True,
        problems,
    )


def _programs_complete(programs: list[Program]) -> Check:
    problems = []
    for program in programs:
        missing = []
        if not program.opd.strip():
            missing.append(_("an OPD"))
        if not any(line.amount > 0 for line in program.budget_lines.all()):
            missing.append(_("a budget"))
        if not any(kpi.targets.all() for kpi in program.kpis.all()):
            missing.append(_("a KPI with targets"))
        if missing:
            problems.append(
                _("%(code)s %(title)s has no %(missing)s.")
                % {"code": program.code, "title": program.title, "missing": ", ".join(missing)}
            )
    return Check(
        "programs",
        _("Every program has an OPD, a budget and a KPI with targets"),
        bool(programs) and not problems,
        True,
        problems or ([] if programs else [_("No program yet.")]),
    )


def _has_quick_win(programs: list[Program]) -> Check:
    ok = any(p.is_quick_win for p in programs)
    return Check(
        "quick_win",
        _("At least one quick win"),
        ok,
        True,
        [] if ok else [_("Flag the programs residents will feel within two years as quick wins.")],
    )


def _quick_win_criteria(masterplan: Masterplan, programs: list[Program]) -> Check:
    last = masterplan.start_year + QUICK_WIN_YEARS - 1
    problems = []
    for program in (p for p in programs if p.is_quick_win):
        if program.start_year != masterplan.start_year:
            problems.append(
                _("Quick win %(code)s starts in %(year)s, not in the first year (%(first)s).")
                % {"code": program.code, "year": program.start_year, "first": masterplan.start_year}
            )
        if program.end_year > last:
            problems.append(
                _("Quick win %(code)s ends in %(year)s, after %(last)s (two years).")
                % {"code": program.code, "year": program.end_year, "last": last}
            )
        if not program.opd.strip():
            problems.append(_("Quick win %(code)s has no owner OPD.") % {"code": program.code})
    return Check(
        "quick_win_criteria",
        _("Every quick win starts in year 1, ends within 2 years and has an owner OPD"),
        not problems,
        True,
        problems,
    )


def _quick_win_per_dimension(programs: list[Program]) -> Check:
    covered = {p.dimension for p in programs if p.is_quick_win}
    missing = [label for value, label in Dimension.choices if value not in covered]
    problems = [_("No quick win in %(dimension)s.") % {"dimension": label} for label in missing]
    return Check(
        "quick_win_dimensions",
        _("One quick win per dimension (advised)"),
        not missing,
        False,
        problems,
    )


def yearly_totals(programs: list[Program]) -> dict[int, int]:
    totals: dict[int, int] = defaultdict(int)
    for program in programs:
        for line in program.budget_lines.all():
            totals[line.year] += line.amount
    return dict(sorted(totals.items()))


def _within_envelope(masterplan: Masterplan, programs: list[Program]) -> Check:
    envelope = masterplan.budget_envelope
    if envelope is None:
        return Check(
            "envelope",
            _("Yearly totals within the budget envelope"),
            True,
            True,
            [_("No budget envelope given: nothing to compare.")],
        )
    over = {year: total for year, total in yearly_totals(programs).items() if total > envelope}
    problems = [
        _("%(year)s: %(total)s planned, over the envelope of %(envelope)s.")
        % {"year": year, "total": rupiah(total), "envelope": rupiah(envelope)}
        for year, total in over.items()
    ]
    return Check(
        "envelope", _("Yearly totals within the budget envelope"), not over, True, problems
    )


def _program_years(masterplan: Masterplan, programs: list[Program]) -> Check:
    problems = []
    for program in programs:
        if program.start_year < masterplan.start_year or program.end_year > masterplan.end_year:
            problems.append(
                _("%(code)s runs %(start)s–%(end)s, outside the masterplan's %(first)s–%(last)s.")
                % {
                    "code": program.code,
                    "start": program.start_year,
                    "end": program.end_year,
                    "first": masterplan.start_year,
                    "last": masterplan.end_year,
                }
            )
        stray = sorted(
            {
                line.year
                for line in program.budget_lines.all()
                if not program.start_year <= line.year <= program.end_year
            }
        )
        if stray:
            problems.append(
                ngettext(
                    "%(code)s has a budget in %(years)s, outside its own years.",
                    "%(code)s has budgets in %(years)s, outside its own years.",
                    len(stray),
                )
                % {"code": program.code, "years": ", ".join(map(str, stray))}
            )
    return Check(
        "years",
        _("Programs and budgets fall within the masterplan's years"),
        not problems,
        True,
        problems,
    )
