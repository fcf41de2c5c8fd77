"""A guide links a page only for the readers who may open it, as the route table says; the
others read its name and who may open it, and a visitor reaches a page for every signed-in
person through the log-in."""

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Role, User
from conftest import make_user
from guide.guides import GUIDES, PAGE_RULES
from guide.tests.test_guide_pages import TEMPLATES
from kotacerdas import access_matrix as matrix
from regions.models import Region

pytestmark = pytest.mark.django_db
LINKED = re.compile(r"""{% page_link "([\w:-]+)" """)


def guide_body(client: Client, name: str) -> str:
    text = client.get(reverse(f"guide:{name}")).content.decode()
    return text[text.index('class="guide"') : text.index("</main>")]


def as_user(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_a_mentors_guide_has_no_link_to_a_page_that_refuses_a_mentor(bandung: Region) -> None:
    client = as_user(make_user("mentor.baru", Role.MENTOR, bandung))

    national = guide_body(client, "national")

    assert f'href="{reverse("selection:import")}"' not in national
    for guide in GUIDES:
        for link in set(re.findall(r'href="(/[^"]*)"', guide_body(client, guide.name))):
            answer = client.get(link)  # the log-in sends a signed-in reader on: not a refusal
            assert answer.status_code in (200, 302), (guide.name, link)
            assert not answer.get("Location", "").startswith("/akun/masuk/"), (guide.name, link)
    assert (
        'Impor nilai indikator <small class="only-for">'
        "(hanya untuk administrator nasional atau petugas program)</small>"
    ) in national


def test_a_national_admins_guide_links_the_national_pages(officer: User) -> None:
    admin = make_user("admin.nasional", Role.NATIONAL_ADMIN)

    national = guide_body(as_user(admin), "national")

    for name in ("selection:import", "selection:round_new", "evaluation:rubric_new"):
        assert f'href="{reverse(name)}"' in national, name
    assert "only-for" not in national


def test_a_visitor_reads_who_may_open_a_page_and_logs_in_for_their_own(client: Client) -> None:
    national = guide_body(client, "national")

    assert f'href="{reverse("selection:import")}"' not in national
    assert 'href="/akun/masuk/?next=%2Funtuk-anda%2F"' in national
    assert "(hanya untuk administrator nasional atau petugas program)" in national


def test_a_guide_links_a_page_for_exactly_the_readers_the_route_table_lets_in(
    personas: dict[str, User | None],
) -> None:
    """Every persona, every guide, every page it names: linked when the route table lets the
    persona open it (a visitor sent to log in is not let in), else not."""
    checked: set[str] = set()
    for persona, user in personas.items():
        client = as_user(user)
        for guide in GUIDES:
            body = guide_body(client, guide.name)
            source = (TEMPLATES / "id" / f"{guide.name}.html").read_text()
            for name in set(LINKED.findall(source)):
                allowed = _allowed(name)
                linked = f'href="{reverse(name)}"' in body
                assert linked == (persona in allowed), (persona, guide.name, name)
                checked.add(name)
    assert set(PAGE_RULES) <= checked


def _allowed(name: str) -> Any:
    if name not in matrix.PAGES:  # the API's documentation: the route table's API part
        return matrix.EVERYONE
    return next(c for c in matrix.PAGES[name].checks if c.method == "GET").allowed
