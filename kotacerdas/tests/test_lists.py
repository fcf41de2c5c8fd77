"""Every list that offers a download and sortable columns keeps its word, generic over the
route table: a list is covered the day its page uses ``kotacerdas.lists``.

- the download (CSV and Excel) holds every row the filters keep, not only the page shown, with
  the page's headings;
- each sortable column sorts both ways: the page answers, the rows are the same ones, and a
  column of numbers comes out in order.
"""

import html
import io
import re
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kotacerdas import access_matrix as matrix
from kotacerdas.numbers import parse_number
from kotacerdas.tests.downloads import csv_rows
from kotacerdas.tests.world import client_as, fill

pytestmark = pytest.mark.django_db
CAPABLE = ("admin", "officer", "lead", "editor", "mentor", "assessor", "viewer", "anonymous")
SORT_LINK = re.compile(r'<a href="([^"]+)" class="sort" data-sort="([^"]+)"')
NUMBER_HEADING = re.compile(
    r'<th scope="col" class="num"[^>]*>\s*<a href="[^"]+" class="sort" data-sort="([^"]+)"'
)


def _lists(world: Any, signed_in: Any) -> list[tuple[str, str, str]]:
    """(route, url, persona) of every page that offers its list as a download."""
    found = []
    for name, route in matrix.PAGES.items():
        check = next((c for c in route.checks if c.method == "GET"), None)
        if name == "admin:*" or check is None:
            continue
        persona = next((p for p in CAPABLE if p in check.allowed), None)
        if persona is None:
            continue
        url = reverse(name, kwargs={k: fill(v, world) for k, v in route.kwargs.items()})
        page = client_as(persona, signed_in).get(url)
        if page.status_code != 200 or not page.get("Content-Type", "").startswith("text/html"):
            continue
        if 'data-testid="export"' in page.content.decode():
            found.append((name, url, persona))
    return found


def _csv(client: Any, url: str) -> list[list[str]]:
    joiner = "&" if "?" in url else "?"
    return csv_rows(client, f"{url}{joiner}unduh=csv")


def test_the_lists_with_downloads_are_found(world, signed_in) -> None:  # type: ignore[no-untyped-def]
    names = {name for name, _url, _persona in _lists(world, signed_in)}
    assert {"regions:list", "masterplans:list", "selection:rounds"} <= names


def test_a_download_holds_every_filtered_row_with_the_pages_headings(world, signed_in) -> None:  # type: ignore[no-untyped-def]
    for name, url, persona in _lists(world, signed_in):
        client = client_as(persona, signed_in)
        page = client.get(url)
        total = page.context["page"].paginator.count
        rows = _csv(client, url)
        body = page.content.decode()
        headings = [_heading(body, key) for key in re.findall(r'data-sort="([^"]+)"', body)]
        for heading in headings:
            assert heading.lower() in [h.lower() for h in rows[0]], f"{name}: {heading!r} missing"
        assert len(rows) - 1 == total, f"{name}: {len(rows) - 1} rows downloaded, {total} listed"
        joiner = "&" if "?" in url else "?"
        book = client.get(f"{url}{joiner}unduh=xlsx")
        sheet = load_workbook(io.BytesIO(book.content)).active
        assert sheet is not None and sheet.max_row == total + 1, name
        assert [c.value for c in sheet[1]] == rows[0], name


def test_a_filtered_download_holds_only_the_filtered_rows(world, signed_in) -> None:  # type: ignore[no-untyped-def]
    client = client_as("anonymous", signed_in)
    rows = _csv(client, "/wilayah/?province=32")
    assert len(rows) - 1 == client.get("/wilayah/?province=32").context["page"].paginator.count
    assert {row[2] for row in rows[1:]} == {"Jawa Barat"}


def test_each_sortable_column_sorts_both_ways_and_keeps_the_rows(world, signed_in) -> None:  # type: ignore[no-untyped-def]
    for name, url, persona in _lists(world, signed_in):
        client = client_as(persona, signed_in)
        body = client.get(url).content.decode()
        base = sorted(map(tuple, _csv(client, url)[1:]))
        numeric = set(NUMBER_HEADING.findall(body))
        headings = _csv(client, url)[0]
        for href, key in SORT_LINK.findall(body):
            href = html.unescape(href)
            for direction in (key, f"-{key}"):
                sorted_url = url.split("?")[0] + re.sub(r"urut=[^&]*", f"urut={direction}", href)
                assert client.get(sorted_url).status_code == 200, (name, direction)
                rows = _csv(client, sorted_url)
                assert sorted(map(tuple, rows[1:])) == base, (
                    f"{name}: sorting by {direction} changed the rows"
                )
                if key in numeric:
                    wanted = _heading(body, key).lower()
                    column = next(i for i, h in enumerate(headings) if h.lower() == wanted)
                    values = [parse_number(r[column]) for r in rows[1:] if r[column] != ""]
                    ordered = sorted(values, reverse=direction.startswith("-"))
                    assert values == ordered, f"{name}: {direction} not in order"


def _heading(body: str, key: str) -> str:
    """The heading of a sortable column as the page writes it (a short one's full title)."""
    found = re.search(rf'data-sort="{re.escape(key)}">(.*?)<span aria-hidden', body)
    assert found is not None
    inner = found.group(1)
    title = re.search(r'title="([^"]+)"', inner)
    return html.unescape(title.group(1) if title else inner).strip()


# The notifications (inbox:home): a feed filtered by state and kind, with no column to sort
# (inbox/views.py says why). Its persona holds some, so that the tests above cover it.
@pytest.fixture(autouse=True)
def _notifications(db: Any, world: Any) -> None:
    from inbox.models import Kind
    from inbox.services import mark_read, notify

    admin = world["admin"]
    params = {"who": "officer", "role": "mentor", "region": "Kota Bandung"}
    notify([admin], Kind.ASSIGNED, "/wilayah/32.73/", params=params)
    (read,) = notify([admin], Kind.OTHER, "/", text="Sudah dibaca")
    mark_read(user=admin, pk=read.pk)
    notify([admin], Kind.OTHER, "/", text="Belum dibaca")


def test_the_notifications_are_found_and_download_as_filtered(world, signed_in) -> None:  # type: ignore[no-untyped-def]
    assert "inbox:home" in {name for name, _url, _persona in _lists(world, signed_in)}
    rows = _csv(client_as("admin", signed_in), "/untuk-anda/?state=unread&kind=other")
    assert [row[2] for row in rows[1:]] == ["Belum dibaca"]


# The moderation queue (participation:moderation) holds a resident's confirmed comment, and the
# draft round's bimtek per region (mentoring:workshops) a region present at its bimtek I, so
# that the tests above cover them; a masterplan's progress (monitoring:masterplan) lists the
# world's programs.
@pytest.fixture(autouse=True)
def _moderation_and_bimtek(db: Any, world: Any) -> None:
    from datetime import date

    from mentoring.models import Workshop, WorkshopAttendance
    from regions.models import Region

    fill("OWN_PUBLIC_COMMENT", world)
    workshop = Workshop.objects.create(
        cohort_id=fill("DRAFT_ROUND", world),
        number=1,
        start_date=date(2026, 6, 2),
        end_date=date(2026, 6, 4),
        place="Jakarta",
    )
    WorkshopAttendance.objects.create(
        workshop=workshop, region=Region.objects.get(code="32.73"), attendees=3
    )


def test_the_moderation_queue_the_bimtek_and_the_progress_are_found(world, signed_in) -> None:  # type: ignore[no-untyped-def]
    names = {name for name, _url, _persona in _lists(world, signed_in)}
    assert {"participation:moderation", "mentoring:workshops", "monitoring:masterplan"} <= names


# The completion awards (evaluation:completions) hold Kota Cimahi's approved masterplan (not
# COMPLETED_REGION's: the route table makes that one, once, when it reaches the certificate);
# the 2017 cohort's mentors and assessors (mentoring:assignments) list its regions as they are.
@pytest.fixture(autouse=True)
def _completion(db: Any) -> None:
    from masterplans.tests.factories import make_masterplan
    from masterplans.workflow import masterplan_version_record

    completed = make_masterplan("32.77", status="approved")
    masterplan_version_record(masterplan=completed, user=None, note="Disetujui")


def test_the_completions_and_the_mentors_are_found(world, signed_in) -> None:  # type: ignore[no-untyped-def]
    names = {name for name, _url, _persona in _lists(world, signed_in)}
    assert {"evaluation:completions", "mentoring:assignments"} <= names
