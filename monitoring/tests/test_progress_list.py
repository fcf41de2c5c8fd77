"""A masterplan's progress page as a list: its programs sorted by their columns and downloaded
as filtered, for whoever may read the masterplan only."""

import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from accounts.models import User
from kotacerdas.tests.downloads import csv_rows
from masterplans.models import Masterplan
from masterplans.tests.factories import make_masterplan, make_program
from monitoring import views
from monitoring.models import ProgressReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved() -> Masterplan:
    """Kota Bekasi's approved masterplan: six quick wins (one a dimension) and GOV-02, each
    program's 2027 report on track at its percent, ECO-01 delayed, LIV-01 without a report."""
    masterplan = make_masterplan("32.75", status="approved")
    make_program(masterplan, "governance", 2)
    percents = {"GOV-01": 80, "GOV-02": 10, "BRA-01": 40, "ECO-01": 20, "SOC-01": 60, "ENV-01": 30}
    for code, percent in percents.items():
        ProgressReport.objects.create(
            program=masterplan.programs.get(code=code),
            year=2027,
            quarter=2,
            status="delayed" if code == "ECO-01" else "on_track",
            percent_entered=percent,
            budget_realised=percent * 1_000_000,
        )
    return masterplan


def progress_url(masterplan: Masterplan, query: str = "") -> str:
    return f"/pemantauan/masterplan/{masterplan.pk}/?year=2027{query}"


def test_the_programs_sort_by_percent_complete_both_ways_with_no_report_last(
    approved: Masterplan, client: Client
) -> None:
    ascending = client.get(progress_url(approved, "&urut=year_percent"))
    assert [r["year_percent"] for r in ascending.context["page"]] == [10, 20, 30, 40, 60, 80, None]
    descending = client.get(progress_url(approved, "&urut=-year_percent"))
    assert [r["year_percent"] for r in descending.context["page"]] == [80, 60, 40, 30, 20, 10, None]
    html = descending.content.decode()
    assert 'aria-sort="descending"' in html and "% selesai 2027" in html
    assert '<input type="hidden" name="urut" value="-year_percent">' in html


def test_the_pages_keep_the_year_the_filters_and_the_sort(
    approved: Masterplan, client: Client, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    url = progress_url(approved, "&status=on_track&urut=-realised")
    first = client.get(url)
    assert "?year=2027&amp;status=on_track&amp;urut=-realised&amp;page=2" in first.content.decode()
    pages = [client.get(f"{url}&page={n}").context["page"] for n in (1, 2, 3)]
    codes = [r["program"].code for page in pages for r in page]
    assert codes == ["GOV-01", "SOC-01", "BRA-01", "ENV-01", "GOV-02"]


def test_the_download_holds_every_filtered_program_with_the_pages_headings(
    approved: Masterplan, client: Client, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    url = progress_url(approved, "&status=on_track&urut=program")
    rows = csv_rows(client, url + "&unduh=csv")
    assert rows[0] == [
        "Program",
        "Dimensi",
        "OPD",
        "Quick win",
        "Laporan terakhir",
        "Triwulan",
        "Tahap",
        "% selesai 2027",
        "Terealisasi, % dari rencana 2027",
        "Rencana 2027",
        "Realisasi 2027",
    ]
    assert [r[0] for r in rows[1:]] == [
        "BRA-01 Program branding 1",
        "ENV-01 Program environment 1",
        "GOV-01 Program governance 1",
        "GOV-02 Program governance 2",
        "SOC-01 Program society 1",
    ]
    assert rows[3][3:10] == ["ya", "sesuai rencana", "T2 2027", "", "80", "16", "500000000"]
    book = load_workbook(io.BytesIO(client.get(url + "&unduh=xlsx").content)).active
    assert book is not None and book.max_row == len(rows)


def test_a_draft_s_progress_is_downloaded_by_none_who_may_not_read_it(
    client: Client, outsider: User, owner: User, login
) -> None:  # type: ignore[no-untyped-def]
    draft = make_masterplan()
    url = progress_url(draft, "&unduh=csv")
    assert client.get(url).status_code == 404
    assert login(outsider).get(url).status_code == 404
    assert len(csv_rows(login(owner), url)) == 1 + 6
