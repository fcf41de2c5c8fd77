"""Building the demo masterplans in the database and walking them through the real workflow."""

import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.db import transaction

from accounts.models import Membership, Organisation, OrganisationKind, Role, User
from accounts.services import CreatedAccount
from commitments.demo import commitments_demo_load
from demo.accounts import DEMO_ACCOUNTS, DEMO_ORGANISATIONS
from demo.masterplans.spec import KpiSpec, PlanSpec, ProgramSpec
from masterplans.models import (
    ELEMENT_DIMENSION,
    ActionStep,
    AnalysisItem,
    AnalysisKind,
    BudgetLine,
    Dimension,
    Kpi,
    KpiTarget,
    Masterplan,
    Mission,
    Program,
    Status,
    Target,
    Term,
)
from masterplans.workflow import masterplan_create, transition
from regions.models import Region
from selection.models import RoundMethod, SelectionRound

SEED = 2018
START_YEAR = 2018
PERIOD_YEARS = 10
OFFICER_USERNAME = "demo.pusat"
PREFIX: dict[str, str] = {
    Dimension.GOVERNANCE: "GOV",
    Dimension.BRANDING: "BRA",
    Dimension.ECONOMY: "ECO",
    Dimension.LIVING: "LIV",
    Dimension.SOCIETY: "SOC",
    Dimension.ENVIRONMENT: "ENV",
}
ROUNDING = 5_000_000  # budget lines are planned in steps of Rp 5 million

Progress = Callable[[Iterable[PlanSpec], int, str], Iterator[PlanSpec]]


def _no_progress(items: Iterable[PlanSpec], total: int, label: str) -> Iterator[PlanSpec]:
    yield from items


class DemoError(Exception):
    pass


@dataclass(frozen=True)
class PlanResult:
    region: str
    outcome: str  # created, cohort_attached, unchanged, skipped
    status: str
    programs: int


# --- pure helpers -------------------------------------------------------------------------------


def program_codes(programs: Iterable[ProgramSpec]) -> list[str]:
    """GOV-01, GOV-02, BRA-01, ... numbered per dimension in the order written."""
    counts: dict[str, int] = {}
    codes = []
    for program in programs:
        dimension = ELEMENT_DIMENSION[program.element]
        counts[dimension] = counts.get(dimension, 0) + 1
        codes.append(f"{PREFIX[dimension]}-{counts[dimension]:02d}")
    return codes


def term_of(program: ProgramSpec) -> str:
    span = program.years[1] - START_YEAR
    if span < 2:
        return Term.SHORT
    if span < 5:
        return Term.MEDIUM
    return Term.LONG


def _round(amount: float) -> int:
    return max(ROUNDING, round(amount / ROUNDING) * ROUNDING)


def budget_lines(region_code: str, code: str, program: ProgramSpec) -> list[tuple[int, str, int]]:
    """(year, source, Rupiah) for every year of the program: the typical year, ±15%, seeded by
    region and program so each line is the same on every machine whatever the order."""
    rng = random.Random(f"{SEED}/{region_code}/{code}")  # noqa: S311 (plausible figures)
    lines = []
    for year in range(program.years[0], program.years[1] + 1):
        total = program.budget * 1_000_000 * rng.uniform(0.85, 1.15)
        for source, share in program.sources:
            lines.append((year, source, _round(total * share)))
    return lines


def kpi_targets(kpi: KpiSpec, years: tuple[int, int]) -> list[tuple[int, float]]:
    """A straight line from the baseline to the final target, one value per year."""
    span = range(years[0], years[1] + 1)
    whole = float(kpi.baseline).is_integer() and float(kpi.final).is_integer()
    targets = []
    for i, year in enumerate(span, start=1):
        value = kpi.baseline + (kpi.final - kpi.baseline) * i / len(span)
        targets.append((year, float(round(value)) if whole else round(value, 1)))
    return targets


def step_years(program: ProgramSpec) -> list[int]:
    first, last = program.years
    n = len(program.steps)
    return [first + (last - first) * i // max(n - 1, 1) for i in range(n)]


def main_source(program: ProgramSpec) -> str:
    return max(program.sources, key=lambda pair: pair[1])[0]


def validate(spec: PlanSpec) -> None:
    """Mistakes in the written content, found before anything is written to the database."""
    keys = {item.key: item for item in spec.analysis}
    problems = []
    answered = set()
    for program in spec.programs:
        if program.answers:
            item = keys.get(program.answers)
            if item is None or item.kind not in (AnalysisKind.CHALLENGE, AnalysisKind.OPPORTUNITY):
                problems.append(f"{program.title}: answers unknown item {program.answers!r}")
            elif not program.added_in_revision:
                answered.add(program.answers)
        if not START_YEAR <= program.years[0] <= program.years[1] <= START_YEAR + PERIOD_YEARS - 1:
            problems.append(f"{program.title}: years {program.years}")
        if abs(sum(share for _s, share in program.sources) - 1) > 1e-9:
            problems.append(f"{program.title}: funding shares do not add up to 1")
    for item in spec.analysis:
        answerable = item.kind in (AnalysisKind.CHALLENGE, AnalysisKind.OPPORTUNITY)
        if answerable and item.key not in answered:
            problems.append(f"not answered in the first submission: {item.key}")
    if problems:
        raise DemoError(f"{spec.region_code}: {problems}")


# --- the demo people ----------------------------------------------------------------------------


def _account(
    username: str,
    first_name: str,
    role: str,
    region: Region | None,
    organisation: Organisation,
    password: str,
) -> tuple[User, bool]:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": first_name, "last_name": "(demo)", "is_demo": True},
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(
        user=user, role=role, region=region, defaults={"organisation": organisation}
    )
    return user, created


def demo_team_load(
    *, specs: Iterable[PlanSpec], password: str
) -> tuple[User, dict[str, User], list[CreatedAccount]]:
    """The national officer who reviews (load_demo's ``demo.pusat``) and one lead per region."""
    created_accounts = []
    username, first_name, role, _code, org_name = next(
        a for a in DEMO_ACCOUNTS if a[0] == OFFICER_USERNAME
    )
    ministry, _ = Organisation.objects.get_or_create(
        name=org_name, defaults={"kind": DEMO_ORGANISATIONS[org_name][0], "is_demo": True}
    )
    officer, created = _account(username, first_name, role, None, ministry, password)
    created_accounts.append(CreatedAccount(username, password if created else None))
    leads = {}
    for spec in specs:
        region = Region.objects.get(code=spec.region_code)
        government, _ = Organisation.objects.get_or_create(
            name=f"Pemerintah {region.name} (demo)",
            defaults={
                "kind": OrganisationKind.REGIONAL_GOVERNMENT,
                "region": region,
                "is_demo": True,
            },
        )
        username = f"demo.{spec.short_name}.lead"
        lead, created = _account(
            username, f"Ketua Tim {region.name}", Role.REGIONAL_LEAD, region, government, password
        )
        leads[spec.region_code] = lead
        created_accounts.append(CreatedAccount(username, password if created else None))
    return officer, leads, created_accounts


# --- writing a masterplan -----------------------------------------------------------------------


def cohort_2017() -> SelectionRound | None:
    return (
        SelectionRound.objects.published()
        .filter(method=RoundMethod.HISTORICAL, year=2017)
        .order_by("pk")
        .first()
    )


def _write_program(
    masterplan: Masterplan,
    spec: PlanSpec,
    program: ProgramSpec,
    code: str,
    position: int,
    analysis: dict[str, AnalysisItem],
) -> Program:
    row = Program.objects.create(
        masterplan=masterplan,
        code=code,
        dimension=ELEMENT_DIMENSION[program.element],
        element=program.element,
        title=program.title,
        description=program.description,
        answers=analysis.get(program.answers),
        technology=program.technology,
        opd=program.opd,
        partners=program.partners,
        term=term_of(program),
        start_year=program.years[0],
        end_year=program.years[1],
        funding_source=main_source(program),
        rpjmd_program=program.rpjmd,
        is_quick_win=program.quick_win,
        position=position,
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(program=row, year=year, source=source, amount=amount)
        for year, source, amount in budget_lines(spec.region_code, code, program)
    )
    for kpi_position, kpi in enumerate(program.kpis, start=1):
        kpi_row = Kpi.objects.create(
            program=row, name=kpi.name, unit=kpi.unit, baseline=kpi.baseline, position=kpi_position
        )
        KpiTarget.objects.bulk_create(
            KpiTarget(kpi=kpi_row, year=year, value=value)
            for year, value in kpi_targets(kpi, program.years)
        )
    ActionStep.objects.bulk_create(
        ActionStep(program=row, position=i, text=text, year=year)
        for i, (text, year) in enumerate(zip(program.steps, step_years(program), strict=True), 1)
    )
    return row


def _write_content(masterplan: Masterplan, spec: PlanSpec, *, revised: bool) -> None:
    """Missions, targets and analysis, and the programs of the first submission (``revised``:
    only those added after the first revision request)."""
    if not revised:
        Mission.objects.bulk_create(
            Mission(masterplan=masterplan, position=i, text=text)
            for i, text in enumerate(spec.missions, 1)
        )
        Target.objects.bulk_create(
            Target(masterplan=masterplan, position=i, text=text, dimension=dimension)
            for i, (dimension, text) in enumerate(spec.targets, 1)
        )
        for i, item in enumerate(spec.analysis, 1):
            AnalysisItem.objects.create(
                masterplan=masterplan,
                kind=item.kind,
                dimension=item.dimension,
                text=item.text,
                position=i,
            )
    by_position = {a.position: a for a in masterplan.analysis.all()}
    analysis = {item.key: by_position[i] for i, item in enumerate(spec.analysis, 1)}
    codes = program_codes(spec.programs)
    for position, (program, code) in enumerate(zip(spec.programs, codes, strict=True), 1):
        if program.added_in_revision == revised:
            _write_program(masterplan, spec, program, code, position, analysis)


def _plan_load(
    spec: PlanSpec, *, officer: User, lead: User, cohort: SelectionRound | None
) -> PlanResult:
    region = Region.objects.get(code=spec.region_code)
    existing = Masterplan.objects.filter(region=region).order_by("edition").first()
    if existing is not None:
        if not existing.is_demo:
            return PlanResult(region.name, "skipped", existing.status, existing.programs.count())
        if existing.cohort_id is None and cohort is not None:
            existing.cohort = cohort
            existing.save(update_fields=["cohort", "updated_at"])
            commitments_demo_load(region=region, year=cohort.year)
            outcome = "cohort_attached"
        else:
            outcome = "unchanged"
        return PlanResult(region.name, outcome, existing.status, existing.programs.count())
    validate(spec)
    with transaction.atomic():
        masterplan = masterplan_create(
            user=lead,
            region=region,
            cohort=cohort,
            title=f"Masterplan Smart City {region.name} {START_YEAR}\u2013"
            f"{START_YEAR + PERIOD_YEARS - 1} (demo)",
            start_year=START_YEAR,
            period_years=PERIOD_YEARS,
            vision=spec.vision,
            strategy=spec.strategy,
            budget_envelope=spec.budget_envelope,
            consultation_summary=spec.consultation_summary,
            is_demo=True,
        )
        _write_content(masterplan, spec, revised=False)
        if masterplan.cohort is not None:
            # A region in a cohort submits once its commitments are recorded.
            commitments_demo_load(region=region, year=masterplan.cohort.year)
        masterplan = transition(masterplan, "submit", lead, note="Diajukan setelah bimtek IV.")
        if spec.status == Status.REVISION:
            first_note, second_note = spec.revision_notes
            masterplan = transition(masterplan, "request_revision", officer, note=first_note)
            _write_content(masterplan, spec, revised=True)
            masterplan = transition(
                masterplan, "submit", lead, note="Diajukan kembali dengan perbaikan."
            )
            masterplan = transition(masterplan, "request_revision", officer, note=second_note)
        else:
            masterplan = transition(
                masterplan, "approve", officer, note="Sesuai dengan RPJMD dan pedoman."
            )
            if spec.status == Status.ENACTED:
                masterplan = transition(
                    masterplan,
                    "enact",
                    lead,
                    note="Penetapan dicatat.",
                    regulation_number=spec.regulation_number,
                    regulation_date=spec.regulation_date,
                )
    return PlanResult(region.name, "created", masterplan.status, masterplan.programs.count())


def masterplan_demo_load(
    *, specs: list[PlanSpec], password: str, progress: Progress = _no_progress
) -> tuple[list[PlanResult], list[CreatedAccount]]:
    """The demo masterplans of ``specs``, each walked through the workflow by demo users.

    A region that already has a masterplan is left alone (a demo one only gets its cohort if
    the 2017 round was loaded since), so a second run changes nothing.
    """
    with transaction.atomic():
        officer, leads, accounts = demo_team_load(specs=specs, password=password)
    cohort = cohort_2017()
    results = [
        _plan_load(spec, officer=officer, lead=leads[spec.region_code], cohort=cohort)
        for spec in progress(specs, len(specs), "masterplan demo")
    ]
    return results, accounts
