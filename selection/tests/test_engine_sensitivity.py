import numpy as np
import pytest

from selection.engine.methods import METHODS
from selection.engine.normalization import normalize_matrix
from selection.engine.quota import Layout, Quotas, select_milp
from selection.engine.sensitivity import analyse, draw_weights, rank_matrix


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
