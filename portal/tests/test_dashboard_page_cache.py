"""The dashboard page kept whole in the shared cache for anonymous readers: never older than the
data behind it, never anyone's own page, never someone else's CSRF token."""

import re

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from kotacerdas import pagecache
from masterplans.tests.factories import make_masterplan
from portal import views
from portal.dashboard import Filters, board_key

pytestmark = [pytest.mark.django_db, pytest.mark.cache]

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def masterplans_by_status(html: str) -> dict[str, int]:
    """The "masterplans by status" bars as the page shows them."""
    section = html.split('id="mp-title"')[1].split("</section>")[0]
    found = re.findall(r'data-status="(\w+)".*?class="bar-value">(\d+)<', section, re.S)
    return {status: int(count) for status, count in found}


def page_key() -> str:
    with translation.override("id"):
        return "page:" + board_key(Filters(), "cohort")


def test_a_repeated_anonymous_request_is_served_from_the_cache(client: Client) -> None:
    make_masterplan("32.73", status="approved")
    client.get("/dasbor/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/dasbor/")
    assert response.status_code == 200 and len(queries) == 0
    assert masterplans_by_status(response.content.decode())["approved"] == 1


def test_a_masterplan_status_change_shows_on_the_next_request(client: Client) -> None:
    masterplan = make_masterplan("32.73", status="in_review")
    before = masterplans_by_status(client.get("/dasbor/").content.decode())
    assert (before["in_review"], before["approved"]) == (0, 0)  # not public yet
    masterplan.status = "approved"
    masterplan.save()
    after = masterplans_by_status(client.get("/dasbor/").content.decode())
    assert (after["in_review"], after["approved"]) == (0, 1)


def test_a_deleted_masterplan_is_gone_on_the_next_request(client: Client) -> None:
    masterplan = make_masterplan("32.73", status="approved")
    assert masterplans_by_status(client.get("/dasbor/").content.decode())["approved"] == 1
    masterplan.delete()
    assert masterplans_by_status(client.get("/dasbor/").content.decode())["approved"] == 0


def test_a_reader_who_missed_the_change_before_the_commit_cannot_keep_the_old_page(
    client: Client,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        masterplan = make_masterplan("32.73")
    client.get("/dasbor/")
    shared = page_key()
    old_page = cache.get(shared)
    with django_capture_on_commit_callbacks(execute=True):
        masterplan.status = "approved"
        masterplan.save()
        # Another connection does not see the change before the commit: a reader there stores
        # the old figures again, under the version everyone shares until then.
        cache.set(shared, old_page)
    shown = masterplans_by_status(client.get("/dasbor/").content.decode())
    assert (shown["draft"], shown["approved"]) == (0, 1)


def test_a_signed_in_reader_neither_gets_nor_leaves_the_shared_page(
    client: Client,
    login,  # type: ignore[no-untyped-def]
    owner: User,
) -> None:
    own = login(owner).get("/dasbor/").content.decode()  # nothing shared yet
    assert owner.username in own
    shared = client.get("/dasbor/").content.decode()
    assert owner.username not in shared and f'href="{reverse("accounts:login")}"' in shared
    marker = b"<p>the page every anonymous reader shares</p>"
    cache.set(page_key(), (marker, "text/html; charset=utf-8"))
    own = login(owner).get("/dasbor/").content.decode()
    assert marker.decode() not in own and owner.username in own
    assert cache.get(page_key())[0] == marker


def test_every_visitor_gets_a_csrf_token_of_their_own_that_works() -> None:
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    one, two = first.get("/dasbor/"), second.get("/dasbor/")  # the second from the cache
    tokens = [TOKEN.search(r.content.decode()).group(1) for r in (one, two)]  # type: ignore[union-attr]
    assert tokens[0] != tokens[1]
    assert all("kc-csrf-" not in t for t in tokens)
    assert "csrftoken" in one.cookies and "csrftoken" in two.cookies
    switched = second.post(
        "/i18n/setlang/", {"language": "en", "next": "/dasbor/", "csrfmiddlewaretoken": tokens[1]}
    )
    assert switched.status_code == 302
    assert "National dashboard" in second.get("/dasbor/").content.decode()
    assert "Dasbor nasional" in first.get("/dasbor/").content.decode()


def test_filters_written_differently_share_one_page(client: Client) -> None:
    client.get("/dasbor/?island_group=jawa&province=&cohort=&map=cohort")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/dasbor/?map=cohort&island_group=jawa&utm_source=x")
    assert len(queries) == 0
    # The language switch returns to the page as its parameters mean it, not as they came.
    assert 'name="next" value="/dasbor/?island_group=jawa"' in response.content.decode()
    assert 'name="next" value="/dasbor/?island_group=sulawesi"' in (
        client.get("/dasbor/?island_group=sulawesi").content.decode()
    )


def test_filter_values_that_name_nothing_share_the_unfiltered_page(client: Client) -> None:
    client.get("/dasbor/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/dasbor/?island_group=atlantis&province=99&cohort=999999")
    assert response.status_code == 200
    assert len(queries) == 2  # is there such a province, such a published round: no
    assert 'name="next" value="/dasbor/"' in response.content.decode()
    assert client.get("/dasbor/?cohort=99999999999999999999999").status_code == 200


def test_a_revalidating_browser_gets_not_modified_until_the_data_changes(client: Client) -> None:
    masterplan = make_masterplan("32.73")
    first = client.get("/dasbor/")
    assert "private" in first["Cache-Control"] and first["ETag"].startswith('W/"')
    again = client.get("/dasbor/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    masterplan.status = "approved"
    masterplan.save()
    changed = client.get("/dasbor/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert masterplans_by_status(changed.content.decode())["approved"] == 1
    # Another visitor (another CSRF secret) never matches the first one's ETag.
    assert Client().get("/dasbor/", HTTP_IF_NONE_MATCH=changed["ETag"]).status_code == 200


def test_a_waiting_message_is_shown_and_not_shared(client: Client) -> None:
    request = RequestFactory().get("/dasbor/")
    request.user = AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    messages.success(request, "Komentar terkirim.")
    assert not pagecache.shareable(request)
    response = views.dashboard(request)
    assert "Komentar terkirim." in response.content.decode()  # type: ignore[attr-defined]
    assert cache.get(page_key()) is None
    assert "Komentar terkirim." not in client.get("/dasbor/").content.decode()
