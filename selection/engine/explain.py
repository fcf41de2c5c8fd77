"""Why each region is in or out of a selection, in terms a committee can check."""

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from selection.engine.methods import ranks
from selection.engine.quota import Layout, Quotas

Array = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True)
class Verdict:
    """``reason`` is one of:

    selected             rank within the first N and chosen
    selected_by_minimum  chosen to meet its island group's minimum, though ranked beyond N
    selected_after_caps  ranked beyond N, chosen because better regions were capped out
    ineligible           excluded by an eligibility rule before scoring counted
    province_cap         its province already had ``limit`` better eligible regions
    group_cap            its island group already had ``limit`` better usable regions
    minimums_elsewhere   ranked within N, its seat reserved for other groups' minimums
    below_cutoff         ranked beyond the last seat
    """

    rank: int
    selected: bool
    reason: str
    limit: int | None = None


def explain(
    scores: Array, eligible: BoolArray, selected: BoolArray, layout: Layout, quotas: Quotas
) -> list[Verdict]:
    n = len(scores)
    rank = ranks(scores)
    order = np.argsort(rank)
    province_seen = np.zeros(len(quotas.province_max), dtype=np.intp)
    group_seen = np.zeros(len(quotas.group_min), dtype=np.intp)
    usable_before = np.zeros(n, dtype=np.intp)  # usable regions of the group ranked above
    blocked_by_province = np.zeros(n, dtype=bool)
    for row in order:
        if not eligible[row]:
            continue
        province, group = layout.province[row], layout.group[row]
        if province_seen[province] >= quotas.province_max[province]:
            blocked_by_province[row] = True
            continue
        province_seen[province] += 1
        usable_before[row] = group_seen[group]
        group_seen[group] += 1

    verdicts = []
    for row in range(n):
        r = int(rank[row])
        group, province = layout.group[row], layout.province[row]
        if selected[row]:
            if r <= quotas.total:
                verdicts.append(Verdict(r, True, "selected"))
            elif usable_before[row] < quotas.group_min[group]:
                verdicts.append(
                    Verdict(r, True, "selected_by_minimum", int(quotas.group_min[group]))
                )
            else:
                verdicts.append(Verdict(r, True, "selected_after_caps"))
        elif not eligible[row]:
            verdicts.append(Verdict(r, False, "ineligible"))
        elif blocked_by_province[row]:
            verdicts.append(Verdict(r, False, "province_cap", int(quotas.province_max[province])))
        elif usable_before[row] >= quotas.group_max[group]:
            verdicts.append(Verdict(r, False, "group_cap", int(quotas.group_max[group])))
        elif r <= quotas.total:
            verdicts.append(Verdict(r, False, "minimums_elsewhere"))
        else:
            verdicts.append(Verdict(r, False, "below_cutoff"))
    return verdicts
