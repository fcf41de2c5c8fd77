from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import Role, User
from conftest import make_user
from masterplans.tests.factories import make_masterplan
from participation.models import PublicComment
from participation.services import RATE_LIMIT, consultation_window_open, public_comment_moderate
from regions.models import Region

pytestmark = pytest.mark.django_db


def test_mentors_comment_and_reply_over_the_api(
    client: Client, owner: User, token_for, bandung: Region
) -> None:  # type: ignore[no-untyped-def]
    masterplan = make_masterplan()
    mentor = make_user("mentor.api", Role.MENTOR, bandung)
    url = f"/api/v1/masterplans/{masterplan.pk}/comments"
    auth = {"Authorization": token_for(mentor)}
    created = client.post(
        url,
        {"text": "Perjelas KPI", "program": "LIV-01", "section": "programs"},
        content_type="application/json",
        headers=auth,
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["program"], body["status"], body["author"]) == ("LIV-01", "open", "mentor.api")
    reply = client.post(
        url,
        {"text": "Siap", "parent": body["id"]},
        content_type="application/json",
        headers={"Authorization": token_for(owner)},
    )
    assert reply.status_code == 201 and reply.json()["parent"] == body["id"]
    assert client.get(url, headers=auth).json()["count"] == 2
    assert client.get(url, {"section": "programs"}, headers=auth).json()["count"] == 2
    assert client.get(url, {"status": "resolved"}, headers=auth).json()["count"] == 0


def test_an_unknown_program_or_parent_answers_422(client: Client, owner: User, token_for) -> None:  # type: ignore[no-untyped-def]
    masterplan = make_masterplan()
    url = f"/api/v1/masterplans/{masterplan.pk}/comments"
    auth = {"Authorization": token_for(owner)}
    for payload in ({"text": "x", "program": "XXX-99"}, {"text": "x", "parent": 999999}):
        response = client.post(url, payload, content_type="application/json", headers=auth)
        assert response.status_code == 422
        assert response.json()["error"]["code"] == "invalid"


def test_an_outsider_cannot_read_or_write_the_comments(
    client: Client, outsider: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    masterplan = make_masterplan()
    url = f"/api/v1/masterplans/{masterplan.pk}/comments"
    auth = {"Authorization": token_for(outsider)}
    assert client.get(url, headers=auth).status_code == 404
    response = client.post(url, {"text": "x"}, content_type="application/json", headers=auth)
    assert response.status_code == 404


def test_residents_comment_while_the_consultation_is_open_and_read_what_was_approved(
    client: Client, colleague: User, owner: User
) -> None:
    masterplan = make_masterplan()
    url = f"/api/v1/masterplans/{masterplan.pk}/consultation/comments"
    siti = {"name": "Siti", "email": "siti@example.id", "text": "Bagus"}
    closed = client.post(url, siti, content_type="application/json")
    assert closed.status_code == 404  # a draft not in consultation is not public
    consultation_window_open(
        masterplan=masterplan, user=colleague, closes_at=timezone.now() + timedelta(days=3)
    )
    sent = client.post(
        url,
        {"name": "Siti", "email": "siti@example.id", "text": "Bagus", "program": "LIV-01"},
        content_type="application/json",
    )
    assert sent.status_code == 202
    comment = PublicComment.objects.get()
    assert (comment.status, comment.program.code) == ("pending", "LIV-01")
    assert client.get(url).json()["count"] == 0  # pending: not shown
    assert (sent.json(), comment.confirmed_at) == ({"status": "confirmation_sent"}, None)
    comment.confirmed_at = timezone.now()  # as when Siti opens the link sent to her
    comment.save()
    public_comment_moderate(
        comment=comment, user=owner, status="approved", answer="Terima kasih", base_version=1
    )
    items = client.get(url).json()["items"]
    assert items == [
        {
            "id": comment.pk,
            "name": "Siti",
            "section": "whole",
            "program": "LIV-01",
            "text": "Bagus",
            "answer": "Terima kasih",
            "created_at": items[0]["created_at"],
        }
    ]  # never the e-mail address


@pytest.mark.cache
def test_a_closed_consultation_answers_409_and_too_many_comments_429(
    client: Client, colleague: User
) -> None:
    masterplan = make_masterplan()
    window = consultation_window_open(
        masterplan=masterplan, user=colleague, closes_at=timezone.now() + timedelta(days=3)
    )
    url = f"/api/v1/masterplans/{masterplan.pk}/consultation/comments"
    one = {"name": "A", "email": "a@example.id", "text": "B"}
    for _ in range(RATE_LIMIT):
        client.post(url, one, content_type="application/json")
    limited = client.post(url, one, content_type="application/json")
    assert limited.status_code == 429
    assert limited.json()["error"]["code"] == "too_many_requests"
    # Still readable by its team, but no longer public: the window's end hides the draft.
    window.closes_at = timezone.now()
    window.save()
    assert (
        client.post(
            url, {**one, "email": "b@example.id"}, content_type="application/json"
        ).status_code
        == 404
    )
