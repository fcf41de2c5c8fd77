"""Choosing N regions with the highest total score under the program's spread rules.

Rules: at least ``group_min`` and at most ``group_max`` regions per island group, at most
``province_max`` per province, only eligible regions. Provinces lie inside island groups, so
the rules are laminar and two exact methods agree:

* ``select_milp``: the integer program solved by HiGHS through ``scipy.optimize.milp``. It is
  the reference, and the one a round's result comes from.
* ``select_laminar``: a combinatorial method, vectorised over many score vectors at once (for
  the sensitivity analysis). Within a province only its best ``province_max`` eligible regions
  can ever be chosen (a partition matroid: greedy is optimal). Within an island group the best
  k of those are taken, in score order, so a group's value is concave in k. Concave resource
  allocation is solved greedily: every group first gets its best ``group_min``; the remaining
  seats go to the best remaining candidates of groups still below ``group_max``. Tests check it
  against the MILP and against brute force.

Feasibility does not depend on the scores, so ``check_quotas`` explains a conflict before
anything is solved.
"""

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from selection.engine.methods import descending_order

Array = NDArray[np.float64]
IntArray = NDArray[np.intp]
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True)
class Quotas:
    """Spread rules. Arrays are indexed by group and province number."""

    total: int
    group_min: IntArray
    group_max: IntArray
    province_max: IntArray


@dataclass(frozen=True)
class Layout:
    """Which island group and province each region (row) belongs to."""

    group: IntArray
    province: IntArray
    province_group: IntArray  # the island group of each province


@dataclass(frozen=True)
class Conflict:
    """Why the quotas cannot all hold. ``group``/``province`` are indices or None."""

    kind: str
    needed: int
    available: int
    group: int | None = None


class InfeasibleQuotas(ValueError):
    def __init__(self, conflicts: list[Conflict]) -> None:
        super().__init__(
            "; ".join(
                f"{c.kind} (group {c.group}): needs {c.needed}, has {c.available}"
                for c in conflicts
            )
        )
        self.conflicts = conflicts


def usable_counts(eligible: BoolArray, layout: Layout, quotas: Quotas) -> IntArray:
    """Per island group: how many regions could be chosen at most (eligible, within caps)."""
    per_province = np.bincount(layout.province[eligible], minlength=len(quotas.province_max))
    capped = np.minimum(per_province, quotas.province_max)
    return np.bincount(
        layout.province_group, weights=capped, minlength=len(quotas.group_min)
    ).astype(np.intp)


def check_quotas(eligible: BoolArray, layout: Layout, quotas: Quotas) -> list[Conflict]:
    """Every reason the quotas cannot be met; empty when a selection exists.

    These conditions are necessary and, for laminar rules, sufficient.
    """
    conflicts = []
    available = usable_counts(eligible, layout, quotas)
    for group, (low, high, can) in enumerate(
        zip(quotas.group_min, quotas.group_max, available, strict=True)
    ):
        if low > high:
            conflicts.append(Conflict("group_min_above_max", int(low), int(high), group))
        elif low > can:
            conflicts.append(Conflict("group_min_above_available", int(low), int(can), group))
    reachable = int(np.minimum(quotas.group_max, available).sum())
    if quotas.total > reachable:
        conflicts.append(Conflict("total_above_reachable", quotas.total, reachable))
    reserved = int(quotas.group_min.sum())
    if reserved > quotas.total:
        conflicts.append(Conflict("minimums_above_total", reserved, quotas.total))
    return conflicts


def _require_feasible(eligible: BoolArray, layout: Layout, quotas: Quotas) -> None:
    conflicts = check_quotas(eligible, layout, quotas)
    if conflicts:
        raise InfeasibleQuotas(conflicts)


def select_milp(scores: Array, eligible: BoolArray, layout: Layout, quotas: Quotas) -> BoolArray:
    """The optimal selection by integer programming. Among selections whose totals are equal
    to floating-point precision, the one preferring earlier rows (codes) is returned."""
    # Imported here: SciPy takes 0.4 s to import, paid otherwise by every process that starts
    # the platform (each manage.py command, each gunicorn worker), most of which never solve.
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import csr_array, vstack

    _require_feasible(eligible, layout, quotas)
    n = len(scores)
    rows = [csr_array(np.ones((1, n)))]
    rows += [
        csr_array((layout.group == g).astype(np.float64)[np.newaxis, :])
        for g in range(len(quotas.group_min))
    ]
    rows += [
        csr_array((layout.province == p).astype(np.float64)[np.newaxis, :])
        for p in range(len(quotas.province_max))
    ]
    matrix = vstack(rows)
    lower = np.concatenate([[quotas.total], quotas.group_min, np.zeros(len(quotas.province_max))])
    upper = np.concatenate([[quotas.total], quotas.group_max, quotas.province_max])
    bounds = Bounds(np.zeros(n), eligible.astype(np.float64))
    options = {"mip_rel_gap": 0.0, "presolve": True}
    constraints = [LinearConstraint(matrix, lower, upper)]
    first = milp(
        -scores, integrality=np.ones(n), bounds=bounds, constraints=constraints, options=options
    )
    if not first.success:
        raise InfeasibleQuotas([Conflict("solver", quotas.total, 0)])
    chosen: BoolArray = np.round(first.x).astype(bool)
    values = scores[eligible]
    if len(np.unique(values)) == len(values):
        return chosen
    # Equal scores: keep the optimal total, then prefer earlier rows.
    best = float(scores[chosen].sum())
    tolerance = 1e-9 * max(1.0, abs(best))
    preference = -(n - np.arange(n)).astype(np.float64)
    second = milp(
        preference,
        integrality=np.ones(n),
        bounds=bounds,
        constraints=[
            *constraints,
            LinearConstraint(scores[np.newaxis, :], best - tolerance, np.inf),
        ],
        options=options,
    )
    better: BoolArray = np.round(second.x).astype(bool) if second.success else chosen
    return better


def _within_block_rank(
    keys: NDArray[np.integer], counted: BoolArray, block_of_sorted: IntArray, block_starts: IntArray
) -> tuple[IntArray, IntArray]:
    """Sort rows of ``keys``; return the sort and, for each sorted cell, how many ``counted``
    cells precede it within its block (blocks are contiguous in the sort)."""
    order = np.argsort(keys, axis=1, kind="stable")
    counted_sorted = np.take_along_axis(counted, order, axis=1)
    running: IntArray = np.cumsum(counted_sorted, axis=1, dtype=np.intp) - counted_sorted
    # An empty block's start may lie past the end; no cell refers to it.
    starts = np.minimum(block_starts, keys.shape[1] - 1)
    block_offset: IntArray = running[:, starts][:, block_of_sorted]
    return order, running - block_offset


def select_laminar(scores: Array, eligible: BoolArray, layout: Layout, quotas: Quotas) -> BoolArray:
    """Optimal selections for every row of ``scores`` (shape draws x regions) at once.

    Ties are broken by region order, as in ``select_milp``.
    """
    _require_feasible(eligible, layout, quotas)
    scores = np.atleast_2d(scores)
    draws, n = scores.shape
    key_type = (
        np.uint16
        if (max(len(quotas.province_max), len(quotas.group_min)) + 2) * n < 2**16
        else np.int64
    )

    by_score = descending_order(scores)
    position = np.empty_like(by_score)
    position[np.arange(draws)[:, np.newaxis], by_score] = np.arange(n)

    eligible_rows = np.broadcast_to(eligible, (draws, n))

    # Within each province, only its best `province_max` eligible regions are usable.
    province_sizes = np.bincount(layout.province, minlength=len(quotas.province_max))
    province_starts = np.concatenate([[0], np.cumsum(province_sizes)[:-1]])
    province_of_sorted = np.repeat(np.arange(len(province_sizes)), province_sizes)
    keys = (layout.province.astype(np.int64) * n + position).astype(key_type)
    order, before = _within_block_rank(keys, eligible_rows, province_of_sorted, province_starts)
    eligible_sorted = np.take_along_axis(eligible_rows, order, axis=1)
    usable_sorted = eligible_sorted & (before < quotas.province_max[province_of_sorted])
    usable = np.empty_like(usable_sorted)
    np.put_along_axis(usable, order, usable_sorted, axis=1)

    # Within each island group, usable regions in score order: the first `group_min` are
    # mandatory, the rest up to `group_max` are candidates for the remaining seats.
    group_sizes = np.bincount(layout.group, minlength=len(quotas.group_min))
    group_starts = np.concatenate([[0], np.cumsum(group_sizes)[:-1]])
    group_of_sorted = np.repeat(np.arange(len(group_sizes)), group_sizes)
    keys = (layout.group.astype(np.int64) * n + position).astype(key_type)
    order, before = _within_block_rank(keys, usable, group_of_sorted, group_starts)
    usable_sorted = np.take_along_axis(usable, order, axis=1)
    mandatory_sorted = usable_sorted & (before < quotas.group_min[group_of_sorted])
    optional_sorted = (
        usable_sorted & ~mandatory_sorted & (before < quotas.group_max[group_of_sorted])
    )
    mandatory = np.empty_like(mandatory_sorted)
    optional = np.empty_like(optional_sorted)
    np.put_along_axis(mandatory, order, mandatory_sorted, axis=1)
    np.put_along_axis(optional, order, optional_sorted, axis=1)

    remaining = quotas.total - int(quotas.group_min.sum())
    selected = mandatory.copy()
    if remaining > 0:
        keys = np.where(optional, position, n + position).astype(
            np.uint16 if 2 * n < 2**16 else np.int64
        )
        best = np.argsort(keys, axis=1, kind="stable")[:, :remaining]
        np.put_along_axis(selected, best, True, axis=1)
    return selected
