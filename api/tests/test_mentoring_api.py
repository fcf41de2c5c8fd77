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


def test_the_bimtek_matrix_gives_each_region_s_state_at_each_stage(
    client: Client, cohort: SelectionRound, bandung
) -> None:  # type: ignore[no-untyped-def]
    from mentoring.models import Section
    from mentoring.sessions import session_save

    workshop = cohort.workshops.get(number=1)
    session_save(
        workshop=workshop,
        region=bandung,
        values={
            "start_date": date(2017, 6, 20),
            "end_date": date(2017, 6, 21),
            "place": "Aula Bappeda",
            "agenda": "",
            "outputs": "",
            "section": Section.ANALYSIS,
        },
        mentors=[],
        base_version=0,
    )
    body = client.get(f"/api/v1/rounds/{cohort.pk}/bimtek-matrix").json()
    assert len(body) == 25
    rows = {row["region"]: row["stages"] for row in body}
    # Held in June 2017 without minutes: long overdue. Bekasi: bimtek I's window passed.
    assert rows["32.73"][0] | {"mentors": None} == {
        "stage": 1,
        "state": "late",
        "start_date": "2017-06-20",
        "end_date": "2017-06-21",
        "place": "Aula Bappeda",
        "mentors": None,
        "section": "analysis",
        "has_minutes": False,
    }
    assert [cell["state"] for cell in rows["32.75"]] == ["late", *["not_scheduled"] * 3]
