"""No page answers 5xx to what a person (or a crawler) can put in its address: every query
parameter its forms and links use, and every path parameter of the route table, given garbage,
huge, negative and other scripts' digits, gets a page or a 400/404, never a server error."""

import re
from html import unescape
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from kotacerdas import access_matrix as matrix
from kotacerdas.tests.html_forms import forms_on
from kotacerdas.tests.world import fill

pytestmark = pytest.mark.django_db

GARBAGE = [
    "x",
    "-1",
    "99999999999999999999999999",
    "\u00b2",  # a superscript two: str.isdigit() says yes, int() says no
    "\u0661\u0662\u0663",  # Arabic-Indic digits: int() reads them
    "2.5",
    "' OR 1=1 --\u202e",
    "a" * 3000,
]
# A download (a PDF or a workbook takes a second to make) is asked the nastiest ones only.
DOWNLOAD_GARBAGE = ["x", "99999999999999999999999999", "\u00b2"]
# Parameters the platform reads that a page may not show in a form or link.
COMMON = ["page", "q", "year", "tahun", "cohort", "a", "b", "status", "sort", "region", "kind"]
HUGE_ID = "99999999999999999999"


def _pages() -> list[str]:
    return sorted(
        name
        for name, route in matrix.PAGES.items()
        if name != "admin:*" and any(c.method == "GET" for c in route.checks)
    )


def _reader(name: str) -> str:
    check = next(c for c in matrix.PAGES[name].checks if c.method == "GET")
    preferred = [p for p in ("editor", "officer", "anonymous") if p in check.allowed]
    return (preferred or sorted(check.allowed))[0]


def _parameters(html: str, path: str) -> set[str]:
    """The query parameters the page's own GET forms and links to itself use."""
    names = set(COMMON)
    for form in forms_on(html):
        if form.method.lower() == "get":
            names |= {c.name for c in form.controls if c.name}
    for href in re.findall(r'href="([^"]*\?[^"]*)"', html):
        url = urlsplit(unescape(href))
        if url.path in ("", path):
            names |= {key for key, _value in parse_qsl(url.query, keep_blank_values=True)}
    return names


@pytest.mark.parametrize("name", _pages())
def test_garbage_in_any_query_parameter_is_never_a_server_error(world, db, name: str) -> None:  # type: ignore[no-untyped-def]
    route = matrix.PAGES[name]
    client = Client(raise_request_exception=False)
    persona = _reader(name)
    if world[persona] is not None:
        client.force_login(world[persona])
    path = reverse(name, kwargs={k: fill(v, world) for k, v in route.kwargs.items()})
    page = client.get(path)
    html = page.content.decode(errors="replace") if "html" in page.get("Content-Type", "") else ""
    names = sorted(_parameters(html, path))
    failures = []
    for value in GARBAGE if html else DOWNLOAD_GARBAGE:
        response = client.get(path, dict.fromkeys(names, value))
        if response.status_code >= 500:
            failures.append((value[:20], response.status_code))
    assert not failures, f"{name} {path} with {names}: {failures}"


def _with_ids() -> list[str]:
    return sorted(
        name
        for name, route in matrix.PAGES.items()
        if name != "admin:*" and route.kwargs and any(c.method == "GET" for c in route.checks)
    )


@pytest.mark.parametrize("name", _with_ids())
def test_a_huge_id_in_the_path_is_not_found_not_a_server_error(world, db, name: str) -> None:  # type: ignore[no-untyped-def]
    route = matrix.PAGES[name]
    client = Client(raise_request_exception=False)
    persona = _reader(name)
    if world[persona] is not None:
        client.force_login(world[persona])
    kwargs = {k: fill(v, world) for k, v in route.kwargs.items()}
    for key, value in kwargs.items():
        if not isinstance(value, int):
            continue
        path = reverse(name, kwargs={**kwargs, key: HUGE_ID})
        response = client.get(path)
        assert response.status_code in (400, 404), (path, response.status_code)
