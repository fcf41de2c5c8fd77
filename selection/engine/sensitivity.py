"""How robust a selection is to the choice of weights.

Weights are drawn from a Dirichlet distribution centred on the round's weights (mean equal to
them; ``concentration`` sets how far draws stray: higher is tighter). Every draw is scored at
once (one matrix product), ranked, and selected under the round's quotas with the exact
laminar method.
"""

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from selection.engine.methods import Method, descending_order
from selection.engine.quota import Layout, Quotas, select_laminar

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
    order = descending_order(scores)
    result = np.empty_like(order)
    result[np.arange(len(order))[:, np.newaxis], order] = np.arange(1, scores.shape[1] + 1)
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
    rank = rank_matrix(scores)
    low, median, high = np.percentile(rank, [5, 50, 95], axis=0)
    selected = select_laminar(scores, eligible, layout, quotas)
    return Sensitivity(draws, selected.mean(axis=0), low, median, high)
