"""A program's implementation stages as date rules, without Django: their order, the transitions
that cannot happen, the stage a program is at, how each stage stands against its plan, and
which stages were due and reached on time in a stretch of days (for the delivery ranking).

Stages go forward, possibly skipping some (not every program needs a DED or a tender):
planned → DED → tender → contract → build/rollout → operation. "dropped" ends a program at any
stage; after it nothing more is recorded.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

ORDER = ("planned", "ded", "tender", "contract", "build", "operation")
DROPPED = "dropped"
STAGES = (*ORDER, DROPPED)

# A program's stages: stage → (planned date, date reached), either may be None.
Dates = Mapping[str, tuple[date | None, date | None]]


@dataclass(frozen=True)
class Refusal:
    """Why a stage cannot be set as reached on a date.

    ``code``: "future" (a date still to come), "dropped" (the program was dropped on ``on``),
    "backwards" (``stage`` was already reached on ``on``; stages go back only to dropped),
    "before_previous" (the previous stage, ``stage``, was reached later, on ``on``),
    "later_reached" (unsetting a stage that ``stage``, further on, still follows).
    """

    code: str
    stage: str = ""
    on: date | None = None


def current_stage(reached: Mapping[str, date | None]) -> str | None:
    """The stage a program is at: dropped, else the furthest stage reached; None before any."""
    if reached.get(DROPPED):
        return DROPPED
    found = [stage for stage in ORDER if reached.get(stage)]
    return found[-1] if found else None


def refusal(
    reached: Mapping[str, date | None], stage: str, on: date | None, today: date
) -> Refusal | None:
    """Why ``stage`` cannot be set as reached ``on`` (None: not reached yet), given the dates
    the program's stages were reached; None when it can."""
    others = {s: d for s, d in reached.items() if d is not None and s != stage}
    dropped_on = others.get(DROPPED)
    if on is None:
        if stage == DROPPED:
            return None
        later = [s for s in ORDER[ORDER.index(stage) + 1 :] if s in others]
        if later:
            return Refusal("later_reached", later[-1], others[later[-1]])
        if dropped_on is not None:
            return Refusal("dropped", DROPPED, dropped_on)
        return None
    if on > today:
        return Refusal("future")
    if stage == DROPPED:
        earlier = [s for s in ORDER if s in others]
    else:
        if dropped_on is not None:
            return Refusal("dropped", DROPPED, dropped_on)
        position = ORDER.index(stage)
        later = [s for s in ORDER[position + 1 :] if s in others]
        if later:
            return Refusal("backwards", later[-1], others[later[-1]])
        earlier = [s for s in ORDER[:position] if s in others]
    if earlier:
        previous = max(earlier, key=lambda s: (others[s], ORDER.index(s)))
        if on < others[previous]:
            return Refusal("before_previous", previous, others[previous])
    return None


def standing(stage: str, dates: Dates, today: date) -> str:
    """How ``stage`` stands: "on_time" or "late" (reached by, or after, its planned date),
    "reached" (with no plan), "overdue" (planned date passed, not reached), "upcoming"
    (planned, not yet due), "skipped" (not reached while a later stage was), "not_needed"
    (not reached, the program dropped), "" (neither planned nor reached)."""
    planned, actual = dates.get(stage, (None, None))
    if actual is not None:
        if planned is None or stage == DROPPED:
            return "reached"
        return "late" if actual > planned else "on_time"
    if stage != DROPPED:
        if any(dates.get(s, (None, None))[1] for s in ORDER[ORDER.index(stage) + 1 :]):
            return "skipped"
        if dates.get(DROPPED, (None, None))[1] is not None:
            return "not_needed"
    if planned is None:
        return ""
    return "overdue" if planned < today else "upcoming"


def due_in(dates: Dates, start: date, end: date) -> tuple[int, int]:
    """(stages due, of them reached on time) from ``start`` to ``end``, both included.

    A stage is due when it is planned in that stretch, unless the program was dropped on or
    before its planned date, or the stage was skipped (not reached by ``end`` while a later one
    was). It is on time when it was reached on or before its planned date.
    """
    dropped_on = dates.get(DROPPED, (None, None))[1]
    due = on_time = 0
    for position, stage in enumerate(ORDER):
        planned, actual = dates.get(stage, (None, None))
        if planned is None or not start <= planned <= end:
            continue
        if dropped_on is not None and dropped_on <= planned:
            continue
        reached = actual is not None and actual <= end
        later = (dates.get(s, (None, None))[1] for s in ORDER[position + 1 :])
        if not reached and any(d is not None and d <= end for d in later):
            continue
        due += 1
        if actual is not None and actual <= planned:
            on_time += 1
    return due, on_time
