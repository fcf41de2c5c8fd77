"""A notification names the platform's words (a role, a status, an award, a quarter, a date)
in each reader's language: they are kept as codes and read when shown, on the page and in the
e-mail (in the language each person chose, the platform's until they choose); a value kept in
words before reads as it was kept."""

import re
from datetime import date
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import translation

from accounts.models import Role, User
from inbox.models import Delivery, Kind, Notification, Preference, period_code
from inbox.services import digest_send, notify
from participation.models import CommentStatus

pytestmark = pytest.mark.django_db

# Each kind with words of the platform, the params as its caller passes them, and those
# words in Indonesian and in English.
CASES: list[tuple[str, dict[str, Any], str, str]] = [
    (
        Kind.ASSIGNED,
        {"who": "officer", "role": Role.ASSESSOR, "region": "Kota Bandung"},
        "Asesor / juri",
        "Assessor / jury",
    ),
    (
        Kind.SETTLED,
        {"who": "lead", "region": "Kota Bandung", "status": CommentStatus.ACCEPTED},
        "diterima tanpa perubahan",
        "accepted without change",
    ),
    (
        Kind.AWARD_CONFIRMED,
        {"region": "Kota Bandung", "year": 2027, "category": "quick_win"},
        "Quick win terbaik",
        "Best quick win",
    ),
    (
        Kind.REPORT_DUE,
        {"region": "Kota Bandung", "period": period_code(2027, 3), "due": date(2027, 10, 15)},
        "T3 2027 jatuh tempo 15 Okt 2027",
        "Q3 2027 is due on 15 Oct 2027",
    ),
    (
        Kind.REPORT_LATE,
        {"region": "Kota Bandung", "period": period_code(2027, 2), "count": 6},
        "T2 2027",
        "Q2 2027",
    ),
    (
        Kind.ENACTED,
        {"region": "Kota Bandung", "regulation": "Perwali No. 9", "date": date(2027, 10, 15)},
        "15 Okt 2027",
        "15 Oct 2027",
    ),
]


def page(client: Client, language: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    body = client.get("/untuk-anda/").content.decode()
    return body[body.index('data-testid="notifications"') :]


@pytest.mark.parametrize(
    ("kind", "params", "indonesian", "english"), CASES, ids=[str(c[0]) for c in CASES]
)
def test_the_platforms_words_read_in_the_readers_language(
    owner: User, login, kind: str, params: dict[str, Any], indonesian: str, english: str
) -> None:  # type: ignore[no-untyped-def]
    # Told while the actor reads English: nothing of their language is kept.
    with translation.override("en"):
        notify([owner], kind, "/", params=params)
    client = login(owner)

    assert indonesian in page(client, "id") and english not in page(client, "id")
    assert english in page(client, "en") and indonesian not in page(client, "en")


def test_the_words_are_kept_as_codes(owner: User) -> None:
    (note,) = notify(
        [owner],
        Kind.REPORT_DUE,
        "/",
        params={
            "region": "Kota Bandung",
            "period": period_code(2027, 3),
            "due": date(2027, 10, 15),
        },
    )

    note.refresh_from_db()
    assert note.params == {"region": "Kota Bandung", "period": "2027-Q3", "due": "2027-10-15"}


def test_a_value_kept_in_words_before_reads_as_it_was_kept(owner: User) -> None:
    note = Notification.objects.create(
        user=owner,
        kind=Kind.ASSIGNED,
        params={"who": "officer", "role": "Asesor / juri", "region": "Kota Bandung"},
    )
    late = Notification.objects.create(
        user=owner,
        kind=Kind.REPORT_LATE,
        params={"region": "Kota Bandung", "period": "T2 2027", "count": "6"},
    )
    enacted = Notification.objects.create(
        user=owner,
        kind=Kind.ENACTED,
        params={"region": "Kota Bandung", "regulation": "Perwali No. 9 (15 Okt 2027)"},
        text="Masterplan Kota Bandung ditetapkan dengan Perwali No. 9 (15 Okt 2027)",
    )

    with translation.override("en"):
        assert note.message == "officer assigned you as Asesor / juri of Kota Bandung"
        assert "for T2 2027 is late" in late.message
        assert enacted.message == enacted.text  # its message changed since: as first written


def test_the_e_mail_names_them_in_the_platforms_language(
    owner: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    owner.email = "editor@example.id"
    owner.save()
    kind, params, indonesian, _english = CASES[0]
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        notify([owner], kind, "/", params=params)
    (message,) = mail.outbox
    assert indonesian in message.subject and indonesian in message.body


def test_each_person_reads_the_e_mail_and_the_digest_in_the_language_they_chose(
    owner: User, colleague: User, login, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    for user in (owner, colleague):
        user.email = f"{user.username}@example.id"
        user.save()
    chosen = login(owner).post("/untuk-anda/e-mail/", {"email": "immediate", "language": "en"})
    assert chosen.status_code == 302
    Preference.objects.create(user=colleague, email=Delivery.DIGEST, language="en")
    kind, params, indonesian, english = CASES[0]

    with django_capture_on_commit_callbacks(execute=True):
        notify([owner, colleague], kind, "/", params=params)
        digest_send()

    at_once, digest = mail.outbox
    assert at_once.to == [owner.email] and english in at_once.subject and english in at_once.body
    assert indonesian not in at_once.body
    assert digest.to == [colleague.email] and "1 notification today" in digest.subject
    assert english in digest.body and indonesian not in digest.body
    # in the app, each page reads it in its own language
    with translation.override("id"):
        assert indonesian in Notification.objects.filter(user=owner).get().message


def test_the_e_mail_preferences_offer_the_language_of_the_page_at_first(owner: User, login) -> None:  # type: ignore[no-untyped-def]
    client = login(owner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/untuk-anda/e-mail/").content.decode()
    radios = dict(re.findall(r'<input[^>]*name="language"[^>]*value="(\w+)"([^>]*)>', page))
    assert set(radios) == {"id", "en"}
    assert "checked" in radios["en"] and "checked" not in radios["id"]


def test_the_digest_names_them_in_the_platforms_language(
    owner: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    owner.email = "editor@example.id"
    owner.save()
    Preference.objects.create(user=owner, email=Delivery.DIGEST)
    for kind, params, _indonesian, _english in CASES:
        notify([owner], kind, "/", params=params)
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        digest_send()
    (message,) = mail.outbox
    for _kind, _params, indonesian, english in CASES:
        assert indonesian in message.body and english not in message.body
