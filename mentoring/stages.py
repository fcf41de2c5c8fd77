"""Where each region of a cohort stands at each bimtek stage: done, held, scheduled, late or not
scheduled, as plain date arithmetic (no Django), so the cohort's matrix can be checked by hand."""

from datetime import date, timedelta
from enum import StrEnum

# Minutes are due within two weeks of a stage's last day.
MINUTES_DUE_WITHIN = timedelta(days=14)


class CellState(StrEnum):
    DONE = "done"  # held, minutes uploaded
    HELD = "held"  # held; minutes not (yet) uploaded
    SCHEDULED = "scheduled"  # dates set, not over yet
    LATE = "late"  # minutes overdue, or the stage's window passed unscheduled
    NOT_SCHEDULED = "not_scheduled"


def cell_state(
    *,
    today: date,
    session_end: date | None,
    has_minutes: bool,
    window_end: date | None,
    attended: bool,
) -> CellState:
    """The state of one region at one stage. ``session_end``: the last day of the region's own
    session (None: none scheduled); ``window_end``: the last day of the cohort's window for the
    stage (None: no window set); ``attended``: the region's attendance is recorded as present."""
    if session_end is not None:
        if has_minutes:
            return CellState.DONE
        if session_end >= today:
            return CellState.SCHEDULED
        if today - session_end <= MINUTES_DUE_WITHIN:
            return CellState.HELD
        return CellState.LATE
    if attended:
        return CellState.HELD
    if window_end is not None and window_end < today:
        return CellState.LATE
    return CellState.NOT_SCHEDULED
