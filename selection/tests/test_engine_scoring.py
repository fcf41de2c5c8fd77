"""The engine's normalisations and methods against pymcdm, and its handling of not-applicable."""

import numpy as np
import pytest
from pymcdm import methods as pm
from pymcdm import normalizations as pn
from pymcdm.helpers import rrankdata

from selection.engine.methods import METHODS, SAW, TOPSIS, ranks
from selection.engine.normalization import NORMALIZATIONS, normalize_matrix

PYMCDM_NORMALIZATIONS = {"minmax": pn.minmax_normalization, "vector": pn.vector_normalization}
PYMCDM_METHODS = {"saw": pm.WSM, "topsis": pm.TOPSIS}


def random_case(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    n, m = rng.integers(5, 60), rng.integers(2, 9)
    values = rng.uniform(0.5, 100.0, size=(n, m))
    weights = rng.dirichlet(np.ones(m))
    cost = rng.random(m) < 0.4
    return values, weights, cost


@pytest.mark.parametrize("method", ["saw", "topsis"])
@pytest.mark.parametrize("normalization", ["minmax", "vector"])
@pytest.mark.parametrize("seed", range(25))
def test_scores_and_ranks_equal_pymcdm(method: str, normalization: str, seed: int) -> None:
    values, weights, cost = random_case(seed)
    applicable = np.ones(values.shape, dtype=bool)
    normalized = normalize_matrix(values, applicable, cost, normalization)
    ours = METHODS[method].score(normalized, weights)
    theirs = PYMCDM_METHODS[method](PYMCDM_NORMALIZATIONS[normalization])(
        values, weights, np.where(cost, -1, 1)
    )
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-9)
    np.testing.assert_array_equal(ranks(ours), rrankdata(theirs).astype(int))


def test_many_weight_vectors_score_like_one_at_a_time() -> None:
    values, weights, cost = random_case(7)
    normalized = normalize_matrix(values, np.ones(values.shape, dtype=bool), cost, "minmax")
    draws = np.random.default_rng(1).dirichlet(np.ones(len(weights)), size=30)
    for method in METHODS.values():
        together = method.score_many(normalized, draws)
        one_by_one = np.array([method.score(normalized, w) for w in draws])
        np.testing.assert_allclose(together, one_by_one, atol=1e-12)


def test_not_applicable_reweights_over_the_applicable_criteria() -> None:
    # Three kota with a Sustainable City Index, one kabupaten without.
    values = np.array([[10.0, 50.0], [20.0, 70.0], [30.0, 60.0], [40.0, np.nan]])
    applicable = ~np.isnan(values)
    normalized = normalize_matrix(
        np.nan_to_num(values), applicable, np.array([False, False]), "minmax"
    )
    # The index is normalised over the kota only: 50 -> 0, 70 -> 1, 60 -> 0.5.
    np.testing.assert_allclose(normalized[:3, 1], [0.0, 1.0, 0.5])
    assert np.isnan(normalized[3, 1])
    scores = SAW().score(normalized, np.array([0.6, 0.4]))
    # The kabupaten scores on the first criterion alone, with its weight re-scaled to 1.
    assert scores[3] == pytest.approx(1.0)
    assert scores[1] == pytest.approx(0.6 * (1 / 3) + 0.4 * 1.0)


def test_topsis_with_not_applicable_uses_the_applicable_distances() -> None:
    values = np.array([[1.0, 5.0], [3.0, np.nan], [2.0, 1.0]])
    applicable = ~np.isnan(values)
    normalized = normalize_matrix(
        np.nan_to_num(values), applicable, np.array([False, False]), "minmax"
    )
    scores = TOPSIS().score(normalized, np.array([0.5, 0.5]))
    # Region 2 is the best on its only criterion: closeness 1.
    assert scores[1] == pytest.approx(1.0)
    assert scores.min() >= 0 and scores.max() <= 1


def test_saw_contributions_add_up_to_the_score() -> None:
    values, weights, cost = random_case(3)
    values[0, 0] = np.nan
    applicable = ~np.isnan(values)
    normalized = normalize_matrix(np.nan_to_num(values), applicable, cost, "minmax")
    contributions = SAW.contributions(normalized, weights)
    np.testing.assert_allclose(contributions.sum(axis=1), SAW().score(normalized, weights))
    assert contributions[0, 0] == 0


@pytest.mark.parametrize("code", sorted(NORMALIZATIONS))
def test_every_normalization_makes_higher_better_and_mirrors_cost(code: str) -> None:
    column = np.array([3.0, 1.0, 2.0, 5.0])
    benefit = NORMALIZATIONS[code](column, cost=False)
    cost = NORMALIZATIONS[code](column, cost=True)
    assert np.argmax(benefit) == 3 and np.argmin(benefit) == 1
    assert np.argmax(cost) == 1 and np.argmin(cost) == 3


def test_rank_normalization_shares_positions_between_equal_values() -> None:
    normalized = NORMALIZATIONS["rank"](np.array([1.0, 2.0, 2.0, 3.0]), cost=False)
    np.testing.assert_allclose(normalized, [0.0, 0.5, 0.5, 1.0])


def test_equal_scores_rank_in_row_order() -> None:
    np.testing.assert_array_equal(ranks(np.array([0.5, 0.9, 0.5, 0.9])), [3, 1, 4, 2])


def one_column(code: str, values: np.ndarray, cost: bool) -> np.ndarray:
    """The normalisations written out for one column, as they were before they ran on many."""
    if code == "minmax":
        low, high = values.min(), values.max()
        if low == high:
            return np.ones_like(values)
        return (high - values) / (high - low) if cost else (values - low) / (high - low)
    if code == "vector":
        norm = float(np.sqrt(np.sum(values**2)))
        scaled = values / norm if norm else np.zeros_like(values)
        return 1 - scaled if cost else scaled
    if code == "zscore":
        spread = values.std()
        z = (values - values.mean()) / spread if spread else np.zeros_like(values)
        return -z if cost else z
    oriented = -values if cost else values
    position = np.empty(len(values))
    position[np.argsort(oriented, kind="stable")] = np.arange(len(values), dtype=np.float64)
    _, inverse, counts = np.unique(oriented, return_inverse=True, return_counts=True)
    averaged = np.bincount(inverse, weights=position)[inverse] / counts[inverse]
    return averaged / (len(values) - 1) if len(values) > 1 else np.ones_like(values)


@pytest.mark.parametrize("code", sorted(NORMALIZATIONS))
@pytest.mark.parametrize("seed", range(20))
def test_the_whole_matrix_normalises_like_each_column_alone_to_the_last_bit(
    code: str, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(2, 300)), int(rng.integers(1, 9))
    values = rng.normal(size=(n, m)) * rng.uniform(0.01, 1e5, m)
    values[:, -1] = np.round(values[:, -1])  # equal values
    applicable = np.ones((n, m), dtype=bool)
    applicable[:, 0] = rng.random(n) < 0.7  # like the IKB: some regions only
    applicable[: n // 2, m // 2] = False
    if m > 2:
        values[:, 1] = 4.0  # a constant column
    cost = rng.random(m) < 0.4
    normalized = normalize_matrix(values, applicable, cost, code)
    for column in range(m):
        rows = applicable[:, column]
        assert np.all(np.isnan(normalized[~rows, column]))
        if rows.any():
            np.testing.assert_array_equal(
                normalized[rows, column], one_column(code, values[rows, column], bool(cost[column]))
            )
