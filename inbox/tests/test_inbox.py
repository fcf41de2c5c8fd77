"""Where people land and how they are told: after signing in, what waits for them with its
counts; the bell's count of unread notifications; e-mail at once, in a daily digest, or not."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts.models import User
from inbox.models import Delivery, Kind, Notification, Preference
from inbox.services import digest_send, notify
from masterplans.models import Masterplan
from masterplans.workflow import transition

pytestmark = pytest.mark.django_db


def test_signing_in_lands_on_what_is_waiting_with_its_counts(
    masterplan: Masterplan, colleague: User, officer: User
) -> None:
    colleague.set_password("rahasia-panjang-sekali")
    colleague.save()
    client = Client()
    response = client.post(
        "/akun/masuk/", {"username": "lead.bandung", "password": "rahasia-panjang-sekali"}
    )
    assert response.status_code == 302 and response["Location"] == "/untuk-anda/"
    body = client.get("/untuk-anda/").content.decode()
    counts = body[body.index('data-testid="task-counts"') :].split("</p>")[0]
    assert '<span class="badge">1</span> draf untuk diselesaikan' in counts
    transition(masterplan, "submit", colleague)
    body = Client()
    body.force_login(officer)
    page = body.get("/untuk-anda/").content.decode()
    assert '<span class="badge">1</span> tinjauan untuk diberikan' in page
    assert "1 notifikasi belum dibaca" in page


def test_the_bell_counts_unread_notifications_and_reading_them_clears_it(
    masterplan: Masterplan, owner: User, login
) -> None:  # type: ignore[no-untyped-def]
    notify([owner], Kind.OTHER, "/", text="Satu")
    notify([owner], Kind.OTHER, "/", text="Dua")
    client = login(owner)
    assert 'data-testid="unread">2</span>' in client.get("/").content.decode()
    first = Notification.objects.filter(user=owner).last()
    assert first is not None
    client.post("/untuk-anda/", {"notification": first.pk})
    assert 'data-testid="unread">1</span>' in client.get("/").content.decode()
    client.post("/untuk-anda/")
    assert 'data-testid="unread"' not in client.get("/").content.decode()


def test_marking_all_read_under_a_kind_filter_marks_that_kind_only(owner: User, login) -> None:  # type: ignore[no-untyped-def]
    notify([owner], Kind.OTHER, "/", text="Lain")
    notify([owner], Kind.APPROVED, "/", params={"who": "Petugas", "region": "Kota Bandung"})
    client = login(owner)

    filtered = client.get("/untuk-anda/?kind=approved").content.decode()
    client.post("/untuk-anda/?kind=approved")

    assert "Tandai semua jenis ini sudah dibaca" in filtered
    unread = Notification.objects.filter(user=owner, read_at=None)
    assert list(unread.values_list("kind", flat=True)) == [Kind.OTHER]


def test_nobody_marks_another_persons_notification_read(owner: User, outsider: User, login) -> None:  # type: ignore[no-untyped-def]
    (theirs,) = notify([owner], Kind.OTHER, "/", text="Milik editor")
    login(outsider).post("/untuk-anda/", {"notification": theirs.pk})
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_each_person_chooses_how_e_mail_reaches_them(
    owner: User, colleague: User, officer: User, login, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    for user in (owner, colleague, officer):
        user.email = f"{user.username}@example.id"
        user.save()
    for user, choice in ((colleague, "digest"), (officer, "off")):
        chosen = login(user).post("/untuk-anda/e-mail/", {"email": choice, "language": "id"})
        assert chosen.status_code == 302
    assert Preference.objects.get(user=colleague).email == Delivery.DIGEST
    with django_capture_on_commit_callbacks(execute=True):
        notify([owner, colleague, officer], Kind.OTHER, "/wilayah/32.73/", text="Langkah pertama")
        notify([owner, colleague, officer], Kind.OTHER, "/wilayah/32.73/", text="Langkah kedua")
    assert [m.to for m in mail.outbox] == [["editor.bandung@example.id"]] * 2
    # Every notification is in the app, whatever the choice.
    assert Notification.objects.filter(user=officer).count() == 2
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert digest_send() == 1
    (digest,) = mail.outbox
    assert digest.to == ["lead.bandung@example.id"]
    assert digest.subject == "[Kota Cerdas] 2 notifikasi hari ini"
    assert "- Langkah pertama" in digest.body and "- Langkah kedua" in digest.body
    assert "/untuk-anda/" in digest.body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert digest_send() == 0  # sent once only


def test_a_digest_catches_up_on_missed_days_but_not_on_old_news(colleague: User) -> None:
    colleague.email = "lead@example.id"
    colleague.save()
    Preference.objects.create(user=colleague, email=Delivery.DIGEST)
    (missed,) = notify([colleague], Kind.OTHER, "/", text="Kemarin lusa")
    (old,) = notify([colleague], Kind.OTHER, "/", text="Bulan lalu")
    Notification.objects.filter(pk=missed.pk).update(created_at=timezone.now() - timedelta(days=2))
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=30))
    assert digest_send() == 1  # the digest did not run yesterday: today's sends what it missed
    old.refresh_from_db()
    assert old.emailed_at is None


def test_a_note_with_line_breaks_still_makes_a_one_line_subject(
    owner: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    owner.email = "editor@example.id"
    owner.save()
    params = {"who": "officer", "region": "Kota Bandung", "note": "Lengkapi KPI.\nTambah mitra."}
    with django_capture_on_commit_callbacks(execute=True):
        notify([owner], Kind.REVISION, "/", params=params)
    (message,) = mail.outbox
    assert "\n" not in message.subject and "Lengkapi KPI. Tambah mitra." in message.subject


def test_the_choice_posted_back_unchanged_writes_nothing(colleague: User, login) -> None:  # type: ignore[no-untyped-def]
    client = login(colleague)
    client.post("/untuk-anda/e-mail/", {"email": "digest", "language": "id"})
    before = Preference.objects.get(user=colleague).updated_at
    client.post("/untuk-anda/e-mail/", {"email": "digest", "language": "id"})
    assert Preference.objects.get(user=colleague).updated_at == before
    response = client.post("/untuk-anda/e-mail/", {"email": "kadang"})
    assert response.status_code == 200 and "Pilih" in response.content.decode()


def test_a_notification_reads_in_the_readers_language(owner: User, login) -> None:  # type: ignore[no-untyped-def]
    notify([owner], Kind.APPROVED, "/", params={"who": "officer", "region": "Kota Bandung"})
    client = login(owner)
    assert (
        "officer menyetujui masterplan Kota Bandung" in client.get("/untuk-anda/").content.decode()
    )
    client.cookies["django_language"] = "en"
    english = client.get("/untuk-anda/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "officer approved the masterplan of Kota Bandung" in english


def test_the_notifications_filter_by_state_and_kind_and_download_as_filtered(
    owner: User, login
) -> None:  # type: ignore[no-untyped-def]
    params = {"who": "officer", "region": "Kota Bandung"}
    notify([owner], Kind.APPROVED, "/", params=params)
    (read,) = notify([owner], Kind.OTHER, "/", text="Sudah dibaca")
    notify([owner], Kind.OTHER, "/", text="Belum dibaca")
    client = login(owner)
    client.post("/untuk-anda/", {"notification": read.pk})

    page = client.get("/untuk-anda/?state=unread&kind=other").content.decode()
    feed = page[page.index('data-testid="notifications"') :]
    assert "Belum dibaca" in feed and "Sudah dibaca" not in feed and "menyetujui" not in feed
    assert '<option value="approved">Masterplan disetujui</option>' in page
    assert '<option value="submitted">' not in page  # only the kinds received
    download = client.get("/untuk-anda/?state=read&unduh=csv").content.decode()
    assert download.splitlines()[0].removeprefix("\ufeff") == (
        "Waktu,Jenis,Notifikasi,Wilayah,Tautan,Keadaan"
    )
    assert "Sudah dibaca" in download and "Belum dibaca" not in download
    # Marking all read keeps the filters.
    answer = client.post("/untuk-anda/?kind=other")
    assert answer["Location"] == "/untuk-anda/?kind=other"
