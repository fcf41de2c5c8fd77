from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from accounts.models import User
from masterplans.models import Masterplan
from masterplans.tests.factories import make_masterplan
from participation.models import ConsultationWindow, PublicComment
from participation.services import (
    ADDRESS_LIMIT,
    RATE_LIMIT,
    UNCONFIRMED_LIMIT,
    ParticipationError,
    RateLimited,
    consultation_summary,
    consultation_summary_save,
    consultation_window_open,
    public_comment_moderate,
    public_comment_submit,
)
from participation.tests.conftest import resident_comment

pytestmark = pytest.mark.django_db


def consultation_url(masterplan: Masterplan) -> str:
    return f"/partisipasi/masterplan/{masterplan.pk}/konsultasi/"


def test_only_the_lead_opens_a_consultation(
    masterplan: Masterplan, colleague: User, owner: User, officer: User
) -> None:
    closes = timezone.now() + timedelta(days=14)
    for user in (owner, officer):
        with pytest.raises(PermissionDenied):
            consultation_window_open(masterplan=masterplan, user=user, closes_at=closes)
    window = consultation_window_open(
        masterplan=masterplan, user=colleague, closes_at=closes, intro="Mohon masukan warga"
    )
    assert window.is_open() and window.opened_by == colleague
    with pytest.raises(ParticipationError):
        consultation_window_open(masterplan=masterplan, user=colleague, closes_at=closes)


def test_the_lead_opens_it_from_the_page_until_a_date(
    masterplan: Masterplan, colleague: User, owner: User, login
) -> None:  # type: ignore[no-untyped-def]
    url = f"/partisipasi/masterplan/{masterplan.pk}/konsultasi/buka/"
    until = (timezone.localdate() + timedelta(days=10)).isoformat()
    assert login(owner).post(url, {"closes_at": until}).status_code == 403
    login(colleague).post(url, {"closes_at": until, "intro": "Ayo beri masukan"})
    window = ConsultationWindow.objects.get()
    assert window.intro == "Ayo beri masukan" and window.is_open()
    assert timezone.localtime(window.closes_at).date().isoformat() == until


def test_a_consultation_is_never_opened_in_the_past_or_on_a_public_masterplan(
    colleague: User,
) -> None:
    draft = make_masterplan()
    with pytest.raises(ParticipationError):
        consultation_window_open(
            masterplan=draft, user=colleague, closes_at=timezone.now() - timedelta(minutes=1)
        )
    enacted = make_masterplan(status="enacted", edition=2)
    with pytest.raises(ParticipationError, match="sudah publik"):
        consultation_window_open(
            masterplan=enacted, user=colleague, closes_at=timezone.now() + timedelta(days=7)
        )


def test_anyone_reads_the_draft_only_while_the_window_is_open(
    client: Client, masterplan: Masterplan, colleague: User
) -> None:
    assert client.get(f"/masterplan/{masterplan.pk}/").status_code == 404
    assert client.get(consultation_url(masterplan)).status_code == 404
    window = consultation_window_open(
        masterplan=masterplan, user=colleague, closes_at=timezone.now() + timedelta(days=7)
    )
    assert client.get(f"/masterplan/{masterplan.pk}/").status_code == 200
    assert client.get("/masterplan/").context["page"].paginator.count == 1
    assert client.get(consultation_url(masterplan)).status_code == 200
    ConsultationWindow.objects.filter(pk=window.pk).update(closes_at=timezone.now())
    assert client.get(f"/masterplan/{masterplan.pk}/").status_code == 404
    assert client.get("/masterplan/").context["page"].paginator.count == 0


def test_anyone_comments_only_while_the_window_is_open(
    client: Client, masterplan: Masterplan, window: ConsultationWindow
) -> None:
    response = client.post(
        consultation_url(masterplan),
        {"name": "Siti", "email": "siti@example.id", "section": "whole", "text": "Tambah taman"},
    )
    assert response.status_code == 302
    comment = PublicComment.objects.get()
    assert (comment.status, comment.email, comment.window) == ("pending", "siti@example.id", window)
    ConsultationWindow.objects.filter(pk=window.pk).update(closes_at=timezone.now())
    with pytest.raises(ParticipationError, match="tidak dibuka"):
        public_comment_submit(
            masterplan=masterplan, data={"name": "A", "text": "B"}, address="10.0.0.1"
        )
    response = client.post(
        consultation_url(masterplan), {"name": "A", "section": "whole", "text": "B"}
    )
    assert response.status_code == 404
    assert PublicComment.objects.count() == 1


def test_a_bot_filling_the_honeypot_is_dropped_silently(
    client: Client, masterplan: Masterplan, window: ConsultationWindow
) -> None:
    response = client.post(
        consultation_url(masterplan),
        {
            "name": "Bot",
            "email": "bot@spam.example",
            "section": "whole",
            "text": "Beli obat",
            "website": "http://spam",
        },
        follow=True,
    )
    assert response.status_code == 200
    # The bot reads what a person reads, and no e-mail leaves.
    assert "Terima kasih. Kami mengirim tautan ke bot@spam.example" in response.content.decode()
    assert not PublicComment.objects.exists() and not mail.outbox


def test_a_comment_needs_an_e_mail_and_counts_once_its_link_is_opened(
    client: Client,
    masterplan: Masterplan,
    window: ConsultationWindow,
    owner: User,
    login,
    django_capture_on_commit_callbacks,
) -> None:  # type: ignore[no-untyped-def]
    url = consultation_url(masterplan)
    typed = {"name": "Siti", "section": "whole", "text": "Tambah taman"}
    response = client.post(url, typed)
    assert response.status_code == 200 and not PublicComment.objects.exists()
    assert "Tambah taman" in response.content.decode()  # what was typed comes back
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {**typed, "email": "Siti@Example.id"})
    comment = PublicComment.objects.get()
    assert comment.email == "siti@example.id" and comment.confirmed_at is None
    moderation = f"/partisipasi/masterplan/{masterplan.pk}/moderasi/"
    assert not login(owner).get(moderation).context["page"].object_list  # not before the link
    (message,) = mail.outbox
    assert message.to == ["siti@example.id"]
    link = next(w for w in message.body.split() if "/partisipasi/konfirmasi/" in w)
    path = link.removeprefix("http://127.0.0.1:8000")
    # Opening the link (a mail scanner does) confirms nothing; its button does.
    assert "Konfirmasi komentar saya" in client.get(path).content.decode()
    comment.refresh_from_db()
    assert comment.confirmed_at is None
    response = client.post(path)
    assert "Komentar Anda sudah dikonfirmasi" in response.content.decode()
    comment.refresh_from_db()
    assert comment.confirmed_at is not None
    assert list(login(owner).get(moderation).context["page"].object_list) == [comment]
    # The same browser's next comment from that address needs no new link.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {**typed, "email": "siti@example.id", "text": "Dan halte"})
    assert not mail.outbox
    assert PublicComment.objects.get(text="Dan halte").confirmed_at is not None
    # Another browser is sent a link again.
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(url, {**typed, "email": "siti@example.id", "text": "Dari warnet"})
    assert len(mail.outbox) == 1
    assert Client().post("/partisipasi/konfirmasi/palsu/").status_code == 404


def test_a_confirmation_link_expires(masterplan: Masterplan, window: ConsultationWindow) -> None:
    from participation.services import CONFIRM_DAYS, _token_hash, public_comment_confirm

    comment = PublicComment.objects.create(
        window=window, name="Siti", email="s@example.id", text="Taman", token_hash=_token_hash("t")
    )
    PublicComment.objects.filter(pk=comment.pk).update(
        created_at=timezone.now() - timedelta(days=CONFIRM_DAYS, minutes=1)
    )
    with pytest.raises(ParticipationError, match="kedaluwarsa"):
        public_comment_confirm(token="t")


def test_one_e_mail_or_one_browser_sends_only_a_few_comments_an_hour_but_an_office_may_share(
    masterplan: Masterplan, window: ConsultationWindow
) -> None:
    def send(email: str, address: str = "10.0.0.7", session: str = "") -> None:  # unconfirmed
        data = {"name": "Warga", "email": email, "text": "Masukan"}
        public_comment_submit(
            masterplan=masterplan, data=data, address=address, session_key=session
        )

    for _ in range(RATE_LIMIT):
        send("siti@example.id")
    with pytest.raises(RateLimited, match="Terlalu banyak"):
        send("siti@example.id", address="10.0.0.99")  # the e-mail, from anywhere
    for n in range(RATE_LIMIT):
        send(f"warga{n}@example.id", session="sesi-a")
    with pytest.raises(RateLimited):
        send("lain@example.id", session="sesi-a")  # one browser, whatever the e-mail
    # A whole office behind one NAT address: many people, each their own e-mail and browser.
    for n in range(20):
        send(f"pegawai{n}@kantor.go.id", address="10.0.0.7", session=f"sesi-{n}")
    assert PublicComment.objects.filter(email__endswith="@kantor.go.id").count() == 20
    # Links to addresses not yet confirmed, from one address: at most UNCONFIRMED_LIMIT an hour.
    for n in range(UNCONFIRMED_LIMIT):
        send(f"x{n}@example.id", address="10.0.0.50", session=f"s{n}")
    with pytest.raises(RateLimited):
        send("terakhir@example.id", address="10.0.0.50", session="baru")
    # Addresses confirmed in their own browser still get through, up to ADDRESS_LIMIT (the
    # refused attempt above counted too).
    for n in range(ADDRESS_LIMIT - UNCONFIRMED_LIMIT - 1):
        email = f"dikenal{n}@example.id"
        public_comment_submit(
            masterplan=masterplan,
            data={"name": "W", "email": email, "text": "Lagi"},
            address="10.0.0.50",
            session_key=f"k{n}",
            confirmed_emails=frozenset({email}),
        )
    with pytest.raises(RateLimited):
        public_comment_submit(
            masterplan=masterplan,
            data={"name": "W", "email": "dikenal@example.id", "text": "Lagi"},
            address="10.0.0.50",
            session_key="k",
            confirmed_emails=frozenset({"dikenal@example.id"}),
        )


@pytest.mark.cache
def test_the_rate_limit_counts_the_address_the_trusted_proxy_saw(
    client: Client, masterplan: Masterplan, window: ConsultationWindow, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.KC_TRUSTED_PROXIES = 1
    for n in range(UNCONFIRMED_LIMIT + 1):
        data = {"name": "W", "email": f"w{n}@example.id", "section": "whole", "text": "Masukan"}
        # A client inventing X-Forwarded-For entries does not escape: the proxy's own is used.
        Client().post(
            consultation_url(masterplan), data, headers={"x-forwarded-for": f"1.1.1.{n}, 10.9.9.9"}
        )
    assert PublicComment.objects.count() == UNCONFIRMED_LIMIT
    data = {"name": "W", "email": "lain@example.id", "section": "whole", "text": "Masukan"}
    client.post(consultation_url(masterplan), data, headers={"x-forwarded-for": "10.9.9.10"})
    assert PublicComment.objects.count() == UNCONFIRMED_LIMIT + 1


def test_the_lead_closes_the_consultation_early_after_confirming(
    masterplan: Masterplan, window: ConsultationWindow, colleague: User, owner: User, login
) -> None:  # type: ignore[no-untyped-def]
    url = f"/partisipasi/masterplan/{masterplan.pk}/konsultasi/tutup/"
    assert login(owner).post(url, {"confirmed": "1"}).status_code == 403  # an editor may not
    page = login(colleague).post(url)
    assert "Tutup konsultasi publik sekarang?" in page.content.decode()
    window.refresh_from_db()
    assert window.is_open()  # asked, not done
    login(colleague).post(url, {"confirmed": "1"})
    window.refresh_from_db()
    assert not window.is_open() and window.closed_by == colleague
    assert login(colleague).post(url, {"confirmed": "1"}).status_code == 404  # nothing open


def test_the_consultation_has_a_link_to_share_and_a_printable_notice_with_its_qr_code(
    client: Client, masterplan: Masterplan, window: ConsultationWindow, owner: User, login
) -> None:  # type: ignore[no-untyped-def]
    from masterplans.tests.test_book import pdf_text

    html = client.get(consultation_url(masterplan)).content.decode()
    assert f"http://127.0.0.1:8000/partisipasi/masterplan/{masterplan.pk}/konsultasi/" in html
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html
    notice = f"/partisipasi/masterplan/{masterplan.pk}/konsultasi/pengumuman/"
    assert notice not in html  # typeset on request: for the team that posts it
    assert client.get(notice).status_code == 302
    team = login(owner)
    assert notice in team.get(consultation_url(masterplan)).content.decode()
    response = team.get(notice)
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Kota Bandung" in text and "Pindai kode" in text
    ConsultationWindow.objects.filter(pk=window.pk).update(closes_at=timezone.now())
    assert team.get(notice).status_code == 404


def test_pending_and_rejected_comments_are_not_shown_to_the_public(
    client: Client, masterplan: Masterplan, window: ConsultationWindow, owner: User
) -> None:
    first = resident_comment(masterplan, {"name": "Siti", "text": "Perbanyak halte"}, "a")
    second = resident_comment(masterplan, {"name": "Budi", "text": "Iklan judi"}, "b")
    assert first is not None and second is not None
    assert "Perbanyak halte" not in client.get(consultation_url(masterplan)).content.decode()
    public_comment_moderate(
        comment=first,
        user=owner,
        status="approved",
        answer="Masuk program LIV-01 tahun 2028.",
        base_version=1,
    )
    public_comment_moderate(comment=second, user=owner, status="rejected", base_version=1)
    html = client.get(consultation_url(masterplan)).content.decode()
    assert "Perbanyak halte" in html and "Masuk program LIV-01" in html
    assert "Iklan judi" not in html


def test_the_team_and_national_staff_moderate_but_not_mentors_or_outsiders(
    masterplan: Masterplan,
    window: ConsultationWindow,
    officer: User,
    outsider: User,
    mentor: User,
    login,
) -> None:  # type: ignore[no-untyped-def]
    comment = resident_comment(masterplan, {"name": "Siti", "text": "Halte"}, "a")
    assert comment is not None
    url = f"/partisipasi/masterplan/{masterplan.pk}/moderasi/"
    for user in (mentor, outsider):
        with pytest.raises(PermissionDenied):
            public_comment_moderate(comment=comment, user=user, status="approved", base_version=1)
        assert login(user).get(url).status_code == 403
    assert login(officer).get(url).context["page"].object_list[0] == comment  # pending queue
    login(officer).post(
        url,
        {"comment": comment.pk, "status": "approved", "answer": "Terima kasih", "version": "1"},
    )
    comment.refresh_from_db()
    assert (comment.status, comment.answer, comment.answered_by) == (
        "approved",
        "Terima kasih",
        officer,
    )


def test_the_summary_counts_per_part_and_dimension_with_the_answers(
    masterplan: Masterplan, window: ConsultationWindow, owner: User
) -> None:
    programs = {p.code: p for p in masterplan.programs.all()}
    sent = [
        (
            {
                "name": "Siti",
                "text": "Perbanyak halte",
                "section": "programs",
                "program": programs["LIV-01"],
            },
            "approved",
            "Masuk program LIV-01 tahun 2028.",
        ),
        (
            {
                "name": "Ani",
                "text": "Bus listrik",
                "section": "programs",
                "program": programs["LIV-01"],
            },
            "approved",
            "",
        ),
        ({"name": "Dedi", "text": "Visinya bagus", "section": "vision"}, "approved", ""),
        ({"name": "Budi", "text": "Iklan judi"}, "rejected", ""),
        ({"name": "Rina", "text": "Belum dibaca"}, "pending", ""),
    ]
    for n, (data, status, answer) in enumerate(sent):
        comment = resident_comment(masterplan, data, f"10.0.0.{n}")
        assert comment is not None
        if status != "pending":
            public_comment_moderate(
                comment=comment, user=owner, status=status, answer=answer, base_version=1
            )
    summary = consultation_summary(masterplan)
    assert "5 komentar diterima, 3 ditampilkan" in summary
    assert f"{timezone.localtime(window.opens_at):%d/%m/%Y}" in summary
    assert "- program: 2" in summary and "- visi, misi, dan target: 1" in summary
    assert "- Smart Living: 2" in summary
    assert "Siti (LIV-01): Perbanyak halte" in summary
    assert "Jawaban: Masuk program LIV-01 tahun 2028." in summary
    assert "Ani (LIV-01): Bus listrik\nJawaban: (belum dijawab)" in summary
    assert "Iklan judi" not in summary and "Belum dibaca" not in summary


def test_the_summary_is_saved_into_the_masterplan_from_the_moderation_page(
    masterplan: Masterplan, window: ConsultationWindow, owner: User, login
) -> None:  # type: ignore[no-untyped-def]
    comment = resident_comment(masterplan, {"name": "Siti", "text": "Halte"}, "a")
    assert comment is not None
    public_comment_moderate(
        comment=comment, user=owner, status="approved", answer="Ya", base_version=1
    )
    login(owner).post(f"/partisipasi/masterplan/{masterplan.pk}/ringkasan/")
    masterplan.refresh_from_db()
    assert masterplan.consultation_summary == consultation_summary(masterplan)
    assert "Siti: Halte" in masterplan.consultation_summary


def test_the_summary_is_not_written_into_a_masterplan_under_review(
    masterplan: Masterplan, owner: User
) -> None:
    Masterplan.objects.filter(pk=masterplan.pk).update(status="in_review")
    masterplan.refresh_from_db()
    with pytest.raises(ParticipationError):
        consultation_summary_save(masterplan=masterplan, user=owner)


def test_a_malformed_moderation_form_answers_404(
    masterplan: Masterplan, window: ConsultationWindow, owner: User, login
) -> None:  # type: ignore[no-untyped-def]
    url = f"/partisipasi/masterplan/{masterplan.pk}/moderasi/"
    for value in ("abc", "99999999999999999999", ""):
        response = login(owner).post(url, {"comment": value, "status": "approved"})
        assert response.status_code == 404


def test_of_two_moderators_deciding_from_one_version_the_second_is_refused_and_keeps_its_answer(
    masterplan: Masterplan, window: ConsultationWindow, owner: User, officer: User, login
) -> None:  # type: ignore[no-untyped-def]
    comment = resident_comment(masterplan, {"name": "Siti", "text": "Halte"}, "a")
    assert comment is not None
    url = f"/partisipasi/masterplan/{masterplan.pk}/moderasi/"
    first = {"comment": comment.pk, "status": "approved", "answer": "Ya", "version": "1"}
    assert login(officer).post(url, first).status_code == 302
    second = {**first, "status": "rejected", "answer": "Jawaban kedua"}
    refused = login(owner).post(url, second)
    assert refused.status_code == 409 and "Jawaban kedua" in refused.content.decode()
    comment.refresh_from_db()
    assert (comment.status, comment.answer, comment.version) == ("approved", "Ya", 2)


def test_a_draft_open_for_consultation_shows_the_public_only_the_draft(
    client: Client, masterplan: Masterplan, window: ConsultationWindow, officer: User
) -> None:
    from masterplans.models import MasterplanVersion
    from participation.models import Comment

    Comment.objects.create(masterplan=masterplan, text="Catatan pendamping internal")
    MasterplanVersion.objects.create(
        masterplan=masterplan,
        number=1,
        status="revision",
        note="Catatan penelaah: perbaiki anggaran",
        snapshot={"programs": {}},
        created_by=officer,
    )
    detail = client.get(f"/masterplan/{masterplan.pk}/")
    assert detail.status_code == 200  # the public reads the draft while it is consulted
    for url in (
        f"/masterplan/{masterplan.pk}/",
        f"/masterplan/{masterplan.pk}/versi/",
        consultation_url(masterplan),
    ):
        body = client.get(url).content.decode()
        assert "Catatan penelaah" not in body and "Catatan pendamping" not in body, url
    assert client.get(f"/api/v1/masterplans/{masterplan.pk}/versions").json() == []
    assert client.get(f"/api/v1/masterplans/{masterplan.pk}/comments").status_code in (401, 403)
    assert client.get(f"/partisipasi/masterplan/{masterplan.pk}/komentar/").status_code != 200


def test_a_link_opened_after_the_consultation_closed_still_confirms_and_says_so(
    client: Client, masterplan: Masterplan, window: ConsultationWindow
) -> None:
    from participation.services import _token_hash

    comment = PublicComment.objects.create(
        window=window, name="Siti", email="s@example.id", text="Taman", token_hash=_token_hash("t")
    )
    ConsultationWindow.objects.filter(pk=window.pk).update(closes_at=timezone.now())
    response = client.post("/partisipasi/konfirmasi/t/")
    assert response.status_code == 200
    assert "Komentar Anda sudah dikonfirmasi" in response.content.decode()
    comment.refresh_from_db()
    assert comment.confirmed_at is not None
