import re

import pytest
from django.core.cache import cache
from django.test import Client

from accounts.models import User

pytestmark = [pytest.mark.django_db, pytest.mark.cache]
PAGES = ["/", "/wilayah/", "/wilayah/32.73/", "/tentang/", "/akun/masuk/", "/tidak-ada/"]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def test_pages_send_a_content_security_policy_without_inline_scripts(client: Client) -> None:
    for url in PAGES:
        policy = client.get(url)["Content-Security-Policy"]
        script_src = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
        assert script_src.strip() == "script-src 'self'", url
        assert "frame-ancestors 'none'" in policy


def test_pages_contain_no_inline_script(client: Client) -> None:
    for url in PAGES:
        assert not INLINE_SCRIPT.search(client.get(url).content.decode()), url


def test_api_docs_load_their_scripts_from_files(client: Client) -> None:
    assert not INLINE_SCRIPT.search(client.get("/api/v1/docs").content.decode())


def _fail_login(client: Client, username: str) -> int:
    return client.post("/akun/masuk/", {"username": username, "password": "salah"}).status_code


def test_login_is_throttled_after_five_failures(client: Client, owner: User) -> None:
    for _ in range(5):
        assert _fail_login(client, "editor.bandung") == 200
    response = client.post(
        "/akun/masuk/", {"username": "editor.bandung", "password": "kata-sandi-uji-123"}
    )
    assert response.status_code == 429
    assert "menit" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_throttling_one_name_leaves_other_names_alone(
    client: Client, owner: User, colleague: User
) -> None:
    for _ in range(5):
        _fail_login(client, "editor.bandung")
    response = client.post(
        "/akun/masuk/", {"username": "lead.bandung", "password": "kata-sandi-uji-123"}
    )
    assert response.status_code == 302


def test_login_throttle_counts_names_case_insensitively(client: Client, owner: User) -> None:
    for name in [
        "Editor.Bandung",
        "EDITOR.BANDUNG",
        "editor.bandung ",
        "editor.BANDUNG",
        "editor.bandung",
    ]:
        _fail_login(client, name)
    assert _fail_login(client, "editor.bandung") == 429


def test_a_successful_login_resets_the_count(client: Client, owner: User) -> None:
    for _ in range(4):
        _fail_login(client, "editor.bandung")
    client.post("/akun/masuk/", {"username": "editor.bandung", "password": "kata-sandi-uji-123"})
    client.logout()
    for _ in range(4):
        assert _fail_login(client, "editor.bandung") == 200


def test_an_oversized_request_is_refused_without_details(client: Client) -> None:
    response = client.post("/akun/masuk/", {"username": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 400
    assert "RequestDataTooBig" not in response.content.decode()


def test_a_page_error_shows_no_exception_text(client: Client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def broken() -> None:
        raise RuntimeError("rahasia internal")

    monkeypatch.setattr("portal.views.national_summary", broken)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "rahasia internal" not in body
    assert "Terjadi kesalahan" in body and "Something went wrong" in body


def test_an_api_error_shows_no_exception_text(client: Client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("rahasia internal")

    monkeypatch.setattr("api.regions.access.require", broken)
    client.raise_request_exception = False
    response = client.get("/api/v1/provinces")
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "server_error"
    assert "rahasia" not in response.content.decode()


def test_password_validators_refuse_a_weak_password(owner: User) -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("12345678", owner)
