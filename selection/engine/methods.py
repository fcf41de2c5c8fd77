"""Scoring methods: SAW and TOPSIS, for one weight vector or many at once.

Not applicable is not missing. A region scores over the criteria that apply to it, with the
weights re-scaled to sum to one over those criteria (so a kabupaten is not penalised for having
no Sustainable City Index). With every criterion applicable and weights summing to one, both
methods equal pymcdm's WSM and TOPSIS exactly.

Weights are rows of ``weights`` (shape draws x criteria); ``normalized`` has NaN where a
criterion does not apply.
"""

from abc import ABC, abstractmethod
from typing import ClassVar

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


def _per_region_weight_sums(applicable: Array, weights: Array) -> Array:
    """(draws, regions): the sum of each draw's weights over each region's criteria."""
    sums = weights @ applicable.T
    if np.any(sums <= 0):
        raise ValueError("a region has no applicable criterion with a positive weight")
    return sums


class Method(ABC):
    code: ClassVar[str]

    @abstractmethod
    def score_many(self, normalized: Array, weights: Array) -> Array:
        """Scores of shape (draws, regions) for weights of shape (draws, criteria)."""

    def score(self, normalized: Array, weights: Array) -> Array:
        scores: Array = self.score_many(normalized, weights[np.newaxis, :])[0]
        return scores


class SAW(Method):
    """Simple additive weighting: the weighted mean of the normalised values."""

    code = "saw"

    def score_many(self, normalized: Array, weights: Array) -> Array:
        applicable = (~np.isnan(normalized)).astype(np.float64)
        values = np.nan_to_num(normalized)
        return (weights @ values.T) / _per_region_weight_sums(applicable, weights)

    @staticmethod
    def contributions(normalized: Array, weights: Array) -> Array:
        """(regions, criteria): each criterion's share of the score; rows sum to the score."""
        applicable = ~np.isnan(normalized)
        effective = np.where(applicable, weights, 0.0)
        effective = effective / effective.sum(axis=1, keepdims=True)
        contributions: Array = np.nan_to_num(normalized) * effective
        return contributions


class TOPSIS(Method):
    """Closeness to the ideal: D- / (D+ + D-), distances in the weighted normalised space.

    The ideal and anti-ideal of a criterion are its best and worst normalised values among the
    regions it applies to; each region's distance uses its re-scaled weights.
    """

    code = "topsis"

    def score_many(self, normalized: Array, weights: Array) -> Array:
        applicable = ~np.isnan(normalized)
        best = np.nanmax(normalized, axis=0)
        worst = np.nanmin(normalized, axis=0)
        to_best = np.where(applicable, (normalized - best) ** 2, 0.0)
        to_worst = np.where(applicable, (normalized - worst) ** 2, 0.0)
        squared = weights**2
        scale = _per_region_weight_sums(applicable.astype(np.float64), weights)
        d_plus = np.sqrt(squared @ to_best.T) / scale
        d_minus = np.sqrt(squared @ to_worst.T) / scale
        total = d_plus + d_minus
        # A region at both ideal and anti-ideal (every criterion constant) is neutral.
        return np.divide(d_minus, total, out=np.full_like(total, 0.5), where=total > 0)


METHODS: dict[str, Method] = {m.code: m for m in (SAW(), TOPSIS())}


def descending_order(scores: Array) -> NDArray[np.intp]:
    """Indices from best to worst along the last axis; equal scores keep their order. Scores
    are finite (a NaN would come first)."""
    return sort_descending(scores)[0]


def sort_descending(scores: Array) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """``descending_order`` and its ``flat_index``, which it computes on the way.

    A stable sort is twice as slow as the default one here, and only rows with equal scores
    need it: the others have a single possible order.
    """
    # Ascending, read backwards: without equal scores that is the order, and no copy of the
    # scores is negated for it.
    order = np.argsort(scores, axis=-1)[..., ::-1]
    flat = flat_index(order)
    ordered = np.take(scores, flat)
    tied = np.any(ordered[..., 1:] == ordered[..., :-1], axis=-1)
    if np.any(tied):
        if scores.ndim == 1:
            order = np.argsort(-scores, kind="stable")
        else:
            order[tied] = np.argsort(-scores[tied], axis=-1, kind="stable")
        flat = flat_index(order)
    return order, flat


def flat_index(order: NDArray[np.intp]) -> NDArray[np.intp]:
    """``order`` (indices along the last axis of a C-ordered array) as indices into the
    flattened array: gathering and scattering through them is several times faster than
    ``take_along_axis`` and ``put_along_axis``."""
    if order.ndim == 1:
        return order
    width = order.shape[-1]
    offsets = np.arange(0, order.size, width, dtype=np.intp).reshape(*order.shape[:-1], 1)
    flat: NDArray[np.intp] = order + offsets
    return flat


def ranks_from_order(
    order: NDArray[np.intp], flat: NDArray[np.intp] | None = None
) -> NDArray[np.intp]:
    """1-based ranks along the last axis from ``descending_order``'s result (and its
    ``flat_index``, if at hand)."""
    result = np.empty(order.shape, dtype=np.intp)
    where = flat_index(order) if flat is None else flat
    result.reshape(-1)[where] = np.arange(1, order.shape[-1] + 1)
    return result


def rank_order(scores: Array) -> NDArray[np.intp]:
    """Row indices from best to worst; equal scores keep row (code) order."""
    return descending_order(scores)


def ranks(scores: Array) -> NDArray[np.intp]:
    """1-based rank of each row, ties broken by row order."""
    return ranks_from_order(*sort_descending(scores))
