import pytest
from django.core import mail

from accounts.models import User
from inbox.models import Notification
from masterplans.models import Masterplan
from participation.services import comment_add, comment_settle

pytestmark = pytest.mark.django_db


def test_a_new_comment_notifies_the_regions_team_by_app_and_e_mail(
    masterplan: Masterplan,
    mentor: User,
    owner: User,
    colleague: User,
    outsider: User,
    django_capture_on_commit_callbacks,
) -> None:  # type: ignore[no-untyped-def]
    owner.email = "editor@bandung.go.id"
    owner.save()
    colleague.email = "lead@bandung.go.id"
    colleague.save()
    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_add(masterplan=masterplan, user=mentor, text="KPI terlalu umum.")
    assert {n.user for n in Notification.objects.all()} == {owner, colleague}
    note = Notification.objects.get(user=owner)
    assert note.url == (
        f"/partisipasi/masterplan/{masterplan.pk}/komentar/?utas={comment.pk}#comment-{comment.pk}"
    )
    assert note.read_at is None
    # One message each: nobody learns the others' addresses.
    assert sorted(m.to for m in mail.outbox) == [["editor@bandung.go.id"], ["lead@bandung.go.id"]]
    assert f"http://127.0.0.1:8000{note.url}" in mail.outbox[0].body


def test_a_reply_notifies_the_threads_participants_but_not_its_writer(
    masterplan: Masterplan, mentor: User, owner: User, colleague: User
) -> None:
    comment = comment_add(masterplan=masterplan, user=mentor, text="Perjelas target.")
    Notification.objects.all().delete()
    comment_add(masterplan=masterplan, user=owner, text="Target dipecah per tahun.", parent=comment)
    assert [n.user for n in Notification.objects.all()] == [mentor]
    comment_add(masterplan=masterplan, user=mentor, text="Terima kasih.", parent=comment)
    assert [n.user for n in Notification.objects.filter(user=owner)] == [owner]
    assert not Notification.objects.filter(user=colleague).exists()  # not in this thread


def test_settling_a_comment_notifies_its_author_and_e_mails_them(
    masterplan: Masterplan, mentor: User, colleague: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    comment = comment_add(masterplan=masterplan, user=mentor, text="Tambahkan baseline.")
    with django_capture_on_commit_callbacks(execute=True):
        comment_settle(
            comment=comment, user=colleague, status="accepted", note="Baseline belum tersedia"
        )
    note = Notification.objects.get(user=mentor)
    assert "diterima tanpa perubahan" in note.text and note.params["status"] == "accepted"
    assert [m.to for m in mail.outbox] == [["mentor@itb.ac.id"]]


def test_users_without_an_e_mail_address_get_only_the_in_app_notification(
    masterplan: Masterplan, mentor: User, owner: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        comment_add(masterplan=masterplan, user=mentor, text="Komentar")
    assert Notification.objects.filter(user=owner).exists()
    assert mail.outbox == []


def test_the_header_shows_the_unread_count_and_notifications_are_marked_read(
    masterplan: Masterplan, mentor: User, owner: User, login
) -> None:  # type: ignore[no-untyped-def]
    first = comment_add(masterplan=masterplan, user=mentor, text="Perjelas target")
    comment_add(masterplan=masterplan, user=mentor, text="Perjelas visi")
    client = login(owner)
    home = client.get("/")
    assert home.context["unread_notifications"] == 2
    assert 'data-testid="unread">2<' in home.content.decode()
    url = "/untuk-anda/"
    one = Notification.objects.filter(user=owner).order_by("pk").first()
    assert one is not None
    client.post(url, {"notification": one.pk})
    assert client.get("/").context["unread_notifications"] == 1
    assert len(client.get(url, {"state": "unread"}).context["page"].object_list) == 1
    client.post(url)
    assert client.get("/").context["unread_notifications"] == 0
    assert first.pk


def test_nobody_marks_another_users_notifications(
    masterplan: Masterplan, mentor: User, owner: User, colleague: User, login
) -> None:  # type: ignore[no-untyped-def]
    comment_add(masterplan=masterplan, user=mentor, text="Perjelas target")
    theirs = Notification.objects.get(user=colleague)
    login(owner).post("/untuk-anda/", {"notification": theirs.pk})
    theirs.refresh_from_db()
    assert theirs.read_at is None
