"""Accounts that hold: a throttle nobody can turn against someone else, an unlock link, the
admin's log-in behind the same throttle, password change and reset by e-mail, sessions that
end when idle, API tokens that expire and may only read."""

import re
import time

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client, TestCase

from accounts import throttle
from accounts.models import ApiToken, TokenScope, User

pytestmark = [pytest.mark.django_db, pytest.mark.cache]
PASSWORD = "kata-sandi-uji-123"


def client_from(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def log_in(client: Client, username: str, password: str = PASSWORD) -> int:
    return client.post("/akun/masuk/", {"username": username, "password": password}).status_code


def test_failures_from_a_strangers_address_do_not_lock_the_owner_out(owner: User) -> None:
    stranger = client_from("203.0.113.9")
    for _ in range(12):
        log_in(stranger, "editor.bandung", "tebakan")
    assert log_in(stranger, "editor.bandung") == 429  # the stranger waits, even with the password
    assert log_in(client_from("198.51.100.20"), "editor.bandung") == 302  # the owner does not


def test_each_failure_past_the_free_ones_doubles_the_wait(owner: User) -> None:
    for _ in range(throttle.FREE_FAILURES):
        throttle.note_failure("editor.bandung", "203.0.113.9")
    first = throttle.wait_seconds("editor.bandung", "203.0.113.9")
    throttle.note_failure("editor.bandung", "203.0.113.9")
    second = throttle.wait_seconds("editor.bandung", "203.0.113.9")
    assert 0 < first <= throttle.FIRST_WAIT_SECONDS + 1
    assert 2 * throttle.FIRST_WAIT_SECONDS - 2 <= second <= 2 * throttle.FIRST_WAIT_SECONDS + 1
    for _ in range(30):
        throttle.note_failure("editor.bandung", "203.0.113.9")
    assert throttle.wait_seconds("editor.bandung", "203.0.113.9") <= throttle.LONGEST_WAIT_SECONDS


def unlock_link() -> str:
    (message,) = mail.outbox
    found = re.search(r"https?://\S+/akun/masuk/buka/\S+/", message.body)
    assert found, message.body
    return found.group(0).split("://", 1)[1].split("/", 1)[1]


def test_the_owner_unlocks_by_the_link_sent_to_the_accounts_address(owner: User) -> None:
    owner.email = "editor@bandung.go.id"
    owner.save()
    own = client_from("198.51.100.20")
    for _ in range(throttle.FREE_FAILURES):
        log_in(own, "editor.bandung", "lupa")
    refused = own.post("/akun/masuk/", {"username": "editor.bandung", "password": PASSWORD})
    assert refused.status_code == 429 and refused.context["unlock_form"] is not None
    with TestCase.captureOnCommitCallbacks(execute=True):  # the worker sends it
        sent = own.post("/akun/masuk/buka/", {"username": "editor.bandung"})
    assert sent.status_code == 200 and mail.outbox[0].to == ["editor@bandung.go.id"]
    link = "/" + unlock_link()
    assert own.get(link).context["unlocked"]
    assert log_in(own, "editor.bandung") == 302


def test_an_unlock_link_works_once(owner: User) -> None:
    owner.email = "editor@bandung.go.id"
    owner.save()
    own = client_from("198.51.100.20")
    for _ in range(throttle.FREE_FAILURES):
        log_in(own, "editor.bandung", "lupa")
    with TestCase.captureOnCommitCallbacks(execute=True):
        own.post("/akun/masuk/buka/", {"username": "editor.bandung"})
    link = "/" + unlock_link()
    first = own.get(link)
    for _ in range(throttle.FREE_FAILURES):
        log_in(own, "editor.bandung", "lupa")
    again = own.get(link)
    assert first.context["unlocked"] and again.context["expired"]
    assert log_in(own, "editor.bandung") == 429


def test_asking_to_unlock_a_name_nobody_has_says_the_same_and_sends_nothing(db) -> None:  # type: ignore[no-untyped-def]
    with TestCase.captureOnCommitCallbacks(execute=True) as queued:
        answer = client_from("198.51.100.20").post("/akun/masuk/buka/", {"username": "tidak.ada"})
    assert answer.status_code == 200 and answer.context["sent"]
    assert mail.outbox == [] and queued == []


def test_the_admin_log_in_goes_through_the_same_throttle(db) -> None:  # type: ignore[no-untyped-def]
    User.objects.create_superuser("admin.uji", "admin@contoh.id", PASSWORD)
    client = client_from("203.0.113.9")
    url = f"/{settings.KC_ADMIN_PATH}login/"
    for _ in range(throttle.FREE_FAILURES):
        client.post(url, {"username": "admin.uji", "password": "salah"})
    client.post(url, {"username": "admin.uji", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert throttle.is_throttled("admin.uji", "203.0.113.9")


def test_a_password_is_changed_with_the_old_one(login, owner: User) -> None:  # type: ignore[no-untyped-def]
    client = login(owner)
    wrong = client.post(
        "/akun/sandi/",
        {
            "old_password": "salah",
            "new_password1": "Baru-Sekali-2027",
            "new_password2": "Baru-Sekali-2027",
        },
    )
    assert wrong.status_code == 200
    done = client.post(
        "/akun/sandi/",
        {
            "old_password": PASSWORD,
            "new_password1": "Baru-Sekali-2027",
            "new_password2": "Baru-Sekali-2027",
        },
    )
    assert done.status_code == 302
    owner.refresh_from_db()
    assert owner.check_password("Baru-Sekali-2027")


def reset_link(client: Client, email: str) -> str:
    with TestCase.captureOnCommitCallbacks(execute=True):  # the worker sends it
        client.post("/akun/sandi/lupa/", {"email": email})
    (message,) = mail.outbox
    found = re.search(r"/akun/sandi/atur/\S+/\S+/", message.body)
    assert found, message.body
    return found.group(0)


def test_a_reset_link_sets_a_password_once(owner: User) -> None:
    owner.email = "editor@bandung.go.id"
    owner.save()
    client = Client()
    link = reset_link(client, "editor@bandung.go.id")
    form = client.get(link, follow=True)
    assert form.context["validlink"]
    new = {"new_password1": "Sandi-Baru-2027!", "new_password2": "Sandi-Baru-2027!"}
    assert client.post(form.redirect_chain[-1][0], new).status_code == 302
    owner.refresh_from_db()
    assert owner.check_password("Sandi-Baru-2027!")
    # Used: the same link no longer works.
    assert not Client().get(link, follow=True).context["validlink"]


def test_a_reset_link_expires(owner: User, settings) -> None:  # type: ignore[no-untyped-def]
    owner.email = "editor@bandung.go.id"
    owner.save()
    link = reset_link(Client(), "editor@bandung.go.id")
    settings.PASSWORD_RESET_TIMEOUT = -1  # as if the hour had passed
    assert not Client().get(link, follow=True).context["validlink"]


def test_a_reset_for_an_unknown_address_answers_the_same_and_sends_nothing(db) -> None:  # type: ignore[no-untyped-def]
    with TestCase.captureOnCommitCallbacks(execute=True) as queued:
        answer = Client().post("/akun/sandi/lupa/", {"email": "tidak.ada@contoh.id"})
    assert answer.status_code == 302 and mail.outbox == [] and queued == []


def test_a_session_ends_after_its_idle_time(login, owner: User) -> None:  # type: ignore[no-untyped-def]
    client = login(owner)
    assert client.get("/akun/").status_code == 200
    session = client.session
    session["kc_seen"] = int(time.time()) - settings.KC_SESSION_IDLE_SECONDS - 5
    session.save()
    assert client.get("/akun/").status_code == 302  # back to the log-in
    assert "_auth_user_id" not in client.session


def test_a_read_only_token_reads_but_may_not_write(client: Client, owner: User) -> None:
    _token, key = ApiToken.issue(user=owner, name="baca", scope=TokenScope.READ)
    auth = {"Authorization": f"Bearer {key}"}
    assert client.get("/api/v1/regions/32.73", headers=auth).status_code == 200
    refused = client.patch(
        "/api/v1/regions/32.73",
        {"description": "x", "version": 1},
        content_type="application/json",
        headers=auth,
    )
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "read_only_token"


def test_an_expired_token_is_refused(client: Client, owner: User) -> None:
    token, key = ApiToken.issue(user=owner, name="lama", days=30)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=token.created_at)
    response = client.get("/api/v1/regions/32.73", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 401


def test_a_token_is_made_with_its_scope_and_lifetime_and_revoked_from_the_profile(
    login, owner: User
) -> None:  # type: ignore[no-untyped-def]
    client = login(owner)
    client.post("/akun/token/", {"name": "SIPD", "scope": "read", "days": "30"})
    token = ApiToken.objects.get(user=owner)
    assert token.scope == "read" and 29 <= (token.expires_at - token.created_at).days <= 30
    page = client.get("/akun/").content.decode()
    assert "SIPD" in page
    client.post(f"/akun/token/{token.pk}/hapus/")
    assert not ApiToken.objects.filter(user=owner).exists()
