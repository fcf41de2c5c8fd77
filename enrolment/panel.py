"""The interview panel's result, as plain arithmetic (no Django): each assessor's sheet gives a
total out of 100, the weighted mean of the criteria's scores as shares of their highest score;
the panel's result is the mean of the complete sheets' totals. Because both steps are linear,
the result is also the sum of each criterion's contribution (its weight's share times the
panel's mean score on it as a share of its highest score), which is how it is explained.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class SheetCriterion:
    key: str
    name: str
    weight: int
    max_score: int


@dataclass(frozen=True)
class Contribution:
    criterion: SheetCriterion
    mean_score: Decimal
    points: Decimal


@dataclass(frozen=True)
class PanelResult:
    score: Decimal | None  # out of 100, unrounded; None without a complete sheet
    sheets: int  # complete sheets counted
    panel_size: int
    contributions: list[Contribution]

    @property
    def complete(self) -> bool:
        return self.panel_size > 0 and self.sheets >= self.panel_size

    @property
    def rounded(self) -> Decimal | None:
        """Two decimals, half up (as the pages' floatformat shows it)."""
        return None if self.score is None else self.score.quantize(CENT, ROUND_HALF_UP)

    @property
    def display(self) -> str:
        return "" if self.rounded is None else str(self.rounded)


def _complete(
    criteria: Sequence[SheetCriterion], scores: Mapping[str, Decimal | None]
) -> dict[str, Decimal] | None:
    found = {c.key: scores.get(c.key) for c in criteria}
    if not criteria or any(v is None for v in found.values()):
        return None
    return {k: v for k, v in found.items() if v is not None}


def sheet_total(
    criteria: Sequence[SheetCriterion], scores: Mapping[str, Decimal | None]
) -> Decimal | None:
    """One sheet's total out of 100, or None while a criterion is unscored."""
    complete = _complete(criteria, scores)
    if complete is None:
        return None
    weights = sum(c.weight for c in criteria)
    points = sum(
        (Decimal(c.weight) * complete[c.key] / Decimal(c.max_score) for c in criteria),
        Decimal(0),
    )
    return points * HUNDRED / Decimal(weights)


def panel_result(
    criteria: Sequence[SheetCriterion],
    sheets: Sequence[Mapping[str, Decimal | None]],
    panel_size: int,
) -> PanelResult:
    complete = [c for c in (_complete(criteria, s) for s in sheets) if c is not None]
    if not complete:
        return PanelResult(None, 0, panel_size, [])
    n = Decimal(len(complete))
    weights = Decimal(sum(c.weight for c in criteria))
    contributions = []
    for c in criteria:
        mean = sum((s[c.key] for s in complete), Decimal(0)) / n
        contributions.append(
            Contribution(c, mean, Decimal(c.weight) / weights * mean / c.max_score * HUNDRED)
        )
    totals = [sheet_total(criteria, s) or Decimal(0) for s in complete]
    score = sum(totals, Decimal(0)) / n
    return PanelResult(score, len(complete), panel_size, contributions)
