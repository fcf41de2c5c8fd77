"""Normalisations of one criterion's column, over the regions where it applies.

Each turns raw values into "higher is better": a cost criterion is mirrored. ``minmax`` and
``vector`` follow pymcdm's definitions exactly (tests compare them); ``zscore`` and ``rank`` are
ours. A variant is a small class in ``NORMALIZATIONS``.
"""

from abc import ABC, abstractmethod
from typing import ClassVar

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


class Normalization(ABC):
    code: ClassVar[str]

    @abstractmethod
    def __call__(self, values: Array, cost: bool) -> Array:
        """Normalise a 1-D array holding only applicable values."""


class MinMax(Normalization):
    """(x - min) / (max - min), mirrored for cost; a constant column becomes all ones."""

    code = "minmax"

    def __call__(self, values: Array, cost: bool) -> Array:
        low, high = values.min(), values.max()
        if low == high:
            return np.ones_like(values)
        scaled: Array = (high - values) / (high - low) if cost else (values - low) / (high - low)
        return scaled


class Vector(Normalization):
    """x / ||x||; a cost criterion becomes 1 - x / ||x|| (pymcdm's convention)."""

    code = "vector"

    def __call__(self, values: Array, cost: bool) -> Array:
        norm = float(np.sqrt(np.sum(values**2)))
        scaled = values / norm if norm else np.zeros_like(values)
        return 1 - scaled if cost else scaled


class ZScore(Normalization):
    """(x - mean) / standard deviation, negated for cost; a constant column becomes zeros."""

    code = "zscore"

    def __call__(self, values: Array, cost: bool) -> Array:
        spread = values.std()
        z = (values - values.mean()) / spread if spread else np.zeros_like(values)
        return -z if cost else z


class Rank(Normalization):
    """Position from worst (0) to best (1), ties sharing their average position."""

    code = "rank"

    def __call__(self, values: Array, cost: bool) -> Array:
        oriented = -values if cost else values
        order = np.argsort(oriented, kind="stable")
        ranks = np.empty(len(values))
        ranks[order] = np.arange(len(values), dtype=np.float64)
        # Average the positions of equal values.
        _, inverse, counts = np.unique(oriented, return_inverse=True, return_counts=True)
        sums = np.bincount(inverse, weights=ranks)
        averaged = sums[inverse] / counts[inverse]
        return averaged / (len(values) - 1) if len(values) > 1 else np.ones_like(values)


NORMALIZATIONS: dict[str, Normalization] = {
    n.code: n for n in (MinMax(), Vector(), ZScore(), Rank())
}


def normalize_matrix(
    values: Array, applicable: NDArray[np.bool_], cost: NDArray[np.bool_], method: str
) -> Array:
    """Normalise every column over its applicable rows; not-applicable cells become NaN."""
    normalize = NORMALIZATIONS[method]
    result = np.full(values.shape, np.nan)
    for column in range(values.shape[1]):
        rows = applicable[:, column]
        if rows.any():
            result[rows, column] = normalize(
                values[rows, column].astype(np.float64), bool(cost[column])
            )
    return result
