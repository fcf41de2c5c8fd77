"""Choosing N regions with the highest total score under the program's spread rules.

Rules: at least ``group_min`` and at most ``group_max`` regions per island group, at most
``province_max`` per province, only eligible regions. ``select`` chooses exactly, and says
which of two exact methods ran:

* ``laminar`` (``select_laminar``) when every province lies inside one island group
  (``is_laminar``), as in the registry: the rules then nest, and a combinatorial method is
  exact. Within a province only its best ``province_max`` eligible regions can ever be chosen
  (a partition matroid: greedy is optimal). Within an island group the best k of those are
  taken, in score order, so a group's value is concave in k. Concave resource allocation is
  solved greedily: every group first gets its best ``group_min``; the remaining seats go to the
  best remaining candidates of groups still below ``group_max``. It works on many score
  vectors at once (the sensitivity analysis) and can reuse an order already sorted.
* ``milp`` (``select_milp``) for any layout, a province split between island groups too: the
  integer program solved by HiGHS through ``scipy.optimize.milp``.

Tests check both against each other and against brute force.

Ties: equal scores are ordered by row (callers order rows by Kemendagri code), and of the
selections with the greatest total the one whose rows add up to least is chosen. That is what
the laminar method's greedy gives when it takes equal scores in row order; the integer program
gets there with a second solve that keeps the total (to 1e-9) and prefers earlier rows. Equal
means equal floats: the laminar method takes the higher of two scores a rounding step apart,
where the integer program's tolerance may take the earlier row (the tests' random scores never
come that close; rounds use the laminar method). Rounds computed before snapshot format 2 keep
the integer program they were chosen by: ``format1``.

Feasibility does not depend on the scores, so ``check_quotas`` explains a conflict before
anything is solved.
"""

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from selection.engine.methods import descending_order, flat_index

Array = NDArray[np.float64]
IntArray = NDArray[np.intp]
BoolArray = NDArray[np.bool_]

LAMINAR = "laminar"
MILP = "milp"


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


@dataclass(frozen=True)
class Selection:
    selected: BoolArray
    solver: str  # LAMINAR or MILP


class InfeasibleQuotas(ValueError):
    def __init__(self, conflicts: list[Conflict]) -> None:
        super().__init__(
            "; ".join(
                f"{c.kind} (group {c.group}): needs {c.needed}, has {c.available}"
                for c in conflicts
            )
        )
        self.conflicts = conflicts


class NotLaminar(ValueError):
    """The laminar method was asked for a layout with a province in two island groups."""


def is_laminar(layout: Layout) -> bool:
    """Whether every province lies inside one island group, the one ``province_group`` names.

    Then the rules' sets (all regions, each island group, each province) are laminar: any
    two are disjoint or one holds the other.
    """
    return bool(np.all(layout.province_group[layout.province] == layout.group))


def usable_counts(eligible: BoolArray, layout: Layout, quotas: Quotas) -> IntArray:
    """Per island group: how many regions could be chosen at most (eligible, within caps; an
    upper bound where a province spans island groups)."""
    groups, provinces = len(quotas.group_min), len(quotas.province_max)
    cells = layout.province[eligible] * groups + layout.group[eligible]
    per_cell = np.bincount(cells, minlength=provinces * groups).reshape(provinces, groups)
    capped: IntArray = np.minimum(per_cell, quotas.province_max[:, np.newaxis]).sum(axis=0)
    return capped


def check_quotas(eligible: BoolArray, layout: Layout, quotas: Quotas) -> list[Conflict]:
    """Every reason the quotas cannot be met; empty when a selection exists.

    These conditions are necessary and, for laminar rules, sufficient. With a province split
    between island groups the integer program may still find no selection.
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


def select(scores: Array, eligible: BoolArray, layout: Layout, quotas: Quotas) -> Selection:
    """The optimal selection for one score vector, by the laminar method where the layout
    allows it, else by the integer program."""
    if is_laminar(layout):
        return Selection(select_laminar(scores, eligible, layout, quotas)[0], LAMINAR)
    return Selection(select_milp(scores, eligible, layout, quotas), MILP)


def _candidates(scores: Array, eligible: BoolArray, layout: Layout, quotas: Quotas) -> IntArray:
    """Rows an optimal selection can hold, in row order: of the eligible regions of each
    province in each island group, the best ``min(province_max, group_max, total)``. Any other
    one could be swapped for a better one of the same province and group, which breaks no rule
    and raises the total (or, between equal scores, takes an earlier row)."""
    groups = len(quotas.group_min)
    rows = np.flatnonzero(eligible)
    order = rows[descending_order(scores[rows])]
    cells = layout.province[order] * groups + layout.group[order]
    limit = np.minimum(
        quotas.province_max[:, np.newaxis], np.minimum(quotas.group_max, quotas.total)
    ).reshape(-1)
    (within,) = _first_in_category(
        _small(cells, len(limit))[np.newaxis, :], np.ones((1, len(order)), dtype=bool), limit
    )
    return np.sort(order[within[0]])


def select_milp(scores: Array, eligible: BoolArray, layout: Layout, quotas: Quotas) -> BoolArray:
    """The optimal selection by integer programming, for any layout; ties as the module says.

    HiGHS's presolve is off: on this problem it took nearly all of the time (two minutes at
    50,000 regions), and the root relaxation is already integral (the rules form two laminar
    families, so the constraint matrix is totally unimodular). Only the candidates
    (``_candidates``) enter the program.
    """
    # Imported here: SciPy takes 0.4 s to import, paid otherwise by every process that starts
    # the platform (each manage.py command, each gunicorn worker), most of which never solve.
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import csr_array

    _require_feasible(eligible, layout, quotas)
    n = len(scores)
    rows = _candidates(scores, eligible, layout, quotas)
    groups, provinces, m = len(quotas.group_min), len(quotas.province_max), len(rows)
    # One row for the total, one per island group, one per province.
    matrix = csr_array(
        (
            np.ones(3 * m),
            (
                np.concatenate(
                    [
                        np.zeros(m, np.intp),
                        1 + layout.group[rows],
                        1 + groups + layout.province[rows],
                    ]
                ),
                np.tile(np.arange(m), 3),
            ),
        ),
        shape=(1 + groups + provinces, m),
    )
    lower = np.concatenate([[quotas.total], quotas.group_min, np.zeros(provinces)])
    upper = np.concatenate([[quotas.total], quotas.group_max, quotas.province_max])
    bounds = Bounds(np.zeros(m), np.ones(m))
    options = {"mip_rel_gap": 0.0, "presolve": False}
    constraints = [LinearConstraint(matrix, lower, upper)]
    values = scores[rows]
    first = milp(
        -values, integrality=np.ones(m), bounds=bounds, constraints=constraints, options=options
    )
    if not first.success:
        raise InfeasibleQuotas([Conflict("solver", quotas.total, 0)])
    chosen = np.round(first.x).astype(bool)
    if len(np.unique(values)) < m:
        # Equal scores: keep the optimal total, then prefer earlier rows.
        best = float(values[chosen].sum())
        tolerance = 1e-9 * max(1.0, abs(best))
        preference = -(n - rows).astype(np.float64)
        second = milp(
            preference,
            integrality=np.ones(m),
            bounds=bounds,
            constraints=[
                *constraints,
                LinearConstraint(values[np.newaxis, :], best - tolerance, np.inf),
            ],
            options=options,
        )
        if second.success:
            chosen = np.round(second.x).astype(bool)
    selected = np.zeros(n, dtype=bool)
    selected[rows[chosen]] = True
    return selected


def _small(category: IntArray, categories: int) -> NDArray[np.integer]:
    """``category`` in the smallest unsigned type that holds it: gathered over every draw,
    it is then an eighth of the memory, and its stable sort a radix sort."""
    small_type = np.uint8 if categories <= 2**8 else np.uint16 if categories <= 2**16 else np.intp
    return category.astype(small_type)


def _first_in_category(
    category: NDArray[np.integer], counted: BoolArray, *limits: IntArray
) -> list[BoolArray]:
    """For each of ``limits`` (a number per category): which cells of ``counted`` (draws x
    positions) are among the first that many counted cells of their category in their row."""
    draws, n = category.shape
    # A stable sort of small integers is a radix sort: it groups each row by category and keeps
    # the positions' order within a category. Every row holds the same categories, so each
    # category's block starts at the same place in every row.
    by_category = flat_index(np.argsort(category, axis=1, kind="stable"))
    sizes = np.bincount(category[0], minlength=len(limits[0]))
    starts = np.cumsum(sizes) - sizes
    counted_sorted = counted.reshape(-1)[by_category]
    running = np.cumsum(counted_sorted, axis=1, dtype=np.int32)  # counted so far, this one too
    before_block = np.zeros((draws, len(sizes)), dtype=np.int32)
    later = starts > 0
    before_block[:, later] = running[:, starts[later] - 1]
    result = []
    for limit in limits:
        # A counted cell is within the first `limit` of its block when the running count,
        # itself included, is at most the count before the block plus the limit.
        bound = np.repeat(before_block + limit.astype(np.int32), sizes, axis=1)
        within = np.empty((draws, n), dtype=bool)
        within.reshape(-1)[by_category] = counted_sorted & (running <= bound)
        result.append(within)
    return result


def selected_in_order(
    order: IntArray, eligible: BoolArray, layout: Layout, quotas: Quotas
) -> BoolArray:
    """The laminar method on rows already sorted: ``order`` (draws x regions) lists each
    draw's regions from best to worst (``descending_order``); the result says which of those
    positions are selected."""
    _require_feasible(eligible, layout, quotas)
    if not is_laminar(layout):
        raise NotLaminar("a province lies in more than one island group")
    groups, provinces = len(quotas.group_min), len(quotas.province_max)
    usable = eligible[order]
    # Within each province, only its best `province_max` eligible regions are usable (a rule
    # that binds only where a province has more eligible regions than that).
    per_province = np.bincount(layout.province[eligible], minlength=provinces)
    if np.any(per_province > quotas.province_max):
        province = _small(layout.province, provinces)[order]
        (usable,) = _first_in_category(province, usable, quotas.province_max)
    # Within each island group, usable regions in score order: the first `group_min` are
    # mandatory, the rest up to `group_max` are candidates for the remaining seats.
    group = _small(layout.group, groups)[order]
    mandatory, within_max = _first_in_category(group, usable, quotas.group_min, quotas.group_max)
    optional = within_max & ~mandatory
    remaining = quotas.total - int(quotas.group_min.sum())
    # The remaining seats go to the best candidates: the first ones in the order.
    chosen: BoolArray = mandatory | (
        optional & (np.cumsum(optional, axis=1, dtype=np.int32) <= remaining)
    )
    return chosen


def select_laminar(
    scores: Array,
    eligible: BoolArray,
    layout: Layout,
    quotas: Quotas,
    *,
    order: IntArray | None = None,
) -> BoolArray:
    """Optimal selections for every row of ``scores`` (shape draws x regions) at once; pass
    ``order`` when the scores are sorted already (``descending_order``).

    Ties are broken by region order, as in ``select_milp``. NotLaminar for a province in two
    island groups.
    """
    scores = np.atleast_2d(scores)
    if order is None:
        order = descending_order(scores)
    chosen = selected_in_order(order, eligible, layout, quotas)
    selected = np.zeros(scores.shape, dtype=bool)
    selected.reshape(-1)[flat_index(order)[chosen]] = True
    return selected
