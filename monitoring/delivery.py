"""The national ranking of regions by delivery, as plain arithmetic without Django.

A ranking is made for one quarter, the period ("2027-Q2"). Each region with programs of an
approved or enacted masterplan running that year is measured over the year so far, from
1 January to the end of the period's quarter, on three parts, each a share from 0 to 1:

- stages on time: implementation stages reached by their planned date / stages due (planned in
  that stretch; not those of a program dropped before, nor stages skipped);
- realisation vs plan: budget realised in the quarters so far / budget planned for them, at
  most 1. The masterplan plans budgets per year (budget lines): a quarter counts a quarter of
  its year's plan, rounded to the rupiah;
- report punctuality: quarterly reports filed by their due date (the quarter's end plus the
  grace days of ``monitoring.progress``) / reports due, one per program and quarter.

The score is 100 × Σ weight × part / Σ weight, over the parts the region had something due in:
a part with nothing due is left out, not counted as 0 or 1, so a region is neither punished nor
rewarded for what it did not owe. It is rounded half up to two decimals. The highest score
ranks first; equal scores share a rank and the next rank is skipped (1, 2, 2, 4), and regions
that share a rank are listed by code. A region with nothing due in any part is not ranked.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from evaluation.index import competition_ranks, two_decimals

# Changed whenever the arithmetic changes; each stored ranking keeps the version it was made
# with.
METHOD_VERSION = 1
WEIGHTS: dict[str, int] = {"on_time": 40, "realisation": 30, "punctuality": 30}
PARTS = tuple(WEIGHTS)

PERIOD = re.compile(r"^(\d{4})-Q([1-4])$")


def parse_period(period: str) -> tuple[int, int] | None:
    """("2027-Q2") → (2027, 2); None for anything else."""
    found = PERIOD.match(period)
    return (int(found.group(1)), int(found.group(2))) if found else None


def period_key(year: int, quarter: int) -> str:
    return f"{year}-Q{quarter}"


def planned_so_far(yearly: int, quarter: int) -> int:
    """The part of a year's planned budget that falls in its first ``quarter`` quarters,
    rounded half up to the rupiah."""
    return (yearly * quarter + 2) // 4


@dataclass(frozen=True)
class Facts:
    """What one region owed and did in the stretch of a period."""

    region: str  # its code
    stages_due: int = 0
    stages_on_time: int = 0
    planned: int = 0  # rupiah
    realised: int = 0
    reports_due: int = 0
    reports_on_time: int = 0


@dataclass(frozen=True)
class Placed:
    facts: Facts
    parts: dict[str, Decimal | None]
    score: Decimal
    rank: int


def parts_of(facts: Facts) -> dict[str, Decimal | None]:
    """Each part as an exact share, None where nothing of it was due."""

    def share(done: int, due: int) -> Decimal | None:
        return Decimal(done) / Decimal(due) if due > 0 else None

    realisation = share(facts.realised, facts.planned)
    return {
        "on_time": share(facts.stages_on_time, facts.stages_due),
        "realisation": None if realisation is None else min(realisation, Decimal(1)),
        "punctuality": share(facts.reports_on_time, facts.reports_due),
    }


def score_of(parts: Mapping[str, Decimal | None], weights: Mapping[str, int]) -> Decimal | None:
    """0-100, two decimals; None when no part had anything due."""
    present = {name: value for name, value in parts.items() if value is not None}
    total = sum(weights[name] for name in present)
    if not total:
        return None
    weighted = sum((weights[name] * value for name, value in present.items()), Decimal(0))
    return two_decimals(100 * weighted / total)


def rank(facts: Iterable[Facts], weights: Mapping[str, int] = WEIGHTS) -> list[Placed]:
    """The regions that had something due, best first (ties by code)."""
    scored = []
    for item in facts:
        parts = parts_of(item)
        score = score_of(parts, weights)
        if score is not None:
            scored.append((item, parts, score))
    ranks = competition_ranks({item.region: score for item, _parts, score in scored})
    placed = [Placed(item, parts, score, ranks[item.region]) for item, parts, score in scored]
    return sorted(placed, key=lambda p: (p.rank, p.facts.region))
