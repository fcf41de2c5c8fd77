"""Normalisations of criteria columns, each over the regions where it applies.

Each turns raw values into "higher is better": a cost criterion is mirrored. ``minmax`` and
``vector`` follow pymcdm's definitions exactly (tests compare them); ``zscore`` and ``rank`` are
ours. A variant is a small class in ``NORMALIZATIONS``.

A variant normalises a block of columns at once: ``block`` holds one column per row (criteria x
regions), every cell applicable, all of one direction. ``normalize_matrix`` cuts the matrix into
such blocks, one per set of regions and direction. A block's sums run along its rows, over
exactly the values of one column in their order, so a column gets the same result to the last
bit as it would alone: rounds computed before keep their scores and their result hash.
"""

from abc import ABC, abstractmethod
from typing import ClassVar

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


class Normalization(ABC):
    code: ClassVar[str]

    @abstractmethod
    def block(self, values: Array, cost: bool) -> Array:
        """Normalise each row of ``values`` (criteria x regions, all applicable)."""

    def __call__(self, values: Array, cost: bool) -> Array:
        """Normalise a 1-D array holding only applicable values."""
        normalized: Array = self.block(values[np.newaxis, :], cost)[0]
        return normalized


def _with_rows_set(
    normalization: Normalization, values: Array, cost: bool, rows: BoolArray, value: float
) -> Array:
    """``values`` normalised, but ``rows`` (columns without spread) all set to ``value``."""
    normalized = np.full_like(values, value)
    normalized[~rows] = normalization.block(values[~rows], cost)
    return normalized


class MinMax(Normalization):
    """(x - min) / (max - min), mirrored for cost; a constant column becomes all ones."""

    code = "minmax"

    def block(self, values: Array, cost: bool) -> Array:
        low = values.min(axis=1, keepdims=True)
        high = values.max(axis=1, keepdims=True)
        constant = (low == high)[:, 0]
        if constant.any():
            return _with_rows_set(self, values, cost, constant, 1.0)
        scaled: Array = (high - values) / (high - low) if cost else (values - low) / (high - low)
        return scaled


class Vector(Normalization):
    """x / ||x||; a cost criterion becomes 1 - x / ||x|| (pymcdm's convention)."""

    code = "vector"

    def block(self, values: Array, cost: bool) -> Array:
        norm = np.sqrt(np.sum(values**2, axis=1, keepdims=True))
        zero = (norm == 0)[:, 0]
        if zero.any():
            return _with_rows_set(self, values, cost, zero, 1.0 if cost else 0.0)
        scaled: Array = values / norm
        return 1 - scaled if cost else scaled


class ZScore(Normalization):
    """(x - mean) / standard deviation, negated for cost; a constant column becomes zeros."""

    code = "zscore"

    def block(self, values: Array, cost: bool) -> Array:
        spread = values.std(axis=1, keepdims=True)
        constant = (spread == 0)[:, 0]
        if constant.any():
            return _with_rows_set(self, values, cost, constant, 0.0)
        z: Array = (values - values.mean(axis=1, keepdims=True)) / spread
        return -z if cost else z


class Rank(Normalization):
    """Position from worst (0) to best (1), ties sharing their average position."""

    code = "rank"

    def block(self, values: Array, cost: bool) -> Array:
        oriented = -values if cost else values
        regions = values.shape[1]
        if regions == 1:
            return np.ones_like(values)
        order = np.argsort(oriented, axis=1, kind="stable")
        ordered = np.take_along_axis(oriented, order, axis=1)
        position = np.broadcast_to(np.arange(regions, dtype=np.float64), values.shape)
        # Equal values form a run in ``ordered``; each shares the mean of the run's first
        # and last position.
        starts = np.ones(values.shape, dtype=bool)
        starts[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
        ends = np.ones(values.shape, dtype=bool)
        ends[:, :-1] = starts[:, 1:]
        first = np.maximum.accumulate(np.where(starts, position, 0.0), axis=1)
        last = np.minimum.accumulate(np.where(ends, position, regions - 1.0)[:, ::-1], axis=1)
        averaged = np.empty_like(values)
        np.put_along_axis(averaged, order, (first + last[:, ::-1]) / 2, axis=1)
        scaled: Array = averaged / (regions - 1)
        return scaled


NORMALIZATIONS: dict[str, Normalization] = {
    n.code: n for n in (MinMax(), Vector(), ZScore(), Rank())
}


def normalize_matrix(values: Array, applicable: BoolArray, cost: BoolArray, method: str) -> Array:
    """Normalise every column over its applicable rows; not-applicable cells become NaN."""
    normalize = NORMALIZATIONS[method]
    result = np.full(values.shape, np.nan)
    by_criterion = np.asarray(values, dtype=np.float64).T
    applies = np.ascontiguousarray(applicable.T)
    # Columns that apply to the same regions, in the same direction, form one block.
    blocks: dict[tuple[bytes, bool], list[int]] = {}
    for column in np.flatnonzero(applies.any(axis=1)):
        key = (applies[column].tobytes(), bool(cost[column]))
        blocks.setdefault(key, []).append(int(column))
    for (_rows, direction), members in blocks.items():
        columns = np.array(members)
        rows = applies[columns[0]]
        if rows.all():  # the usual block, and a faster copy
            block = normalize.block(np.ascontiguousarray(by_criterion[columns]), direction)
            result[:, columns] = block.T
        else:
            where = np.flatnonzero(rows)
            block = normalize.block(
                np.ascontiguousarray(by_criterion[np.ix_(columns, where)]), direction
            )
            result[np.ix_(where, columns)] = block.T
    return result
