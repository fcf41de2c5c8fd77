from decimal import Decimal

import pytest

from evaluation.index import DEFAULT_WEIGHTS, competition_ranks, compute_index, two_decimals

DIMS = ("governance", "branding", "economy", "living", "society", "environment")


def test_the_index_of_a_worked_example_computed_by_hand() -> None:
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
    result = compute_index(scores, DEFAULT_WEIGHTS, DIMS)
    # By hand: 0.1*4 + 0.2*3 + 0.3*3 + 0.3*2 + 0.1*4 = 0.4 + 0.6 + 0.9 + 0.6 + 0.4 = 2.90
    assert result.dimensions["governance"] == Decimal("2.90")
    assert result.dimensions["environment"] == Decimal("2.00")
    # Overall: (5 * 2.90 + 2.00) / 6 = 16.5 / 6 = 2.75
    assert result.overall == Decimal("2.75")
    # Component baseline: (5 * 4 + 2) / 6 = 3.666... -> 3.67
    assert result.components["baseline"] == Decimal("3.67")
    assert result.components["impact"] == Decimal("2.00")


def test_weights_are_read_as_shares_of_their_sum() -> None:
    scores = {(d, "output"): 4 for d in DIMS}
    halves = compute_index(scores, {"output": 1, "impact": 1}, DIMS)
    percents = compute_index(scores, {"output": 50, "impact": 50}, DIMS)
    assert halves.overall == percents.overall == Decimal("2.00")


def test_a_missing_score_counts_as_zero() -> None:
    assert compute_index({}, DEFAULT_WEIGHTS, DIMS).overall == Decimal("0.00")


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
