from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from accounts.models import Role, User
from conftest import make_user
from masterplans.tests.factories import make_masterplan
from masterplans.workflow import WorkflowError, require_editable
from participation.models import Comment, ConsultationWindow, Notification, PublicComment
from participation.services import (
    RATE_LIMIT,
    ParticipationError,
    add_comment,
    consultation_summary,
    moderate,
    open_consultation,
    settle_comment,
    submit_public_comment,
)
from regions.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def mentor(bandung: Region) -> User:
    user = make_user("mentor.bandung", Role.MENTOR, bandung)
    user.email = "mentor@itb.ac.id"
    user.save()
    return user


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


def test_a_mentor_comments_the_team_replies_and_resolves_with_notifications(
    mentor: User, owner: User, colleague: User
) -> None:
    owner.email = "editor@bandung.go.id"
    owner.save()
    masterplan = make_masterplan()
    program = masterplan.programs.get(code="LIV-01")
    comment = add_comment(
        masterplan, mentor, "KPI terlalu umum.", section="programs", program=program
    )
    assert {n.user for n in Notification.objects.all()} == {owner, colleague}
    assert mail.outbox[-1].to == ["editor@bandung.go.id"]
    reply = add_comment(masterplan, owner, "Akan kami rinci.", parent=comment)
    assert reply.section == "programs" and reply.program == program
    assert Notification.objects.filter(user=mentor).count() == 1
    with pytest.raises(ParticipationError, match="Sebutkan alasan"):
        settle_comment(comment, colleague, "accepted", "")
    settle_comment(comment, colleague, "resolved", "KPI dipecah per kecamatan")
    comment.refresh_from_db()
    assert (comment.status, comment.resolved_by) == ("resolved", colleague)
    assert Notification.objects.filter(user=mentor).count() == 2
    assert mail.outbox[-1].to == ["mentor@itb.ac.id"]


def test_mentors_of_other_regions_cannot_comment_and_mentors_never_edit(
    mentor: User, bekasi: Region
) -> None:
    masterplan = make_masterplan()
    other = make_user("mentor.bekasi", Role.MENTOR, bekasi)
    with pytest.raises(PermissionDenied):
        add_comment(masterplan, other, "Komentar")
    with pytest.raises(PermissionDenied):
        require_editable(masterplan, mentor)
    comment = add_comment(masterplan, mentor, "Komentar")
    with pytest.raises(PermissionDenied):
        settle_comment(comment, mentor, "resolved", "")


def test_only_the_lead_opens_a_consultation(colleague: User, owner: User, officer: User) -> None:
    masterplan = make_masterplan()
    closes = timezone.now() + timedelta(days=14)
    for user in (owner, officer):
        with pytest.raises(PermissionDenied):
            open_consultation(masterplan, user, closes)
    window = open_consultation(masterplan, colleague, closes, "Mohon masukan warga")
    assert window.is_open()
    with pytest.raises(ParticipationError):
        open_consultation(masterplan, colleague, closes)


def test_the_public_reads_and_comments_only_while_the_window_is_open(
    client: Client, colleague: User
) -> None:
    masterplan = make_masterplan()
    url = f"/partisipasi/masterplan/{masterplan.pk}/konsultasi/"
    assert client.get(f"/masterplan/{masterplan.pk}/").status_code == 404
    assert client.get(url).status_code == 404
    window = open_consultation(masterplan, colleague, timezone.now() + timedelta(days=7))
    assert client.get(f"/masterplan/{masterplan.pk}/").status_code == 200
    assert client.get("/masterplan/").context["page"].paginator.count == 1
    response = client.post(url, {"name": "Siti", "section": "whole", "text": "Tambah taman"})
    assert response.status_code == 302
    assert PublicComment.objects.get().status == "pending"
    ConsultationWindow.objects.filter(pk=window.pk).update(closes_at=timezone.now())
    assert client.get(f"/masterplan/{masterplan.pk}/").status_code == 404
    with pytest.raises(ParticipationError, match="tidak dibuka"):
        submit_public_comment(masterplan, {"name": "A", "text": "B"}, "10.0.0.1")


def test_a_bot_filling_the_honeypot_is_dropped_silently(client: Client, colleague: User) -> None:
    masterplan = make_masterplan()
    open_consultation(masterplan, colleague, timezone.now() + timedelta(days=7))
    response = client.post(
        f"/partisipasi/masterplan/{masterplan.pk}/konsultasi/",
        {"name": "Bot", "section": "whole", "text": "Beli obat", "website": "http://spam"},
    )
    assert response.status_code == 302
    assert not PublicComment.objects.exists()


def test_one_address_may_send_only_a_few_comments_an_hour(colleague: User) -> None:
    masterplan = make_masterplan()
    open_consultation(masterplan, colleague, timezone.now() + timedelta(days=7))
    data = {"name": "Warga", "text": "Masukan"}
    for _ in range(RATE_LIMIT):
        submit_public_comment(masterplan, data, "10.0.0.7")
    with pytest.raises(ParticipationError, match="Terlalu banyak"):
        submit_public_comment(masterplan, data, "10.0.0.7")
    submit_public_comment(masterplan, data, "10.0.0.8")  # another address is not held back
    assert PublicComment.objects.count() == RATE_LIMIT + 1


def test_moderation_decides_what_the_public_sees_and_the_summary_follows(
    client: Client, colleague: User, owner: User
) -> None:
    masterplan = make_masterplan()
    open_consultation(masterplan, colleague, timezone.now() + timedelta(days=7))
    first = submit_public_comment(
        masterplan,
        {
            "name": "Siti",
            "text": "Perbanyak halte",
            "section": "programs",
            "program": masterplan.programs.get(code="LIV-01"),
        },
        "10.0.0.1",
    )
    second = submit_public_comment(masterplan, {"name": "Budi", "text": "Iklan judi"}, "10.0.0.2")
    page = client.get(f"/partisipasi/masterplan/{masterplan.pk}/konsultasi/")
    assert "Perbanyak halte" not in page.content.decode()  # pending: not shown
    moderate(first, owner, "approved", "Masuk program LIV-01 tahun 2028.")
    moderate(second, owner, "rejected")
    html = client.get(f"/partisipasi/masterplan/{masterplan.pk}/konsultasi/").content.decode()
    assert "Perbanyak halte" in html and "Masuk program LIV-01" in html
    assert "Iklan judi" not in html
    summary = consultation_summary(masterplan)
    assert "2 komentar diterima, 1 ditampilkan" in summary
    assert "Siti (LIV-01): Perbanyak halte" in summary
    assert "Jawaban: Masuk program LIV-01 tahun 2028." in summary
    client.force_login(owner)
    client.post(f"/partisipasi/masterplan/{masterplan.pk}/ringkasan/")
    masterplan.refresh_from_db()
    assert masterplan.consultation_summary == summary


def test_notifications_are_listed_and_marked_read(login, mentor: User, owner: User) -> None:
    add_comment(make_masterplan(), mentor, "Perjelas target")
    client = login(owner)
    assert client.get("/").context["unread_notifications"] == 1
    client.post("/partisipasi/notifikasi/")
    assert client.get("/").context["unread_notifications"] == 0


def test_an_enacted_masterplan_still_cannot_be_edited_by_commenting(mentor: User) -> None:
    masterplan = make_masterplan(status="enacted")
    add_comment(masterplan, mentor, "Catatan untuk edisi berikut")
    with pytest.raises((PermissionDenied, WorkflowError)):
        require_editable(masterplan, mentor)
    assert Comment.objects.count() == 1
