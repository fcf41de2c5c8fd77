import pytest

from masterplans.checks import blocking_failures, run_checks, yearly_totals
from masterplans.models import AnalysisItem, AnalysisKind, BudgetLine, Dimension, KpiTarget
from masterplans.tests.factories import make_masterplan, make_program

pytestmark = pytest.mark.django_db


def by_code(masterplan):  # type: ignore[no-untyped-def]
    return {check.code: check for check in run_checks(masterplan)}


def test_a_complete_masterplan_passes_every_check() -> None:
    checks = run_checks(make_masterplan())
    assert [c.code for c in checks if not c.ok] == []
    assert blocking_failures(checks) == []


def test_a_dimension_without_programs_blocks() -> None:
    masterplan = make_masterplan()
    masterplan.programs.filter(dimension=Dimension.ENVIRONMENT).delete()
    check = by_code(masterplan)["dimensions"]
    assert not check.ok and check.blocking
    assert check.problems == ["Tidak ada program di Smart Environment."]


def test_an_unanswered_challenge_is_named() -> None:
    masterplan = make_masterplan()
    AnalysisItem.objects.create(
        masterplan=masterplan,
        kind=AnalysisKind.OPPORTUNITY,
        dimension=Dimension.ECONOMY,
        text="Pelabuhan baru membuka pasar ekspor",
    )
    check = by_code(masterplan)["challenges"]
    assert not check.ok
    assert len(check.problems) == 1 and "Pelabuhan baru" in check.problems[0]


def test_a_strength_needs_no_program() -> None:
    masterplan = make_masterplan()
    assert masterplan.analysis.filter(kind=AnalysisKind.STRENGTH).exists()
    assert by_code(masterplan)["challenges"].ok


def test_a_program_without_opd_budget_or_kpi_targets_is_listed() -> None:
    masterplan = make_masterplan()
    program = masterplan.programs.get(code="ECO-01")
    program.opd = ""
    program.save()
    BudgetLine.objects.filter(program=program).delete()
    KpiTarget.objects.filter(kpi__program=program).delete()
    check = by_code(masterplan)["programs"]
    assert not check.ok
    assert check.problems == [
        "ECO-01 Program economy 1 tidak punya OPD, anggaran, KPI dengan target."
    ]


def test_no_quick_win_blocks_and_one_per_dimension_is_only_advised() -> None:
    masterplan = make_masterplan()
    masterplan.programs.exclude(dimension="governance").update(is_quick_win=False)
    checks = by_code(masterplan)
    assert checks["quick_win"].ok
    advice = checks["quick_win_dimensions"]
    assert not advice.ok and not advice.blocking and len(advice.problems) == 5
    assert blocking_failures(list(checks.values())) == []
    masterplan.programs.update(is_quick_win=False)
    assert not by_code(masterplan)["quick_win"].ok


def test_a_quick_win_must_start_in_year_one_and_end_within_two_years() -> None:
    masterplan = make_masterplan()
    make_program(masterplan, "living", 2, start_year=2028, end_year=2030, is_quick_win=True)
    check = by_code(masterplan)["quick_win_criteria"]
    assert not check.ok
    assert check.problems == [
        "Quick win LIV-02 mulai pada 2028, bukan pada tahun pertama (2027).",
        "Quick win LIV-02 selesai pada 2030, setelah 2028 (dua tahun).",
    ]


def test_yearly_totals_over_the_envelope_block_with_the_years() -> None:
    masterplan = make_masterplan(budget_envelope=2_500_000_000)
    # Six programs of Rp 500 juta in 2027 and in 2028: Rp 3 miliar a year.
    programs = list(masterplan.programs.prefetch_related("budget_lines"))
    assert yearly_totals(programs) == {2027: 3_000_000_000, 2028: 3_000_000_000}
    check = by_code(masterplan)["envelope"]
    assert not check.ok
    assert check.problems[0] == ("2027: Rp 3 miliar direncanakan, melebihi pagu Rp 2,5 miliar.")
    masterplan.budget_envelope = None
    assert by_code(masterplan)["envelope"].ok


def test_a_yearly_total_exactly_at_the_envelope_is_within_it_and_one_rupiah_more_is_not() -> None:
    masterplan = make_masterplan(budget_envelope=3_000_000_000)  # the totals: Rp 3 miliar a year
    assert by_code(masterplan)["envelope"].ok
    masterplan.budget_envelope = 2_999_999_999
    check = by_code(masterplan)["envelope"]
    assert not check.ok
    assert [problem[:6] for problem in check.problems] == ["2027: ", "2028: "]


def test_a_budget_outside_the_programs_years_is_named() -> None:
    masterplan = make_masterplan()
    program = masterplan.programs.get(code="SOC-01")
    BudgetLine.objects.create(program=program, year=2035, amount=1, source="csr")
    check = by_code(masterplan)["years"]
    assert not check.ok
    assert check.problems == ["SOC-01 punya anggaran pada 2035, di luar tahun programnya."]
