"""Workshops and their attendance moved from the masterplans app to this one: every row, and
the history that points at it, comes along (mentoring/migrations, masterplans 0008).

Checked once by hand on a database filled by `make run`'s loaders at the commit before the
move (4 workshops, 100 attendance rows, 104 history events: identical afterwards); this test
does the same on the suite's database, SQLite or PostgreSQL."""

from datetime import date
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from audit.models import AuditEvent
from mentoring.models import Workshop, WorkshopAttendance

BEFORE = [("masterplans", "0007_invariants"), ("mentoring", None)]


def _migrate(targets: list[tuple[str, str | None]]) -> Any:
    """Migrate to ``targets``; the project's state there (what the models were)."""
    return MigrationExecutor(connection).migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_moving_the_workshops_keeps_every_row_and_the_history_of_each(registry_committed) -> None:  # type: ignore[no-untyped-def]
    call_command("load_history", verbosity=0)
    # Apps whose later migrations build on masterplans after the move are taken back too:
    # the state the migration leaves is the one to write the old rows in.
    old = _migrate(BEFORE).apps
    old_workshop = old.get_model("masterplans", "Workshop")
    cohort_id = old.get_model("selection", "SelectionRound").objects.get(year=2017).pk
    bandung = old.get_model("regions", "Region").objects.get(code="32.73")
    workshop = old_workshop.objects.create(
        cohort_id=cohort_id, number=2, start_date=date(2017, 7, 18), end_date=date(2017, 7, 20),
        place="Bandung", outputs="Peta program",
    )  # fmt: skip
    old.get_model("masterplans", "WorkshopAttendance").objects.create(
        workshop=workshop, region=bandung, present=True, attendees=2, names="Ani\nBudi"
    )
    content_type = old.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="masterplans", model="workshop"
    )[0]
    old.get_model("audit", "AuditEvent").objects.create(
        action="create", content_type=content_type, object_id=str(workshop.pk), object_label="x"
    )

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    moved = Workshop.objects.get(pk=workshop.pk)
    assert (moved.cohort_id, moved.number, moved.place, moved.outputs) == (
        cohort_id, 2, "Bandung", "Peta program",
    )  # fmt: skip
    attendance = WorkshopAttendance.objects.get(workshop=moved)
    assert (attendance.region.code, attendance.attendees, attendance.names) == (
        "32.73", 2, "Ani\nBudi",
    )  # fmt: skip
    assert [event.object_label for event in AuditEvent.objects.for_object(moved)] == ["x"]
