"""How robust a selection is to the choice of weights.

Weights are drawn from a Dirichlet distribution centred on the round's weights (mean equal to
them; ``concentration`` sets how far draws stray: higher is tighter). Every draw is scored at
once (one matrix product) and its scores sorted once: that one order gives the ranks and, with
the exact laminar method, the selection under the round's quotas.
"""

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from selection.engine.methods import Method, descending_order, ranks_from_order, sort_descending
from selection.engine.quota import Layout, Quotas, selected_in_order

Array = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

DEFAULT_DRAWS = 10_000
DEFAULT_CONCENTRATION = 50.0


@dataclass(frozen=True)
class Sensitivity:
    draws: int
    probability_selected: Array  # per region
    rank_low: Array  # 5th percentile of rank (1 is best)
    rank_median: Array
    rank_high: Array  # 95th percentile


def draw_weights(weights: Array, draws: int, concentration: float, seed: int) -> Array:
    base = np.asarray(weights, dtype=np.float64)
    base = base / base.sum()
    rng = np.random.default_rng(seed)
    positive = base > 0
    drawn = np.zeros((draws, len(base)))
    # A criterion weighted zero stays out of every draw.
    drawn[:, positive] = rng.dirichlet(concentration * base[positive], size=draws)
    return drawn


def rank_matrix(scores: Array) -> NDArray[np.intp]:
    """(draws, regions) 1-based ranks, ties broken by region order."""
    return ranks_from_order(*sort_descending(scores))


def rank_percentiles(order: NDArray[np.intp], percents: tuple[float, ...]) -> Array:
    """(len(percents), regions): each region's rank at these percentiles over the draws, from
    the draws' orders (``descending_order``); equal to ``np.percentile`` of the rank matrix
    (its default, linear interpolation) without sorting each region's ranks again."""
    draws, n = order.shape
    # How many draws put each region at each position, then at that position or better.
    at = np.bincount((order * n + np.arange(n)).reshape(-1), minlength=n * n).reshape(n, n)
    at_or_better = np.cumsum(at, axis=1)
    virtual = (draws - 1) * (np.asarray(percents, dtype=np.float64) / 100)
    previous = np.floor(virtual)
    gamma = virtual - previous
    below = np.minimum(previous.astype(np.intp), draws - 1)
    above = np.minimum(below + 1, draws - 1)
    # A region's j-th smallest rank (j from 0) is one more than the number of positions that
    # at most j of its draws reach (at that position or better).
    a = 1 + (at_or_better[:, :, np.newaxis] <= below).sum(axis=1).T
    b = 1 + (at_or_better[:, :, np.newaxis] <= above).sum(axis=1).T
    # numpy's interpolation, step for step, so that the figures are the same to the last bit.
    t = gamma[:, np.newaxis]
    difference = b - a
    result: Array = np.where(t >= 0.5, b - difference * (1 - t), a + difference * t)
    return result


def analyse(
    normalized: Array,
    method: Method,
    weights: Array,
    eligible: BoolArray,
    layout: Layout,
    quotas: Quotas,
    *,
    draws: int = DEFAULT_DRAWS,
    concentration: float = DEFAULT_CONCENTRATION,
    seed: int = 0,
) -> Sensitivity:
    drawn = draw_weights(weights, draws, concentration, seed)
    scores = method.score_many(normalized, drawn)
    order = descending_order(scores)  # the one sort: ranks and selections both read it
    low, median, high = rank_percentiles(order, (5, 50, 95))
    chosen = selected_in_order(order, eligible, layout, quotas)
    times_selected = np.bincount(order[chosen], minlength=scores.shape[1])
    return Sensitivity(draws, times_selected / draws, low, median, high)
