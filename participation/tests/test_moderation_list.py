"""The moderation queue as a list: sorted by its columns, downloaded as filtered, and only the
comments the team moderates on this masterplan in it."""

import io
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import User
from kotacerdas.tests.downloads import csv_rows
from masterplans.models import Masterplan
from masterplans.tests.factories import make_masterplan
from participation import views
from participation.models import ConsultationWindow, PublicComment

pytestmark = pytest.mark.django_db


def queue_url(masterplan: Masterplan) -> str:
    return f"/partisipasi/masterplan/{masterplan.pk}/moderasi/"


def comment(window: ConsultationWindow, name: str, **fields: object) -> PublicComment:
    """A resident's comment, its e-mail confirmed unless ``confirmed_at`` says otherwise."""
    values: dict[str, object] = {
        "email": f"{name.lower()}@example.id",
        "text": f"Usul {name}",
        "confirmed_at": timezone.now(),
    }
    values.update(fields)
    return PublicComment.objects.create(window=window, name=name, **values)


def test_the_queue_sorts_by_name_both_ways_and_keeps_the_sort_when_filtered(
    masterplan: Masterplan, window: ConsultationWindow, owner: User, login
) -> None:  # type: ignore[no-untyped-def]
    for name in ("Siti", "Ani", "Budi"):
        comment(window, name)
    client = login(owner)
    ascending = client.get(queue_url(masterplan) + "?urut=name")
    assert [c.name for c in ascending.context["page"]] == ["Ani", "Budi", "Siti"]
    descending = client.get(queue_url(masterplan) + "?urut=-name")
    assert [c.name for c in descending.context["page"]] == ["Siti", "Budi", "Ani"]
    html = descending.content.decode()
    assert 'aria-sort="descending"' in html
    assert '<input type="hidden" name="urut" value="-name">' in html


def test_the_queue_pages_keep_the_sort_and_the_filter(
    masterplan: Masterplan, window: ConsultationWindow, owner: User, login, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for name in ("Siti", "Ani", "Budi"):
        comment(window, name)
    page = login(owner).get(queue_url(masterplan) + "?status=pending&urut=-name")
    assert "?status=pending&amp;urut=-name&amp;page=2" in page.content.decode()
    second = login(owner).get(queue_url(masterplan) + "?status=pending&urut=-name&page=2")
    assert [c.name for c in second.context["page"]] == ["Ani"]


def test_the_download_holds_every_filtered_comment_and_none_the_page_would_not_show(
    masterplan: Masterplan, window: ConsultationWindow, owner: User, login, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    comment(window, "Siti", answer="Terima kasih")
    comment(window, "Ani", section="programs", program=masterplan.programs.get(code="LIV-01"))
    comment(window, "Budi", status="approved")
    comment(window, "Rina", confirmed_at=None)  # not confirmed: not moderated yet
    elsewhere = make_masterplan("32.75")
    now = timezone.now()
    other_window = ConsultationWindow.objects.create(
        masterplan=elsewhere, opens_at=now, closes_at=now + timedelta(days=7)
    )
    comment(other_window, "Dedi")
    client = login(owner)
    url = queue_url(masterplan) + "?status=pending&urut=name"
    rows = csv_rows(client, url + "&unduh=csv")
    assert rows[0] == [
        "Nama",
        "E-mail",
        "Waktu",
        "Bagian",
        "Program",
        "Status",
        "Komentar",
        "Jawaban tim",
    ]
    assert [(r[0], r[1], r[4], r[6], r[7]) for r in rows[1:]] == [
        ("Ani", "ani@example.id", "LIV-01", "Usul Ani", ""),
        ("Siti", "siti@example.id", "", "Usul Siti", "Terima kasih"),
    ]
    book = load_workbook(io.BytesIO(client.get(url + "&unduh=xlsx").content)).active
    assert book is not None
    assert [[c.value or "" for c in row] for row in book.iter_rows()] == rows


def test_only_the_moderators_download_the_queue(
    masterplan: Masterplan,
    window: ConsultationWindow,
    outsider: User,
    mentor: User,
    officer: User,
    login,
    client: Client,
) -> None:  # type: ignore[no-untyped-def]
    comment(window, "Siti")
    url = queue_url(masterplan) + "?unduh=csv"
    for user in (mentor, outsider):
        assert login(user).get(url).status_code == 403
    assert client.get(url).status_code == 302  # to the sign-in page
    assert len(csv_rows(login(officer), url)) == 2


def test_a_decision_comes_back_to_the_queue_as_it_was_sorted_and_filtered(
    masterplan: Masterplan, window: ConsultationWindow, owner: User, login
) -> None:  # type: ignore[no-untyped-def]
    siti = comment(window, "Siti")
    url = queue_url(masterplan) + "?status=pending&urut=-name"
    decided = login(owner).post(
        url, {"comment": siti.pk, "status": "approved", "answer": "Ya", "version": "1"}
    )
    assert decided.status_code == 302 and decided["Location"] == url
