import io

import pytest
from django.core.management import call_command

from accounts.models import Membership, Organisation, Role, User
from audit.models import AuditEvent
from demo.masterplans import DEMO_PLANS, masterplan_demo_load
from demo.masterplans.loader import budget_lines, kpi_targets, program_codes
from demo.masterplans.spec import KpiSpec
from masterplans.checks import QUICK_WIN_YEARS, blocking_failures, run_checks
from masterplans.models import (
    ELEMENT_CHOICES,
    ActionStep,
    AnalysisItem,
    BudgetLine,
    Dimension,
    Kpi,
    KpiTarget,
    Masterplan,
    MasterplanVersion,
    Program,
    Status,
)
from masterplans.tests.factories import make_masterplan
from selection.models import RoundMethod, SelectionRound

pytestmark = pytest.mark.django_db

CODES = {"36.74": Status.ENACTED, "14.08": Status.APPROVED, "71.73": Status.REVISION}


def load() -> list[str]:
    results, _accounts = masterplan_demo_load(specs=DEMO_PLANS, password="kata-sandi-demo-123")
    return [r.outcome for r in results]


@pytest.fixture
def cohort() -> SelectionRound:
    call_command("load_history", stdout=io.StringIO())
    return SelectionRound.objects.get(method=RoundMethod.HISTORICAL, year=2017)


def counts() -> dict[str, int]:
    models = (
        Masterplan,
        MasterplanVersion,
        AnalysisItem,
        Program,
        BudgetLine,
        Kpi,
        KpiTarget,
        ActionStep,
        User,
        Membership,
        Organisation,
        AuditEvent,
    )
    return {model.__name__: model.objects.count() for model in models}


def test_the_three_demo_masterplans_load_in_their_statuses_and_cohort(
    cohort: SelectionRound,
) -> None:
    assert load() == ["created"] * 3
    plans = {m.region.code: m for m in Masterplan.objects.select_related("region")}
    assert {code: m.status for code, m in plans.items()} == CODES
    for masterplan in plans.values():
        assert masterplan.cohort == cohort
        assert (masterplan.start_year, masterplan.period_years, masterplan.end_year) == (
            2018,
            10,
            2027,
        )


def test_every_demo_masterplan_passes_every_blocking_check(cohort: SelectionRound) -> None:
    load()
    for masterplan in Masterplan.objects.all():
        checks = run_checks(masterplan)
        assert blocking_failures(checks) == [], masterplan
        assert masterplan.budget_envelope is not None


def test_demo_masterplans_users_and_organisations_are_labelled_demo(
    cohort: SelectionRound,
) -> None:
    load()
    for masterplan in Masterplan.objects.all():
        assert masterplan.is_demo
        assert "(demo)" in masterplan.title
        assert masterplan.consultation_summary.startswith("Data demo.")
        for version in masterplan.versions.all():
            assert version.created_by is not None and version.created_by.is_demo
    enacted = Masterplan.objects.get(status=Status.ENACTED)
    assert enacted.regulation_number.startswith("Peraturan Wali Kota Tangerang Selatan Nomor")
    assert enacted.regulation_number.endswith("(demo)")
    assert enacted.regulation_date is not None and enacted.regulation_date.year == 2018
    leads = User.objects.filter(username__in=["demo.tangsel.lead", "demo.siak.lead"])
    assert all(u.is_demo for u in leads) and leads.count() == 2
    assert Organisation.objects.filter(name="Pemerintah Kabupaten Siak (demo)", is_demo=True)


def test_each_region_lead_holds_a_role_scoped_to_that_region_only(cohort: SelectionRound) -> None:
    load()
    lead = User.objects.get(username="demo.tomohon.lead")
    assert list(lead.memberships.values_list("role", "region__code")) == [
        (Role.REGIONAL_LEAD, "71.73")
    ]
    officer = User.objects.get(username="demo.pusat")
    assert officer.memberships.filter(role=Role.PROGRAM_OFFICER, region=None).exists()


def test_a_second_run_changes_nothing(cohort: SelectionRound) -> None:
    load()
    before = counts()
    snapshots = {m.pk: (m.version, m.updated_at) for m in Masterplan.objects.all()}
    assert load() == ["unchanged"] * 3
    assert counts() == before
    assert {m.pk: (m.version, m.updated_at) for m in Masterplan.objects.all()} == snapshots


def test_the_masterplans_are_identical_on_every_run(cohort: SelectionRound) -> None:
    load()
    first = sorted(BudgetLine.objects.values_list("program__code", "year", "source", "amount"))
    Masterplan.objects.all().delete()
    load()
    assert sorted(BudgetLine.objects.values_list("program__code", "year", "source", "amount")) == (
        first
    )


def test_quick_wins_start_in_the_first_year_end_within_two_years_one_per_dimension(
    cohort: SelectionRound,
) -> None:
    load()
    for masterplan in Masterplan.objects.all():
        quick_wins = list(masterplan.programs.filter(is_quick_win=True))
        assert {p.dimension for p in quick_wins} == set(Dimension.values)
        for program in quick_wins:
            assert program.start_year == masterplan.start_year == 2018
            assert program.end_year <= masterplan.start_year + QUICK_WIN_YEARS - 1
            assert program.opd.strip()
        assert all(c.ok for c in run_checks(masterplan))


def test_content_is_complete_across_dimensions_and_elements(cohort: SelectionRound) -> None:
    load()
    for masterplan in Masterplan.objects.all():
        programs = list(masterplan.programs.prefetch_related("budget_lines", "kpis", "steps"))
        assert 20 <= len(programs) <= 30
        assert {p.element for p in programs} == {code for code, _label in ELEMENT_CHOICES}
        assert 12 <= masterplan.analysis.count() <= 18
        assert 3 <= masterplan.missions.count() <= 5
        assert 4 <= masterplan.targets.count() <= 6
        sources = set()
        for program in programs:
            assert program.opd and program.partners and program.technology and program.rpjmd_program
            assert 1 <= len(program.kpis.all()) <= 2
            assert 2 <= len(program.steps.all()) <= 4
            years = {line.year for line in program.budget_lines.all()}
            assert years == set(range(program.start_year, program.end_year + 1))
            for line in program.budget_lines.all():
                assert 5_000_000 <= line.amount <= 5_000_000_000
                sources.add(line.source)
        assert "apbd" in sources and len(sources) >= 3


def test_the_plan_in_revision_keeps_its_review_history(cohort: SelectionRound) -> None:
    load()
    tomohon = Masterplan.objects.get(region__code="71.73")
    versions = list(tomohon.versions.order_by("number"))
    assert [v.status for v in versions] == [
        Status.DRAFT,
        Status.IN_REVIEW,
        Status.REVISION,
        Status.IN_REVIEW,
        Status.REVISION,
    ]
    assert versions[2].note.startswith("Smart Society") and versions[2].created_by is not None
    assert versions[2].created_by.username == "demo.pusat"
    added = set(versions[3].snapshot["programs"]) - set(versions[1].snapshot["programs"])
    assert len(added) == 2
    assert tomohon.is_editable


def test_without_the_2017_round_the_cohort_stays_empty_until_a_later_run() -> None:
    assert load() == ["created"] * 3
    assert not Masterplan.objects.filter(cohort__isnull=False).exists()
    call_command("load_history", stdout=io.StringIO())
    assert load() == ["cohort_attached"] * 3
    assert not Masterplan.objects.filter(cohort__isnull=True).exists()
    assert load() == ["unchanged"] * 3


def test_a_region_with_its_own_masterplan_is_left_alone(cohort: SelectionRound) -> None:
    own = make_masterplan("71.73", start_year=2019)
    assert load() == ["created", "created", "skipped"]
    assert list(Masterplan.objects.filter(region__code="71.73")) == [own]


def test_the_command_says_what_it_did(cohort: SelectionRound) -> None:
    out = io.StringIO()
    call_command("load_masterplan_demo", stdout=out, stderr=io.StringIO(), verbosity=0)
    assert "Kota Tangerang Selatan: dibuat" in out.getvalue()
    assert "demo.siak.lead" in out.getvalue()
    out = io.StringIO()
    call_command("load_masterplan_demo", stdout=out, stderr=io.StringIO(), verbosity=0)
    assert out.getvalue().count("tidak diubah") == 3
    assert "akun demo dibuat" not in out.getvalue()


def test_budget_lines_are_seeded_per_program_and_rounded() -> None:
    spec = DEMO_PLANS[0]
    program, code = spec.programs[0], program_codes(spec.programs)[0]
    lines = budget_lines(spec.region_code, code, program)
    assert lines == budget_lines(spec.region_code, code, program)
    assert all(amount % 5_000_000 == 0 for _y, _s, amount in lines)
    assert code == "GOV-01"


def test_kpi_targets_run_from_the_baseline_to_the_final_target() -> None:
    assert kpi_targets(KpiSpec("Izin daring", "layanan", 20, 120), (2018, 2019)) == [
        (2018, 70.0),
        (2019, 120.0),
    ]
    assert kpi_targets(KpiSpec("Waktu izin", "hari", 14, 3), (2018, 2019))[-1] == (2019, 3.0)
