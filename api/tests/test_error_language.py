"""An API error is told in the requester's language: ``Accept-Language: en`` gets English,
``id``, none or a language the platform does not speak get Indonesian; a browser whose person
chose a language with the site's switch (the language cookie) keeps it. Each kind of error is
asked for: a body refused field by field, a thing not found, a thing not the requester's, and a
refusal of the domain."""

from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from accounts.models import User
from masterplans.tests.factories import make_masterplan

pytestmark = pytest.mark.django_db

ENGLISH = {
    "invalid": "The request has invalid fields.",
    "required": "Required.",
    "date": "Give a date as YYYY-MM-DD.",
    "not_found": "Not found.",
    "forbidden": "You do not have access to this resource.",
    "not_followed": "Progress is reported once the masterplan is approved.",
    "method": "This method is not allowed here.",
}
INDONESIAN = {
    "invalid": "Permintaan berisi isian yang tidak valid.",
    "required": "Wajib diisi.",
    "date": "Isi tanggal dengan format YYYY-MM-DD.",
    "not_found": "Tidak ditemukan.",
    "forbidden": "Anda tidak memiliki akses ke sumber daya ini.",
    "not_followed": "Kemajuan dilaporkan setelah masterplan disetujui.",
    "method": "Metode ini tidak diizinkan di sini.",
}
# (Accept-Language sent, or None for no header; the messages expected; Content-Language)
LANGUAGES = [
    ("en", ENGLISH, "en"),
    ("en-US,en;q=0.9", ENGLISH, "en"),
    ("id", INDONESIAN, "id"),
    ("id-ID,id;q=0.9,en;q=0.8", INDONESIAN, "id"),
    (None, INDONESIAN, "id"),
    ("fr", INDONESIAN, "id"),
]
IDS = ["en", "en-US", "id", "id-ID", "no header", "unspoken language"]


def headers(language: str | None, auth: str = "") -> dict[str, str]:
    sent = {"Accept-Language": language} if language is not None else {}
    return sent | ({"Authorization": auth} if auth else {})


def error_of(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content
    error: dict[str, Any] = response.json()["error"]
    return error


@pytest.mark.parametrize(("language", "expected", "content_language"), LANGUAGES, ids=IDS)
def test_a_refused_body_is_told_in_the_requesters_language_field_by_field(
    client: Client, owner: User, token_for, language, expected, content_language
) -> None:  # type: ignore[no-untyped-def]
    program = make_masterplan().programs.get(code="GOV-01")

    response = client.post(
        f"/api/v1/programs/{program.pk}/milestones",
        {"due_date": "kemarin"},
        content_type="application/json",
        headers=headers(language, token_for(owner)),
    )

    error = error_of(response, 422)
    assert error["code"] == "invalid"
    assert error["message"] == expected["invalid"]
    assert {d["field"]: d["message"] for d in error["details"]} == {
        "title": expected["required"],
        "due_date": expected["date"],
    }
    assert response["Content-Language"] == content_language


@pytest.mark.parametrize(("language", "expected", "content_language"), LANGUAGES, ids=IDS)
def test_a_thing_not_found_is_told_in_the_requesters_language(
    client: Client, language, expected, content_language
) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/regions/99.99", headers=headers(language))

    error = error_of(response, 404)
    assert (error["code"], error["message"]) == ("not_found", expected["not_found"])
    assert response["Content-Language"] == content_language


@pytest.mark.parametrize(("language", "expected", "content_language"), LANGUAGES, ids=IDS)
def test_a_thing_not_the_requesters_is_refused_in_their_language(
    client: Client, outsider: User, token_for, language, expected, content_language
) -> None:  # type: ignore[no-untyped-def]
    program = make_masterplan(status="approved").programs.get(code="GOV-01")  # Bandung's

    response = client.post(
        f"/api/v1/programs/{program.pk}/milestones",
        {"title": "Uji coba", "due_date": "2027-06-30"},
        content_type="application/json",
        headers=headers(language, token_for(outsider)),  # Bekasi's editor
    )

    error = error_of(response, 403)
    assert (error["code"], error["message"]) == ("forbidden", expected["forbidden"])


@pytest.mark.parametrize(("language", "expected", "content_language"), LANGUAGES, ids=IDS)
def test_a_refusal_of_the_domain_is_told_in_the_requesters_language(
    client: Client, owner: User, token_for, language, expected, content_language
) -> None:  # type: ignore[no-untyped-def]
    draft = make_masterplan().programs.get(code="GOV-01")

    response = client.post(
        f"/api/v1/programs/{draft.pk}/progress",
        {"year": 2027, "quarter": 1, "status": "on_track"},
        content_type="application/json",
        headers=headers(language, token_for(owner)),
    )

    error = error_of(response, 409)
    assert (error["code"], error["message"]) == ("not_followed", expected["not_followed"])
    assert response["Content-Language"] == content_language


@pytest.mark.parametrize(("language", "expected", "content_language"), LANGUAGES, ids=IDS)
def test_an_error_made_outside_the_api_handlers_keeps_the_language_and_says_so(
    client: Client, language, expected, content_language
) -> None:  # type: ignore[no-untyped-def]
    response = client.delete("/api/v1/regions", headers=headers(language))

    error = error_of(response, 405)
    assert error["message"] == expected["method"]
    assert response["Content-Language"] == content_language
    varies = {part.strip().lower() for part in response["Vary"].split(",")}
    assert {"accept-language", "cookie"} <= varies


def test_a_browser_that_chose_a_language_keeps_it_whatever_its_header_says(
    client: Client,
) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    chose_english = client.get("/api/v1/regions/99.99", headers={"Accept-Language": "id"})
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    chose_indonesian = client.get("/api/v1/regions/99.99", headers={"Accept-Language": "en"})

    assert error_of(chose_english, 404)["message"] == ENGLISH["not_found"]
    assert error_of(chose_indonesian, 404)["message"] == INDONESIAN["not_found"]


def test_the_languages_answers_do_not_leak_into_each_other(client: Client) -> None:
    # The active language is per request: an English answer leaves the next one Indonesian.
    english = client.get("/api/v1/regions/99.99", headers={"Accept-Language": "en"})
    after = client.get("/api/v1/regions/99.99")

    assert error_of(english, 404)["message"] == ENGLISH["not_found"]
    assert error_of(after, 404)["message"] == INDONESIAN["not_found"]


def test_a_kind_of_refused_value_without_a_message_of_its_own_is_not_valid() -> None:
    from django.utils import translation

    from api.errors import field_message

    with translation.override("en"):
        assert field_message({"type": "url_parsing", "msg": "Input should be a valid URL"}) == (
            "This value is not valid."
        )
        assert field_message({"type": "literal_error", "ctx": {"expected": "'a' or 'b'"}}) == (
            "Choose one of: 'a', 'b'."
        )
        assert field_message({"type": "string_too_long", "ctx": {"max_length": 3}}) == (
            "At most 3 characters."
        )
        # A context that does not fill the message: still a message, never an exception.
        assert field_message({"type": "string_too_long", "ctx": {}}) == "This value is not valid."
