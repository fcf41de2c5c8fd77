"""The help section: a guide per role, in Indonesian unless English was chosen, each linking
pages that exist; the index points a signed-in person at the guide of their role; every page
links the help from its footer."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils import translation

from accounts.models import Role, User
from conftest import make_user
from guide.guides import GUIDES, LANGUAGES

pytestmark = pytest.mark.django_db
TEMPLATES = Path(settings.BASE_DIR) / "templates" / "guide"
HREF = re.compile(r'href="(/[^"#?]*)')


def english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_help_lists_a_guide_for_every_role_and_the_glossary(client: Client) -> None:
    page = client.get("/panduan/")

    assert page.status_code == 200
    text = page.content.decode()
    for guide in GUIDES:
        assert f'href="{reverse(guide.url_name)}"' in text
    assert 'href="/panduan/istilah/"' in text
    assert "<title>Panduan · Kota Cerdas</title>" in text


@pytest.mark.parametrize("guide", GUIDES, ids=[g.name for g in GUIDES])
def test_a_guide_is_indonesian_by_default_and_english_when_chosen(client: Client, guide) -> None:  # type: ignore[no-untyped-def]
    indonesian = client.get(reverse(guide.url_name)).content.decode()
    in_english = english(Client()).get(reverse(guide.url_name)).content.decode()

    assert "<h2>Langkah demi langkah</h2>" in indonesian
    assert "Step by step" not in indonesian
    assert "<h2>Step by step</h2>" in in_english
    assert "Langkah demi langkah" not in in_english
    with translation.override("en"):
        assert f"<h1>{guide.title}</h1>" in in_english


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_link_of_every_guide_opens_a_page(client: Client, language: str) -> None:
    """Read as a visitor: each address resolves and answers with a page or the log-in."""
    if language == "en":
        english(client)
    seen: set[str] = set()
    for guide in GUIDES:
        text = client.get(reverse(guide.url_name)).content.decode()
        body = text[text.index('class="guide"') : text.index("</main>")]
        links = set(HREF.findall(body))
        assert len(links) >= 4, (guide.name, links)
        seen |= links
    for link in sorted(seen):
        try:
            resolve(link)
        except Resolver404:
            pytest.fail(f"{link} is not a page")
        answer = client.get(link)
        assert answer.status_code in (200, 302), (link, answer.status_code)
        if answer.status_code == 302:
            assert answer["Location"].startswith(reverse("accounts:login")), link


def test_both_languages_of_a_guide_link_the_same_pages() -> None:
    url = re.compile(r"""{% (?:url|page_link) ['"]([\w:-]+)['"]""")
    for guide in GUIDES:
        names = {
            language: sorted(url.findall((TEMPLATES / language / f"{guide.name}.html").read_text()))
            for language in LANGUAGES
        }
        assert names["id"] == names["en"], guide.name


@pytest.mark.parametrize(
    ("role", "region", "expected"),
    [
        (Role.REGIONAL_EDITOR, "32.73", {"regional"}),
        (Role.REGIONAL_LEAD, "32.73", {"regional"}),
        (Role.PROGRAM_OFFICER, None, {"national"}),
        (Role.VIEWER, None, {"national"}),
        (Role.MENTOR, "32.73", {"mentor"}),
        (Role.TECH_ADVISOR, "32.73", {"mentor"}),
        (Role.ASSESSOR, None, {"assessor"}),
        (None, None, {"public"}),
    ],
)
def test_a_signed_in_person_is_pointed_at_the_guide_of_their_role(
    bandung, role, region, expected
) -> None:  # type: ignore[no-untyped-def]
    user = make_user("seseorang", role, bandung if region else None)
    client = Client()
    client.force_login(user)

    page = client.get("/panduan/")

    assert page.context["yours"] == expected
    text = page.content.decode()
    marked = re.findall(r'data-guide="(\w+)">\s*<h3>[^\n]*badge', text)
    assert set(marked) == expected


def test_someone_with_two_roles_is_pointed_at_both(bandung) -> None:  # type: ignore[no-untyped-def]
    from accounts.models import Membership

    user: User = make_user("dua.peran", Role.MENTOR, bandung)
    Membership.objects.create(user=user, role=Role.ASSESSOR)
    client = Client()
    client.force_login(user)

    assert client.get("/panduan/").context["yours"] == {"mentor", "assessor"}


def test_a_visitor_is_pointed_at_no_guide_in_particular(client: Client) -> None:
    page = client.get("/panduan/")

    assert page.context["yours"] == set()
    assert "badge" not in page.content.decode().split('id="guides-title"')[1].split("</section>")[0]


def test_every_page_links_the_help_from_its_footer(client: Client) -> None:
    for url in ("/", "/wilayah/", "/masterplan/", "/panduan/istilah/"):
        footer = client.get(url).content.decode().split('class="container site-footer"')[1]
        assert 'href="/panduan/"' in footer, url
