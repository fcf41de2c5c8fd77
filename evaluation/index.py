"""The evaluation index (monev) as plain arithmetic, without Django.

A region is scored 0..scale per dimension and component. With component weights w (any positive
numbers; they are normalised to sum to 1):

- component index  = mean over the six dimensions of that component's scores
- dimension index  = sum over components of w_c * score(dimension, c)
- overall index    = mean of the dimension indices (= sum of w_c * component index)

Every index is rounded half up to two decimals, as the program publishes them (e.g. 3.31).
A missing score counts as 0: an unscored part has not been shown to the assessors.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

COMPONENTS = ("baseline", "output", "outcome", "impact", "quick_win")
# The program's weights (baseline/output/outcome/impact/quick win). Since 2021 (the evaluation
# guide "Pedoman Evaluasi 2021, versi 2.0"): 10/20/30/20/20; the final indices published for
# 2022 and 2024 follow from their published components under these weights and not under the
# older ones. Before 2021: 10/20/30/30/10, as Diskominfo Sleman describes its evaluation.
WEIGHTS_SINCE_2021 = {"baseline": 10, "output": 20, "outcome": 30, "impact": 20, "quick_win": 20}
WEIGHTS_BEFORE_2021 = {"baseline": 10, "output": 20, "outcome": 30, "impact": 30, "quick_win": 10}


def default_weights(year: int) -> dict[str, int]:
    """The weights a new evaluation of ``year`` starts with (the national team may change
    them while it is open; an evaluation keeps the weights it was opened with)."""
    return dict(WEIGHTS_SINCE_2021 if year >= 2021 else WEIGHTS_BEFORE_2021)


TWO_PLACES = Decimal("0.01")


def two_decimals(value: Decimal | float) -> Decimal:
    return Decimal(str(value)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class IndexResult:
    components: dict[str, Decimal]
    dimensions: dict[str, Decimal]
    overall: Decimal


def compute_index(
    scores: Mapping[tuple[str, str], float | Decimal],
    weights: Mapping[str, float | int],
    dimensions: Iterable[str],
) -> IndexResult:
    """``scores[(dimension, component)]``; exact decimal sums, rounded once at the end."""
    dims = list(dimensions)
    total = sum(Decimal(str(w)) for w in weights.values())
    if total <= 0:
        raise ValueError("the component weights must add up to more than zero")
    share = {c: Decimal(str(w)) / total for c, w in weights.items()}

    def score(dimension: str, component: str) -> Decimal:
        return Decimal(str(scores.get((dimension, component), 0)))

    component_raw = {c: sum((score(d, c) for d in dims), Decimal(0)) / len(dims) for c in weights}
    dimension_raw = {d: sum((share[c] * score(d, c) for c in weights), Decimal(0)) for d in dims}
    overall_raw = sum(dimension_raw.values(), Decimal(0)) / len(dims)
    return IndexResult(
        components={c: two_decimals(v) for c, v in component_raw.items()},
        dimensions={d: two_decimals(v) for d, v in dimension_raw.items()},
        overall=two_decimals(overall_raw),
    )


def competition_ranks(values: Mapping[str, Decimal | float]) -> dict[str, int]:
    """Rank 1 for the highest value; equal values share a rank and the next rank is skipped
    ("1, 2, 2, 4"), the way rankings are announced."""
    ordered = sorted(values.items(), key=lambda item: (-item[1], item[0]))
    ranks: dict[str, int] = {}
    previous = None
    for position, (key, value) in enumerate(ordered, start=1):
        if value != previous:
            rank = position
            previous = value
        ranks[key] = rank
    return ranks
