"""Every list that offers a download and sortable columns keeps its word, generic over the
route table: a list is covered the day its page uses ``kotacerdas.lists``.

- the download (CSV and Excel) holds every row the filters keep, not only the page shown, with
  the page's headings;
- each sortable column sorts both ways: the page answers, the rows are the same ones, and a
  column of numbers comes out in order.
"""

import csv
import html
import io
import re
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kotacerdas import access_matrix as matrix
from kotacerdas.numbers import parse_number
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
    response = client.get(f"{url}{joiner}unduh=csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode().removeprefix("\ufeff"))))


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
