"""Every page of the route table, walked once: a page that shows a figure derived from demo
values says "demo", and no page shows a code, key or command name.

Demo labels: generic over the route table (``kotacerdas.access_matrix.PAGES``) and a few
addresses it does not name (a computed round's page, two rounds compared, the score map): each page
is rendered as an anonymous visitor (where allowed) and as the most capable persona allowed, in
a world whose indicator values are the generated demo values (and a round computed on them) and
whose masterplan is a demo one. Whether a page shows a figure derived from them is found by
changing them: every demo value squared and scaled, the computed round computed again, the demo
masterplan's budget, targets and realisation changed, the caches emptied; a page whose content
changes shows such a figure, and must then carry the demo label (``badge-demo`` or a
``data-demo`` notice). A new page is covered the day it enters the route table.
"""

import re
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.db.models import F
from django.urls import reverse

from kotacerdas import access_matrix as matrix
from kotacerdas.tests.world import client_as, fill
from masterplans.models import BudgetLine, KpiTarget, Masterplan
from masterplans.tests.test_book import pdf_text
from monitoring.models import ProgressReport
from selection.models import IndicatorValue, SelectionRound
from selection.rounds import round_compute

pytestmark = pytest.mark.django_db
# The persona a page is checked as, the most capable first.
CAPABLE = ("officer", "admin", "lead", "editor", "mentor", "assessor", "viewer", "outsider")
VOLATILE = [
    re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"'),
    re.compile(r'name="csrf-token" content="[^"]*"'),
    re.compile(r'nonce="[^"]*"'),
]
LABEL = re.compile(r'badge-demo|data-demo="')


# Pages the route table names with other objects: (URL name, its arguments, query, persona).
EXTRA = [
    ("selection:round", {"pk": "COMPUTED_ROUND"}, "?show=all", "officer"),
    ("selection:round_compare", {}, "?a=PUBLISHED_ROUND&b=COMPUTED_ROUND", "officer"),
    ("portal:dashboard", {}, "?map=score", "officer"),
]


def _cases() -> list[tuple[str, dict[str, str], str, str]]:
    cases = []
    for name, route in matrix.PAGES.items():
        check = next((c for c in route.checks if c.method == "GET"), None)
        if name == "admin:*" or check is None:
            continue
        if "anonymous" in check.allowed:
            cases.append((name, route.kwargs, "", "anonymous"))
        persona = next((p for p in CAPABLE if p in check.allowed), None)
        if persona is not None:
            cases.append((name, route.kwargs, "", persona))
    return cases + EXTRA


@pytest.fixture(scope="module")
def demo_world(world, django_db_blocker) -> Any:  # type: ignore[no-untyped-def]
    """The route table's world with the demo indicator values and its computed round computed
    on them (rolled back with the world)."""
    with django_db_blocker.unblock():
        call_command("load_selection_data", verbosity=0)
        computed = SelectionRound.objects.get(pk=fill("COMPUTED_ROUND", world))
        computed.sensitivity_draws = 0  # the chances are not what this looks at
        round_compute(selection_round=computed)
        Masterplan.objects.filter(pk=fill("OWN_MASTERPLAN", world)).update(is_demo=True)
    return world


def _change_demo_figures() -> None:
    # Not affine: a min-max normalisation would cancel a scale and a shift.
    IndicatorValue.objects.filter(source="demo").update(
        value=F("value") * F("value") * 1.37 + 0.113
    )
    for computed in SelectionRound.objects.filter(status="computed"):
        if computed.weights:
            round_compute(selection_round=computed)
    demo = Masterplan.objects.filter(is_demo=True)
    BudgetLine.objects.filter(program__masterplan__in=demo).update(amount=F("amount") * 3 + 7)
    KpiTarget.objects.filter(kpi__program__masterplan__in=demo).update(value=F("value") * 3 + 7)
    ProgressReport.objects.filter(program__masterplan__in=demo).update(
        budget_realised=F("budget_realised") * 3 + 7_000_000
    )


def _page(client: Any, url: str) -> str | None:
    cache.clear()
    response = client.get(url)
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return None
    text = response.content.decode()
    for pattern in VOLATILE:
        text = pattern.sub("", text)
    return text


def _url(name: str, kwargs: dict[str, str], query: str, filled: dict[str, Any], world: Any) -> str:
    """The address, each placeholder made once for the whole walk (all pages are rendered in
    one transaction, so an object made for one is there for the next)."""

    def value(placeholder: str) -> Any:
        if placeholder not in filled:
            filled[placeholder] = fill(placeholder, world)
        return filled[placeholder]

    for placeholder in re.findall(r"[A-Z_]{4,}", query):
        query = query.replace(placeholder, str(value(placeholder)))
    return reverse(name, kwargs={k: value(v) for k, v in kwargs.items()}) + query


def test_every_page_showing_figures_from_demo_values_says_demo(  # type: ignore[no-untyped-def]
    demo_world, signed_in
) -> None:
    filled: dict[str, Any] = {}
    cases = [(persona, _url(n, k, q, filled, demo_world)) for n, k, q, persona in _cases()]
    shown = {case: _page(client_as(case[0], signed_in), case[1]) for case in cases}
    with transaction.atomic():
        _change_demo_figures()
        changed = {case: _page(client_as(case[0], signed_in), case[1]) for case in cases}
        transaction.set_rollback(True)
    cache.clear()

    depends = [case for case in cases if shown[case] is not None and changed[case] != shown[case]]
    unlabelled = [
        f"{url} as {persona}" for persona, url in depends if not LABEL.search(shown[(persona, url)])
    ]  # type: ignore[arg-type]
    assert not unlabelled, "figures from demo values without the demo label:\n" + "\n".join(
        unlabelled
    )
    # The check sees what it looks for: the region page (similar regions, indicators), the
    # masterplan, a program's budget and the computed round's scores depend on demo values.
    assert len(depends) >= 6, depends


HIDDEN_TEXT = re.compile(r"<(script|style|code|template)\b.*?</\1>", re.S | re.I)
TAG = re.compile(r"<[^>]+>")
SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
INTERNAL = re.compile(r"manage\.py|\bNone\b|\bTrue\b|\bFalse\b|Decimal\(|\bpk\b")


def visible_text(html: str) -> str:
    return TAG.sub(" ", HIDDEN_TEXT.sub(" ", html))


def test_no_page_shows_a_code_key_or_command_name(demo_world, signed_in) -> None:  # type: ignore[no-untyped-def]
    """The visible text holds no snake_case token and no internal word, on the pages and in
    the PDF documents of the route table (letters, certificates, the MoU, the notice). Codes
    people type on purpose (the import template's columns) are shown as ``<code>`` and are not
    read."""
    filled: dict[str, Any] = {}
    found: list[str] = []
    pdfs: list[str] = []
    for name, kwargs, query, persona in _cases():
        url = _url(name, kwargs, query, filled, demo_world)
        response = client_as(persona, signed_in).get(url)
        kind = response.get("Content-Type", "")
        if response.status_code != 200 or not kind.startswith(("text/html", "application/pdf")):
            continue
        if kind.startswith("application/pdf"):
            if response.streaming:  # a file someone uploaded (evidence), not a document of ours
                continue
            text = pdf_text(response.content)
            pdfs.append(url)
        else:
            text = visible_text(response.content.decode())
        words = sorted(set(SNAKE.findall(text)) | set(INTERNAL.findall(text)))
        if words:
            found.append(f"{url} as {persona}: {', '.join(words[:8])}")
    assert not found, "internal words on pages:\n" + "\n".join(found)
    assert len(pdfs) >= 5, pdfs  # the letters, certificates, MoU and notice were read too


DESCRIBED_BY = re.compile(r'aria-describedby="([^"]+)"')
IDS = re.compile(r'\bid="([^"]+)"')


def test_every_description_a_field_points_at_is_on_its_page(demo_world, signed_in) -> None:  # type: ignore[no-untyped-def]
    """A field's aria-describedby (Django adds it for a help text) names an element of the
    page: a form that draws its fields by hand must draw their help text too."""
    filled: dict[str, Any] = {}
    found = []
    for name, kwargs, query, persona in _cases():
        url = _url(name, kwargs, query, filled, demo_world)
        response = client_as(persona, signed_in).get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        ids = set(IDS.findall(html))
        missing = {
            ref for refs in DESCRIBED_BY.findall(html) for ref in refs.split() if ref not in ids
        }
        if missing:
            found.append(f"{url} as {persona}: {', '.join(sorted(missing)[:6])}")
    assert not found, "descriptions that are not on the page:\n" + "\n".join(found)
