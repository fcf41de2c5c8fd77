"""The completion awards as a list: sorted by its columns, the sort kept by the filters and the
pages, and downloaded as filtered with every finisher and no masterplan that is not public."""

import io
from collections.abc import Callable

import pytest
from django.test import Client
from openpyxl import load_workbook

from accounts.models import User
from evaluation import views
from evaluation.tests.test_completion import finished
from kotacerdas.tests.downloads import csv_rows
from selection.models import SelectionRound

pytestmark = pytest.mark.django_db
Login = Callable[[User], Client]
URL = "/evaluasi/penyelesaian/"


@pytest.fixture
def finishers(cohort: SelectionRound) -> None:
    """Four finishers (two of the 2017 cohort), one of them demo data and one without its
    date; a masterplan still in draft and one submitted for review, not finished."""
    finished("32.73", "approved", "2018-03-14", cohort=cohort)  # Kota Bandung
    finished("73.71", "enacted", "2018-01-09", cohort=cohort)  # Kota Makassar
    finished("35.78", "approved", "2019-02-01", is_demo=True)  # Kota Surabaya
    finished("32.75", "approved", None)  # Kota Bekasi, entered without its history
    finished("33.72", "draft", None)  # Kota Surakarta
    finished("32.77", "submitted", None)  # Kota Cimahi


def regions(client: Client, url: str) -> list[str]:
    return [c.region.name for c in client.get(url).context["page"]]


def test_the_list_sorts_by_region_both_ways(finishers: None, client: Client) -> None:
    ascending = regions(client, URL + "?urut=region")
    assert ascending == ["Kota Bandung", "Kota Bekasi", "Kota Makassar", "Kota Surabaya"]
    descending = client.get(URL + "?urut=-region")
    assert [c.region.name for c in descending.context["page"]] == ascending[::-1]
    assert 'aria-sort="descending"' in descending.content.decode()


def test_the_list_sorts_by_cohort_and_by_day_both_ways_the_unknown_last(
    finishers: None, client: Client
) -> None:
    assert regions(client, URL + "?urut=cohort")[2:] == ["Kota Surabaya", "Kota Bekasi"]
    assert regions(client, URL + "?urut=-cohort")[2:] == ["Kota Surabaya", "Kota Bekasi"]
    assert regions(client, URL + "?urut=completed_on") == [
        "Kota Makassar",
        "Kota Bandung",
        "Kota Surabaya",
        "Kota Bekasi",
    ]
    assert regions(client, URL + "?urut=-completed_on") == [
        "Kota Surabaya",
        "Kota Bandung",
        "Kota Makassar",
        "Kota Bekasi",
    ]


def test_the_list_sorts_by_masterplan_title_both_ways(finishers: None, client: Client) -> None:
    titles = [c.masterplan.title for c in client.get(URL + "?urut=masterplan").context["page"]]
    assert len(titles) == 4 and titles == sorted(titles)
    descending = client.get(URL + "?urut=-masterplan").context["page"]
    assert [c.masterplan.title for c in descending] == titles[::-1]


def test_the_filters_and_the_pages_keep_the_sort(
    finishers: None, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    page = client.get(URL + "?cohort=2017&urut=-region")
    html = page.content.decode()
    assert '<input type="hidden" name="urut" value="-region">' in html
    assert "?cohort=2017&amp;urut=-region&amp;page=2" in html
    second = regions(client, URL + "?cohort=2017&urut=-region&page=2")
    assert second == ["Kota Bandung"]


def test_the_download_holds_every_filtered_finisher_and_nothing_unfinished(
    finishers: None, client: Client, officer: User, login: Login, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    rows = csv_rows(client, URL + "?urut=region&unduh=csv")
    assert rows[0] == [
        "Wilayah",
        "Provinsi",
        "Angkatan",
        "Masterplan",
        "Data demo",
        "Selesai pada",
        "Piagam",
    ]
    assert [(r[0], r[1], r[2], r[4], r[5]) for r in rows[1:]] == [
        ("Kota Bandung", "Jawa Barat", "2017", "tidak", "2018-03-14"),
        ("Kota Bekasi", "Jawa Barat", "", "tidak", ""),
        ("Kota Makassar", "Sulawesi Selatan", "2017", "tidak", "2018-01-09"),
        ("Kota Surabaya", "Jawa Timur", "", "ya", "2019-02-01"),
    ]
    assert rows[1][6].endswith("/evaluasi/penyelesaian/32.73/sertifikat.pdf")
    # A national officer reads drafts elsewhere; this list still holds only the finishers.
    staff = csv_rows(login(officer), URL + "?unduh=csv")
    assert sorted(r[0] for r in staff[1:]) == [r[0] for r in rows[1:]]
    filtered = csv_rows(client, URL + "?province=32&urut=-region&unduh=csv")
    assert [r[0] for r in filtered[1:]] == ["Kota Bekasi", "Kota Bandung"]
    book = load_workbook(io.BytesIO(client.get(URL + "?province=32&unduh=xlsx").content)).active
    assert book is not None and book.max_row == 1 + 2
