"""Every page a person may open can be found by following links from the home page.

For each role the crawl starts at the home page, signed in as that role, and follows every
``<a href>`` (and the address of every GET form, submitted as it comes) within the site. A named
route of the route table (``kotacerdas.access_matrix.PAGES``) that the role may GET and that
no followed link reaches fails the test, unless ``EXCEPTIONS`` gives the reason it has no link.

The crawl stands in the route table's world (``kotacerdas.tests.world``), with every object
the table's placeholders name. It opens every link to those objects and samples the rest: a
list of 514 regions is not opened 514 times.
"""

import re
from collections import defaultdict, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import Resolver404, resolve

from evaluation.models import Award, Rubric
from kotacerdas import access_matrix as matrix
from kotacerdas.tests.world import OTHER, OWN, client_as, fill
from masterplans.models import Masterplan
from regions.models import Region
from selection.models import RoundResult, RoundStatus, SelectionRound

pytestmark = pytest.mark.django_db

# The national administrator's pages are the program officer's, and the Django admin's.
ROLES = ("anonymous", "officer", "lead", "editor", "mentor", "assessor")
# Addresses of one route opened at most this many times, except those naming the world's objects.
SAMPLES_PER_ROUTE = 1
# A download is a link's end: its address is not opened (a PDF is typeset on request).
DOWNLOAD = re.compile(r"\.(pdf|xlsx|csv|json|zip)$|/berkas$|/unduh/$|/mou-ditandatangani$")
NOT_CRAWLED = ("/static/", "/media/", "/api/", "/i18n/", "/" + settings.KC_ADMIN_PATH)

EVERY_ROLE = frozenset(ROLES)
SIGNED_IN = EVERY_ROLE - {"anonymous"}
# Pages no link leads to, for the roles given, and why.
EXCEPTIONS: dict[str, tuple[frozenset[str], str]] = {
    "accounts:password_reset_done": (
        EVERY_ROLE,
        "the answer to the posted password-reset form, not a page one goes to",
    ),
    "accounts:password_reset_confirm": (EVERY_ROLE, "the link the password-reset e-mail carries"),
    "accounts:password_reset_complete": (
        EVERY_ROLE,
        "the answer to the posted new-password form (opened from the e-mail's link)",
    ),
    "accounts:unlock": (EVERY_ROLE, "the link the e-mail to unlock an account carries"),
    "participation:confirm": (
        EVERY_ROLE,
        "the link the e-mail to a resident who commented on a consultation carries",
    ),
    "accounts:login": (SIGNED_IN, "signed in, the header offers Log out instead of Log in"),
    "accounts:password_reset": (
        SIGNED_IN,
        "linked from the login page for who cannot sign in; signed in, the account page links "
        "to changing the password",
    ),
    "masterplans:checklist": (
        EVERY_ROLE,
        "a fragment the masterplan editor loads with htmx; opened as a page it redirects to "
        "the masterplan's page at its checklist",
    ),
    "jobs:detail": (
        EVERY_ROLE,
        "where the masterplan's book link (masterplans:download, PDF) leads once it has queued "
        "the typesetting: the crawl does not open downloads",
    ),
    "jobs:file": (EVERY_ROLE, "the typeset book, linked from the job's page (jobs:detail)"),
}


# Links and GET forms as the templates write them (attributes in double quotes).
ANCHOR = re.compile(r'<a\s[^>]*?\bhref="([^"]+)"')
FORM = re.compile(r"<form\s[^>]*>")
ACTION = re.compile(r'\baction="([^"]+)"')
POSTED = re.compile(r'\bmethod="post"', re.I)


def links(url: str, html: str) -> list[str]:
    """The addresses within the site a page links to: ``<a href>`` and the action of every
    GET form."""
    targets = ANCHOR.findall(html)
    for form in FORM.findall(html):
        action = ACTION.search(form)
        if action and not POSTED.search(form):
            targets.append(action.group(1))
    found = []
    for href in targets:
        parts = urlsplit(urljoin("http://testserver" + url, unescape(href)))
        if parts.netloc != "testserver" or parts.path.startswith(NOT_CRAWLED):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def route_name(url: str) -> tuple[str, dict[str, Any]] | None:
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    return match.view_name, match.kwargs


@dataclass
class Crawl:
    reached: dict[str, str] = field(default_factory=dict)  # route name: first address opened
    failed: list[str] = field(default_factory=list)  # addresses answered with a server error


def crawl(client: Client, own: dict[str, set[str]]) -> Crawl:
    """Follow the links from the home page. Every address whose arguments all name the world's
    objects (``own``: the values each argument takes in the route table) is opened; of the
    others, SAMPLES_PER_ROUTE per route."""
    result = Crawl()
    every = set().union(*own.values())
    opened: dict[str, int] = {}
    seen = {"/"}
    queue = deque(["/"])
    while queue:
        url = queue.popleft()
        found = route_name(url)
        if found is None:
            continue
        name, kwargs = found
        if DOWNLOAD.search(urlsplit(url).path):
            result.reached.setdefault(name, url)
            continue
        # Any of the world's objects, whatever the argument is called: a cohort is a round's
        # pk in one address and ``cohort`` in the next (and ids differ per database).
        names_own = bool(kwargs) and all(str(v) in every for v in kwargs.values())
        if opened.get(name, 0) >= SAMPLES_PER_ROUTE and not names_own:
            continue
        opened[name] = opened.get(name, 0) + 1
        response = client.get(url)
        if response.status_code >= 500:
            result.failed.append(url)
        if response.status_code in (301, 302):
            page = f'<a href="{response["Location"]}">'
        elif response.status_code == 200:
            result.reached.setdefault(name, url)
            html = "text/html" in response.get("Content-Type", "")
            page = response.content.decode() if html else ""
        else:
            continue
        for link in links(url, page):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return result


def pages_for(role: str) -> set[str]:
    """The named routes with a GET page the role may open."""
    return {
        name
        for name, route in matrix.PAGES.items()
        if name != "admin:*"
        and any(check.method == "GET" and role in check.allowed for check in route.checks)
    }


@pytest.fixture(scope="module")
def world_media(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One media directory for the files the world stores and the pages that serve them."""
    media = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=media):
        yield media


@pytest.fixture(scope="module")
def own_objects(world_media: Path, world: Any, django_db_blocker: Any) -> dict[str, set[str]]:
    """The route table's world with every object its pages name, so each has a page to find;
    returns the values each argument of an address takes for them (``code``: region codes)."""
    own: dict[str, set[str]] = defaultdict(set)
    made: dict[str, Any] = {}  # each placeholder made once: some make a new object each time
    with django_db_blocker.unblock():
        for route in matrix.PAGES.values():
            for argument, value in route.kwargs.items():
                if value not in made:
                    made[value] = fill(value, world)
                own[argument].add(str(made[value]))
        own["pk"].add(str(_ranking_to_invite_from().pk))
        own["pk"].add(str(_award_of_a_published_evaluation(made["PUBLISHED_YEAR"]).pk))
        # Every masterplan of the world: the approved one of the other region is the one with
        # versions to compare.
        own["pk"].update(str(pk) for pk in Masterplan.objects.values_list("pk", flat=True))
    return own


def _ranking_to_invite_from() -> SelectionRound:
    """A ranking just published: nobody invited yet, the national team's Invite step open."""
    ranking = SelectionRound.objects.create(
        name="Putaran uji undangan",
        year=2026,
        total=1,
        indicator_year=2024,
        weights={"kkd": 1},
        status=RoundStatus.PUBLISHED,
    )
    for rank, code in enumerate((OWN, OTHER), start=1):
        RoundResult.objects.create(
            round=ranking, region=Region.objects.get(code=code), rank=rank, selected=rank == 1
        )
    return ranking


def _award_of_a_published_evaluation(year: int) -> Award:
    """An award given in a published evaluation, whose certificate is then linked."""
    region = Region.objects.get(code=OWN)
    rubric = Rubric.objects.get(year=year)
    return Award.objects.create(rubric=rubric, category="overall", proposed=region, region=region)


@pytest.mark.parametrize("role", ROLES)
def test_every_page_a_role_may_open_is_linked_from_the_home_page(
    own_objects: dict[str, set[str]],
    world_media: Path,
    signed_in: dict[str, tuple[str, str]],
    settings: Any,
    role: str,
) -> None:
    settings.MEDIA_ROOT = world_media
    found = crawl(client_as(role, signed_in), own_objects)

    excepted = {name for name, (roles, _why) in EXCEPTIONS.items() if role in roles}
    unreachable = sorted(pages_for(role) - set(found.reached) - excepted)
    assert not unreachable, f"no link leads {role} to: {unreachable}"
    linked_after_all = sorted(excepted & set(found.reached))
    assert not linked_after_all, f"linked for {role}, no longer exceptions: {linked_after_all}"
    assert not found.failed, f"links that fail with a server error: {found.failed}"
