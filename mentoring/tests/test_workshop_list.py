"""Bimtek per region as a list: the cohort's regions sorted by their name or a stage's state,
and downloaded with each stage's dates, place, mentors and attendance as the page shows them."""

import io
from datetime import date
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from accounts.models import Role
from conftest import make_user
from kotacerdas.tests.downloads import csv_rows
from mentoring import views
from mentoring.models import Section, Workshop, WorkshopAttendance
from mentoring.sessions import session_save
from regions.models import Region
from selection.models import SelectionRound

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(workshop: Workshop, bandung: Region, bekasi: Region) -> Workshop:
    """Bimtek I held for Bandung with its mentor in Aula Bappeda; Bekasi's three people
    present at the cohort's."""
    mentor = make_user("mentor.bandung", Role.MENTOR, bandung)
    values = {
        "start_date": date(2017, 6, 20),
        "end_date": date(2017, 6, 21),
        "place": "Aula Bappeda",
        "agenda": "",
        "outputs": "",
        "section": Section.ANALYSIS,
    }
    session_save(workshop=workshop, region=bandung, values=values, mentors=[mentor], base_version=0)
    WorkshopAttendance.objects.create(workshop=workshop, region=bekasi, attendees=3)
    return workshop


def list_url(cohort: SelectionRound, query: str = "") -> str:
    return f"/masterplan/bimtek/{cohort.pk}/{query}"


def test_the_regions_sort_by_name_both_ways(
    cohort: SelectionRound, held: Workshop, client: Client
) -> None:
    ascending = [
        r["region"].name for r in client.get(list_url(cohort, "?urut=region")).context["page"]
    ]
    assert len(ascending) == 25 and ascending == sorted(ascending)
    descending = client.get(list_url(cohort, "?urut=-region"))
    assert [r["region"].name for r in descending.context["page"]] == ascending[::-1]
    assert 'aria-sort="descending"' in descending.content.decode()


def test_the_regions_sort_by_a_stage_s_state_both_ways(
    cohort: SelectionRound, held: Workshop, client: Client
) -> None:
    ascending = [
        str(r["bimtek1"]) for r in client.get(list_url(cohort, "?urut=bimtek1")).context["page"]
    ]
    assert len(set(ascending)) > 1 and ascending == sorted(ascending)
    descending = client.get(list_url(cohort, "?urut=-bimtek1")).context["page"]
    assert [str(r["bimtek1"]) for r in descending] == ascending[::-1]


def test_the_pages_keep_the_sort(
    cohort: SelectionRound, held: Workshop, client: Client, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(views, "PAGE_SIZE", 10)
    first = client.get(list_url(cohort, "?urut=-region"))
    assert "?urut=-region&amp;page=2" in first.content.decode()
    names = [
        r["region"].name
        for n in (1, 2, 3)
        for r in client.get(list_url(cohort, f"?urut=-region&page={n}")).context["page"]
    ]
    assert len(names) == 25 and names == sorted(names, reverse=True)


def test_the_download_holds_every_region_with_the_mentors_for_those_the_page_shows_them(
    cohort: SelectionRound, held: Workshop, client: Client, officer: Any, login, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(views, "PAGE_SIZE", 10)
    rows = csv_rows(login(officer), list_url(cohort, "?urut=region&unduh=csv"))
    assert rows[0][:12] == [
        "Wilayah",
        "Provinsi",
        "Bimtek 1",
        "Bimtek 2",
        "Bimtek 3",
        "Bimtek 4",
        "Bimtek 1: tanggal mulai",
        "Bimtek 1: tanggal selesai",
        "Bimtek 1: tempat",
        "Bimtek 1: pendamping",
        "Bimtek 1: hadir",
        "Bimtek 1: jumlah peserta",
    ]
    assert len(rows) == 1 + 25 and len(rows[0]) == 2 + 4 + 4 * 6
    by_region = {row[0]: row for row in rows[1:]}
    bandung = by_region["Kota Bandung"]
    assert bandung[1] == "Jawa Barat"
    assert bandung[6:10] == ["2017-06-20", "2017-06-21", "Aula Bappeda", "mentor.bandung"]
    assert by_region["Kota Bekasi"][10:12] == ["ya", "3"]
    public = {row[0]: row for row in csv_rows(client, list_url(cohort, "?unduh=csv"))[1:]}
    assert public["Kota Bandung"][6:10] == ["2017-06-20", "2017-06-21", "Aula Bappeda", ""]
    book = load_workbook(io.BytesIO(client.get(list_url(cohort, "?unduh=xlsx")).content)).active
    assert book is not None and book.max_row == 1 + 25


def test_a_draft_cohort_s_list_is_downloaded_by_national_roles_only(
    bandung: Region, client: Client, owner: Any, viewer: Any, login
) -> None:  # type: ignore[no-untyped-def]
    draft = SelectionRound.objects.create(
        name="Putaran uji", year=2026, total=10, indicator_year=2024, weights={"kkd": 1}
    )
    workshop = Workshop.objects.create(
        cohort=draft, number=1, start_date=date(2026, 6, 1), end_date=date(2026, 6, 3), place="X"
    )
    WorkshopAttendance.objects.create(workshop=workshop, region=bandung, attendees=2)
    url = list_url(draft, "?unduh=csv")
    assert client.get(url).status_code == 404
    assert login(owner).get(url).status_code == 404
    assert [row[0] for row in csv_rows(login(viewer), url)[1:]] == ["Kota Bandung"]
