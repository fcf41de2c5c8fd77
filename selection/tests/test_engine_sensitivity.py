"""The sensitivity analysis: weight draws, and the one-sort path against the straightforward
one (each draw ranked and selected on its own)."""

import numpy as np
import pytest

from selection.engine.methods import METHODS, descending_order, ranks
from selection.engine.normalization import normalize_matrix
from selection.engine.quota import Layout, Quotas, select_milp
from selection.engine.sensitivity import (
    analyse,
    draw_weights,
    rank_matrix,
    rank_percentiles,
)


@pytest.fixture
def case():  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(4)
    n, m = 80, 5
    values = rng.uniform(1, 100, size=(n, m))
    normalized = normalize_matrix(
        values, np.ones((n, m), dtype=bool), np.zeros(m, dtype=bool), "minmax"
    )
    province_group = np.array([0, 0, 1, 1, 2, 2])
    province = rng.integers(0, 6, n)
    layout = Layout(
        group=province_group[province], province=province, province_group=province_group
    )
    quotas = Quotas(12, np.array([2, 2, 2]), np.array([6, 6, 6]), np.full(6, 3))
    return normalized, layout, quotas


def test_drawn_weights_centre_on_the_chosen_weights() -> None:
    weights = np.array([0.5, 0.3, 0.2, 0.0])
    drawn = draw_weights(weights, 20_000, concentration=50, seed=1)
    np.testing.assert_allclose(drawn.sum(axis=1), 1.0)
    np.testing.assert_allclose(drawn.mean(axis=0), weights, atol=0.01)
    assert np.all(drawn[:, 3] == 0)


def test_tight_draws_reproduce_the_round_selection(case) -> None:  # type: ignore[no-untyped-def]
    normalized, layout, quotas = case
    weights = np.array([0.4, 0.2, 0.2, 0.1, 0.1])
    eligible = np.ones(len(normalized), dtype=bool)
    result = analyse(
        normalized,
        METHODS["saw"],
        weights,
        eligible,
        layout,
        quotas,
        draws=200,
        concentration=1e7,
        seed=3,
    )
    chosen = select_milp(METHODS["saw"].score(normalized, weights), eligible, layout, quotas)
    np.testing.assert_array_equal(result.probability_selected, chosen.astype(float))


def test_probabilities_add_up_to_the_seats_and_intervals_are_ordered(case) -> None:  # type: ignore[no-untyped-def]
    normalized, layout, quotas = case
    eligible = np.ones(len(normalized), dtype=bool)
    eligible[:5] = False
    result = analyse(
        normalized,
        METHODS["topsis"],
        np.full(5, 0.2),
        eligible,
        layout,
        quotas,
        draws=500,
        concentration=5,
        seed=2,
    )
    assert result.probability_selected.sum() == pytest.approx(quotas.total)
    assert np.all(result.probability_selected[:5] == 0)
    assert np.all(result.rank_low <= result.rank_median)
    assert np.all(result.rank_median <= result.rank_high)


def test_the_same_seed_gives_the_same_analysis(case) -> None:  # type: ignore[no-untyped-def]
    normalized, layout, quotas = case
    eligible = np.ones(len(normalized), dtype=bool)
    first, second = (
        analyse(
            normalized,
            METHODS["saw"],
            np.full(5, 0.2),
            eligible,
            layout,
            quotas,
            draws=100,
            seed=11,
        )
        for _ in range(2)
    )
    np.testing.assert_array_equal(first.probability_selected, second.probability_selected)


def test_rank_matrix_ranks_each_draw() -> None:
    np.testing.assert_array_equal(
        rank_matrix(np.array([[0.1, 0.9, 0.5], [0.3, 0.3, 0.2]])), [[3, 1, 2], [1, 2, 3]]
    )


@pytest.mark.parametrize("method", ["saw", "topsis"])
def test_the_one_sort_path_gives_what_each_draw_on_its_own_gives(case, method: str) -> None:  # type: ignore[no-untyped-def]
    normalized, layout, quotas = case
    # Regions 1 and 2 are copies of region 0, so they tie in every draw.
    normalized = normalized.copy()
    normalized[[1, 2]] = normalized[0]
    eligible = np.ones(len(normalized), dtype=bool)
    eligible[5] = False
    weights = np.array([0.4, 0.2, 0.2, 0.1, 0.1])
    result = analyse(
        normalized, METHODS[method], weights, eligible, layout, quotas, draws=60, seed=7
    )

    drawn = draw_weights(weights, 60, concentration=50.0, seed=7)
    scores = METHODS[method].score_many(normalized, drawn)
    each_rank = np.array([ranks(row) for row in scores])
    each_selection = np.array([select_milp(row, eligible, layout, quotas) for row in scores])
    np.testing.assert_array_equal(result.probability_selected, each_selection.mean(axis=0))
    low, median, high = np.percentile(each_rank, [5, 50, 95], axis=0)
    np.testing.assert_array_equal(result.rank_low, low)
    np.testing.assert_array_equal(result.rank_median, median)
    np.testing.assert_array_equal(result.rank_high, high)
    assert np.all(each_rank[:, 1] == each_rank[:, 0] + 1)  # the tie, in row order


@pytest.mark.parametrize("draws", [1, 2, 3, 10, 101, 1000])
def test_rank_percentiles_equal_numpy_percentile_of_the_ranks(draws: int) -> None:
    scores = np.random.default_rng(draws).random((draws, 30))
    percents = (0.0, 5.0, 33.3, 50.0, 95.0, 100.0)
    np.testing.assert_array_equal(
        rank_percentiles(descending_order(scores), percents),
        np.percentile(rank_matrix(scores), percents, axis=0),
    )


def test_rank_matrix_breaks_ties_by_region_order_in_every_draw() -> None:
    scores = np.random.default_rng(3).integers(0, 4, size=(200, 25)).astype(np.float64)
    expected = np.array([np.argsort(np.argsort(-row, kind="stable")) + 1 for row in scores])
    np.testing.assert_array_equal(rank_matrix(scores), expected)
