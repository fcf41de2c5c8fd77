"""The selection of rounds computed in snapshot format 1, kept so that they reproduce.

Rounds computed before snapshot format 2 chose their regions by the integer program below,
exactly as it stood then (``selection.engine.quota.select_milp`` at the time). It differs from
today's ``quota.select`` only where two scores are equal in exact arithmetic but one
floating-point step apart (0.15 and 0.15000000000000002, sums of weights of 0/1 indicators):
when some eligible scores were exactly equal, this program kept every selection whose total
was within 1e-9 of the best and preferred earlier rows, so it could take the lower of two such
scores. Format 2 orders strictly by score and breaks only exact ties by row, as the ranks do.

A published round is recomputed from its snapshot (``rounds.round_reproduces``,
``manage.py verify_rounds``); its format says which selection it was made with. Do not change
this function: the published result hashes of format-1 rounds depend on it.
"""

import numpy as np

from selection.engine.quota import (
    Array,
    BoolArray,
    Conflict,
    InfeasibleQuotas,
    Layout,
    Quotas,
    check_quotas,
)


def select_format1(scores: Array, eligible: BoolArray, layout: Layout, quotas: Quotas) -> BoolArray:
    """The optimal selection by integer programming, as rounds of format 1 were chosen."""
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import csr_array, vstack

    conflicts = check_quotas(eligible, layout, quotas)
    if conflicts:
        raise InfeasibleQuotas(conflicts)
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
