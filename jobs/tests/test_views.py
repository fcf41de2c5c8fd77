"""The page where a person waits for long work, and its file."""

import pytest
from django.test import Client

from jobs.models import Job
from masterplans.tests.factories import make_masterplan
from masterplans.workflow import transition

pytestmark = pytest.mark.django_db


def test_the_page_shows_the_steps_and_asks_again_until_the_book_is_ready(
    login, owner, django_capture_on_commit_callbacks, quick_book
) -> None:  # type: ignore[no-untyped-def]
    client = login(owner)
    masterplan = make_masterplan()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        asked = client.get(f"/masterplan/{masterplan.pk}/unduh.pdf")
    waiting = client.get(asked["Location"])
    page = waiting.content.decode()
    assert waiting.status_code == 200
    assert '<meta http-equiv="refresh" content="2">' in page
    assert '<progress value="0" max="100"' in page
    assert "Mengumpulkan program, anggaran dan KPI" in page
    assert "Menyusun halaman" in page
    assert "/berkas" not in page

    queued[0]()
    ready = client.get(asked["Location"]).content.decode()
    job = Job.objects.get()
    assert "http-equiv" not in ready
    assert f'href="/unduhan/{job.pk}/berkas"' in ready
    assert "masterplan-32.73-2027-e1.pdf" in ready
    assert f'href="/masterplan/{masterplan.pk}/"' in ready


def test_a_failed_book_says_so_on_the_page(
    login, owner, monkeypatch, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    from jobs.kinds import KINDS
    from kotacerdas.pdf import PdfUnavailable

    def unavailable(self, params, step):  # type: ignore[no-untyped-def]
        raise PdfUnavailable("pango missing at /usr/lib")

    monkeypatch.setattr(type(KINDS["masterplan_book"]), "build", unavailable)
    client = login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.get(f"/masterplan/{make_masterplan().pk}/unduh.pdf")
    page = client.get(asked["Location"]).content.decode()
    assert "Server belum dapat membuat dokumen PDF" in page
    assert "pango" not in page and "http-equiv" not in page


def test_the_book_of_a_draft_is_hidden_like_the_draft_and_follows_it_once_public(
    client: Client,
    login,
    owner,
    outsider,
    colleague,
    officer,
    django_capture_on_commit_callbacks,
    quick_book,
) -> None:  # type: ignore[no-untyped-def]
    masterplan = make_masterplan()
    with django_capture_on_commit_callbacks(execute=True):
        asked = login(owner).get(f"/masterplan/{masterplan.pk}/unduh.pdf")
    job_page = asked["Location"]
    for visitor in (client, login(outsider)):
        assert visitor.get(job_page).status_code == 404
        assert visitor.get(f"{job_page}berkas").status_code == 404
    transition(transition(masterplan, "submit", colleague), "approve", officer)
    assert client.get(job_page).status_code == 200  # now the public's, like the masterplan


def test_an_unknown_job_is_not_found(client: Client) -> None:
    assert client.get("/unduhan/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert client.get("/unduhan/bukan-uuid/").status_code == 404
