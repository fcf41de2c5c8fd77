"""Bimtek over the API: workshops with attendance; names only for program staff."""

from datetime import date

import pytest
from django.core.management import call_command
from django.test import Client

from mentoring.models import Workshop
from mentoring.services import AttendanceRow, attendance_save
from selection.models import SelectionRound


@pytest.fixture
def cohort(db, officer, bandung) -> SelectionRound:  # type: ignore[no-untyped-def]
    call_command("load_history", verbosity=0)
    cohort = SelectionRound.objects.get(year=2017)
    workshop = Workshop.objects.create(
        cohort=cohort,
        number=1,
        start_date=date(2017, 6, 13),
        end_date=date(2017, 6, 15),
        place="Jakarta",
    )
    attendance_save(
        workshop=workshop, user=officer, rows=[AttendanceRow(bandung, True, 1, "Budi (Diskominfo)")]
    )
    return cohort


def test_the_public_reads_workshops_and_attendance_without_names(
    client: Client, cohort: SelectionRound
) -> None:
    body = client.get(f"/api/v1/rounds/{cohort.pk}/workshops").json()
    assert [(w["number"], w["place"], w["is_demo"]) for w in body] == [(1, "Jakarta", False)]
    assert body[0]["attendance"] == [
        {"region": "32.73", "present": True, "attendees": 1, "names": None}
    ]


def test_program_staff_read_the_names(cohort: SelectionRound, login, viewer) -> None:  # type: ignore[no-untyped-def]
    body = login(viewer).get(f"/api/v1/rounds/{cohort.pk}/workshops").json()
    assert body[0]["attendance"][0]["names"] == "Budi (Diskominfo)"
