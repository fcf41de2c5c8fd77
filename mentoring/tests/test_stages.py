"""The bimtek matrix's states, one date at a time."""

from datetime import date

import pytest

from mentoring.stages import CellState, cell_state

TODAY = date(2026, 6, 20)


@pytest.mark.parametrize(
    ("session_end", "has_minutes", "window_end", "attended", "state"),
    [
        # Minutes uploaded: done, whatever the dates.
        (date(2026, 6, 12), True, date(2026, 6, 30), True, CellState.DONE),
        # The region's session ends today or later: scheduled.
        (date(2026, 6, 20), False, date(2026, 6, 30), False, CellState.SCHEDULED),
        (date(2026, 7, 2), False, date(2026, 6, 30), False, CellState.SCHEDULED),
        # Held 14 days ago (6 Jun), minutes not in: still within the two weeks they are due in.
        (date(2026, 6, 6), False, None, True, CellState.HELD),
        # Held 15 days ago (5 Jun) without minutes: late.
        (date(2026, 6, 5), False, None, True, CellState.LATE),
        # No session of its own; recorded present at the cohort's workshop: held.
        (None, False, date(2026, 5, 1), True, CellState.HELD),
        # No session; the cohort's window for the stage ended yesterday: late.
        (None, False, date(2026, 6, 19), False, CellState.LATE),
        # No session; the window is still open, or none is set: not scheduled.
        (None, False, date(2026, 6, 20), False, CellState.NOT_SCHEDULED),
        (None, False, None, False, CellState.NOT_SCHEDULED),
    ],
)
def test_a_cell_s_state_follows_its_dates_and_minutes(
    session_end: date | None,
    has_minutes: bool,
    window_end: date | None,
    attended: bool,
    state: CellState,
) -> None:
    assert (
        cell_state(
            today=TODAY,
            session_end=session_end,
            has_minutes=has_minutes,
            window_end=window_end,
            attended=attended,
        )
        == state
    )
