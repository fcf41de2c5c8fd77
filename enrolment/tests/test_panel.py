"""The panel's arithmetic against a sheet worked by hand."""

from decimal import Decimal

from enrolment.panel import SheetCriterion, panel_result, sheet_total

VISION = SheetCriterion("v", "Visi kepala daerah", 40, 5)
READINESS = SheetCriterion("r", "Kesiapan suprastruktur", 60, 10)
SHEET = [VISION, READINESS]


def test_a_sheet_totals_the_weighted_shares_of_each_highest_score_out_of_100() -> None:
    # 40 × 4/5 + 60 × 7/10 = 32 + 42 = 74 (weights sum to 100).
    assert sheet_total(SHEET, {"v": Decimal(4), "r": Decimal(7)}) == Decimal(74)


def test_weights_that_do_not_sum_to_100_are_taken_as_shares() -> None:
    # (1 × 5/5 + 3 × 5/10) / 4 × 100 = (1 + 1.5) / 4 × 100 = 62.5
    a, b = SheetCriterion("a", "A", 1, 5), SheetCriterion("b", "B", 3, 10)
    assert sheet_total([a, b], {"a": Decimal(5), "b": Decimal(5)}) == Decimal("62.5")


def test_a_sheet_with_a_criterion_unscored_has_no_total() -> None:
    assert sheet_total(SHEET, {"v": Decimal(4), "r": None}) is None
    assert sheet_total(SHEET, {"v": Decimal(4)}) is None


def test_the_panel_result_is_the_mean_of_the_complete_sheets_and_is_explained() -> None:
    # Assessor 1: 40 × 4/5 + 60 × 7/10 = 74; assessor 2: 40 × 3/5 + 60 × 9/10 = 24 + 54 = 78;
    # assessor 3 left a criterion open and does not count. Mean: 76.
    sheets = [
        {"v": Decimal(4), "r": Decimal(7)},
        {"v": Decimal(3), "r": Decimal(9)},
        {"v": Decimal(5), "r": None},
    ]
    result = panel_result(SHEET, sheets, panel_size=3)
    assert result.score == Decimal(76)
    assert result.display == "76.00"
    assert (result.sheets, result.panel_size, result.complete) == (2, 3, False)
    # Vision: mean 3.5 of 5 → 40 × 0.7 = 28 points; readiness: mean 8 of 10 → 60 × 0.8 = 48.
    assert [(c.mean_score, c.points) for c in result.contributions] == [
        (Decimal("3.5"), Decimal(28)),
        (Decimal(8), Decimal(48)),
    ]
    assert sum(c.points for c in result.contributions) == result.score


def test_a_result_shows_two_decimals() -> None:
    # 40 × 3/5 + 60 × 7/10 = 66; 40 × 4/5 + 60 × 6/10 = 68; 40 × 4/5 + 60 × 8/10 = 80.
    sheets = [
        {"v": Decimal(3), "r": Decimal(7)},
        {"v": Decimal(4), "r": Decimal(6)},
        {"v": Decimal(4), "r": Decimal(8)},
    ]
    result = panel_result(SHEET, sheets, panel_size=3)
    assert result.display == "71.33"  # 214 / 3
    assert result.complete


def test_without_a_complete_sheet_there_is_no_result() -> None:
    result = panel_result(SHEET, [{"v": Decimal(4)}], panel_size=2)
    assert result.score is None and result.display == "" and result.contributions == []


def test_a_result_half_way_between_two_cents_rounds_up_as_the_pages_show_it() -> None:
    one = SheetCriterion("k", "Kesiapan", 1, 100)
    # (72.12 + 72.13) / 2 = 72.125: 72.13 everywhere (not 72.12, as rounding half to even gives).
    result = panel_result([one], [{"k": Decimal("72.12")}, {"k": Decimal("72.13")}], panel_size=2)
    assert result.score == Decimal("72.125")
    assert result.display == "72.13"
