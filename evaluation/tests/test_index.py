from decimal import Decimal

import pytest

from evaluation.index import (
    WEIGHTS_BEFORE_2021,
    competition_ranks,
    compute_index,
    default_weights,
    two_decimals,
)

DIMS = ("governance", "branding", "economy", "living", "society", "environment")


def test_the_index_of_a_worked_example_computed_by_hand_with_the_weights_before_2021() -> None:
    # Every dimension scores baseline 4, output 3, outcome 3, impact 2, quick win 4, except
    # environment, which scores 2 on everything.
    scores = {}
    for dim in DIMS:
        for comp, value in (
            ("baseline", 4),
            ("output", 3),
            ("outcome", 3),
            ("impact", 2),
            ("quick_win", 4),
        ):
            scores[(dim, comp)] = 2 if dim == "environment" else value
    result = compute_index(scores, WEIGHTS_BEFORE_2021, DIMS)
    # By hand: 0.1*4 + 0.2*3 + 0.3*3 + 0.3*2 + 0.1*4 = 0.4 + 0.6 + 0.9 + 0.6 + 0.4 = 2.90
    assert result.dimensions["governance"] == Decimal("2.90")
    assert result.dimensions["environment"] == Decimal("2.00")
    # Overall: (5 * 2.90 + 2.00) / 6 = 16.5 / 6 = 2.75
    assert result.overall == Decimal("2.75")
    # Component baseline: (5 * 4 + 2) / 6 = 3.666... -> 3.67
    assert result.components["baseline"] == Decimal("3.67")
    assert result.components["impact"] == Decimal("2.00")


def _example() -> dict[tuple[str, str], int]:
    """Every dimension scores baseline 3, output 2, outcome 3, impact 1, quick win 4, except
    economy, which scores 1 on its quick win."""
    values = {"baseline": 3, "output": 2, "outcome": 3, "impact": 1, "quick_win": 4}
    scores = {(dim, comp): value for dim in DIMS for comp, value in values.items()}
    scores[("economy", "quick_win")] = 1
    return scores


def test_since_2021_the_index_weighs_10_20_30_20_20_worked_by_hand() -> None:
    result = compute_index(_example(), default_weights(2021), DIMS)
    # By hand: 0.1*3 + 0.2*2 + 0.3*3 + 0.2*1 + 0.2*4 = 0.3 + 0.4 + 0.9 + 0.2 + 0.8 = 2.60
    assert result.dimensions["governance"] == Decimal("2.60")
    # Economy's quick win is 1: 2.60 - 0.2*3 = 2.00
    assert result.dimensions["economy"] == Decimal("2.00")
    # Overall: (5 * 2.60 + 2.00) / 6 = 15.00 / 6 = 2.50
    assert result.overall == Decimal("2.50")
    # Quick win: (5 * 4 + 1) / 6 = 3.5
    assert result.components["quick_win"] == Decimal("3.50")
    # The same scores under the weights before 2021 (impact 30, quick win 10):
    # 0.3 + 0.4 + 0.9 + 0.3 + 0.4 = 2.30; economy 2.30 - 0.1*3 = 2.00; (5*2.30 + 2.00)/6 = 2.25
    assert compute_index(_example(), default_weights(2020), DIMS).overall == Decimal("2.25")


def test_a_new_evaluation_starts_with_the_weights_of_its_year() -> None:
    assert default_weights(2019) == WEIGHTS_BEFORE_2021 == default_weights(2020)
    assert default_weights(2021) == {
        "baseline": 10,
        "output": 20,
        "outcome": 30,
        "impact": 20,
        "quick_win": 20,
    }
    assert default_weights(2030) == default_weights(2021)
    mine = default_weights(2024)
    mine["impact"] = 99  # a caller changing its copy changes no other
    assert default_weights(2024)["impact"] == 20


def test_weights_are_read_as_shares_of_their_sum() -> None:
    scores = {(d, "output"): 4 for d in DIMS}
    halves = compute_index(scores, {"output": 1, "impact": 1}, DIMS)
    percents = compute_index(scores, {"output": 50, "impact": 50}, DIMS)
    assert halves.overall == percents.overall == Decimal("2.00")


def test_a_missing_score_counts_as_zero() -> None:
    assert compute_index({}, WEIGHTS_BEFORE_2021, DIMS).overall == Decimal("0.00")


def test_rounding_is_half_up_as_published() -> None:
    assert two_decimals(Decimal("3.305")) == Decimal("3.31")
    assert two_decimals(2.675) == Decimal("2.68")  # not the float's 2.67


def test_zero_weights_are_refused() -> None:
    with pytest.raises(ValueError):
        compute_index({}, {"output": 0}, DIMS)


def test_ties_share_a_rank_and_the_next_rank_is_skipped() -> None:
    ranks = competition_ranks(
        {
            "32.73": Decimal("3.31"),
            "32.75": Decimal("3.31"),
            "35.78": Decimal("3.50"),
            "73.71": Decimal("2.10"),
        }
    )
    assert ranks == {"35.78": 1, "32.73": 2, "32.75": 2, "73.71": 4}
