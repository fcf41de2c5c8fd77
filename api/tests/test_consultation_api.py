"""Settling mentors' comments and running the public consultation over the API: the same
services and rules as the pages (the team settles and moderates, the lead alone opens)."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import Role, User
from conftest import make_user
from masterplans.models import Status
from masterplans.tests.factories import make_masterplan
from participation.models import Comment, ConsultationWindow, PublicComment
from participation.services import comment_add, consultation_window_open
from participation.tests.conftest import resident_comment
from regions.models import Region

pytestmark = pytest.mark.django_db


def post(client: Client, url: str, auth: str, body: Any = None) -> Any:
    return client.post(
        url, body or {}, content_type="application/json", headers={"Authorization": auth}
    )


@pytest.fixture
def mentor(bandung: Region) -> User:
    return make_user("mentor.bandung", Role.MENTOR, bandung)


def test_the_team_resolves_a_comment_and_accepting_needs_a_reason(
    client: Client, owner: User, mentor: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    masterplan = make_masterplan()
    comment = comment_add(masterplan=masterplan, user=mentor, text="Perjelas KPI")
    url = f"/api/v1/masterplans/{masterplan.pk}/comments/{comment.pk}/settle"

    refused = post(client, url, token_for(owner), {"status": "accepted"})
    assert refused.status_code == 422
    assert refused.json()["error"]["message"] == (
        "Sebutkan alasan komentar diterima tanpa perubahan."
    )

    response = post(
        client, url, token_for(owner), {"status": "accepted", "note": "Sudah sesuai RPJMD"}
    )
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["resolution"]) == (
        "accepted",
        "Sudah sesuai RPJMD",
    )
    assert Comment.objects.get(pk=comment.pk).resolved_by == owner


def test_a_mentor_cannot_settle_and_another_masterplan_hides_the_comment(
    client: Client, outsider: User, mentor: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    masterplan = make_masterplan()
    comment = comment_add(masterplan=masterplan, user=mentor, text="Perjelas KPI")
    url = f"/api/v1/masterplans/{masterplan.pk}/comments/{comment.pk}/settle"
    assert post(client, url, token_for(mentor), {"status": "resolved"}).status_code == 403
    other = make_masterplan("32.75")
    elsewhere = f"/api/v1/masterplans/{other.pk}/comments/{comment.pk}/settle"
    # Bekasi's editor settles Bekasi's comments: Bandung's is not found through Bekasi's plan.
    assert post(client, elsewhere, token_for(outsider), {"status": "resolved"}).status_code == 404
    assert Comment.objects.get(pk=comment.pk).status == "open"


def test_the_lead_opens_the_consultation_until_the_end_of_the_day(
    client: Client, colleague: User, owner: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    masterplan = make_masterplan()
    url = f"/api/v1/masterplans/{masterplan.pk}/consultation"
    day = (timezone.localdate() + timedelta(days=14)).isoformat()
    assert post(client, url, token_for(owner), {"closes_on": day}).status_code == 403

    response = post(client, url, token_for(colleague), {"closes_on": day, "intro": "Ayo!"})
    assert response.status_code == 201, response.content
    window = ConsultationWindow.objects.get(masterplan=masterplan)
    assert timezone.localtime(window.closes_at).strftime("%Y-%m-%d %H:%M") == f"{day} 23:59"

    again = post(client, url, token_for(colleague), {"closes_on": day})
    assert again.status_code == 409
    assert again.json()["error"]["message"] == "Konsultasi sudah dibuka."


def open_with_comment(masterplan: Any, lead: User) -> PublicComment:
    consultation_window_open(
        masterplan=masterplan, user=lead, closes_at=timezone.now() + timedelta(days=3)
    )
    comment = resident_comment(
        masterplan, {"name": "Siti", "email": "siti@example.id", "text": "Bagus"}, "10.0.0.1"
    )
    assert comment is not None
    return comment


def test_the_team_moderates_and_answers_residents(
    client: Client, colleague: User, owner: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    masterplan = make_masterplan()
    comment = open_with_comment(masterplan, colleague)
    base = f"/api/v1/masterplans/{masterplan.pk}/consultation"
    auth = token_for(owner)

    queue = client.get(f"{base}/moderation?status=pending", headers={"Authorization": auth})
    assert [(c["name"], c["email"]) for c in queue.json()["items"]] == [("Siti", "siti@example.id")]
    decision = {"status": "approved", "answer": "Terima kasih, masuk program LIV-01."}
    url = f"{base}/comments/{comment.pk}/moderation"
    assert post(client, url, auth, decision).status_code == 428  # which version was decided on?
    version = queue.json()["items"][0]["version"]
    response = post(client, url, auth, {**decision, "version": version})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "approved"
    # Another moderator deciding from the same version is refused; the first decision stands.
    late = post(client, url, auth, {**decision, "status": "rejected", "version": version})
    assert late.status_code == 412 and late.json()["error"]["code"] == "version_conflict"
    shown = client.get(f"{base}/comments").json()["items"]
    assert shown[0]["answer"] == "Terima kasih, masuk program LIV-01."


def test_residents_and_other_regions_do_not_moderate(
    client: Client, colleague: User, outsider: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    masterplan = make_masterplan()
    comment = open_with_comment(masterplan, colleague)
    base = f"/api/v1/masterplans/{masterplan.pk}/consultation"
    assert client.get(f"{base}/moderation").status_code == 401  # anonymous: who are you?
    moderation = f"{base}/comments/{comment.pk}/moderation"
    assert post(client, moderation, token_for(outsider), {"status": "approved"}).status_code == 403
    assert PublicComment.objects.get(pk=comment.pk).status == "pending"


def test_the_summary_becomes_part_of_a_draft_but_not_of_a_submitted_masterplan(
    client: Client, colleague: User, owner: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    masterplan = make_masterplan()
    open_with_comment(masterplan, colleague)
    url = f"/api/v1/masterplans/{masterplan.pk}/consultation/summary"
    auth = token_for(owner)
    current = client.get(url, headers={"Authorization": auth}).json()
    assert "1 komentar diterima, 0 ditampilkan" in current["summary"]
    assert current["saved"] == ""
    saved = post(client, url, auth)
    assert saved.status_code == 200
    masterplan.refresh_from_db()
    assert masterplan.consultation_summary == saved.json()["saved"] == current["summary"]

    masterplan.status = Status.IN_REVIEW
    masterplan.save()
    refused = post(client, url, auth)
    assert refused.status_code == 409
    assert "tidak dapat diubah" in refused.json()["error"]["message"]
