"""Mentoring and consultation in Debian's Chromium: a mentor's comment reaches the team's
header, the notification is marked read, and a resident comments under the real CSP while the
honeypot stays out of sight."""

import re
from datetime import timedelta

from portal.tests.browser import BROWSER_TEST, assert_accessible

pytest_plugins = ["portal.tests.browser"]
pytestmark = BROWSER_TEST


def test_a_mentors_comment_shows_in_the_teams_header_until_read(
    page_as, owner, mentor, masterplan
) -> None:  # type: ignore[no-untyped-def]
    page = page_as(mentor)
    page.goto(f"/partisipasi/masterplan/{masterplan.pk}/komentar/")
    page.get_by_label("Komentar", exact=True).fill("Target layanan daring perlu baseline.")
    page.get_by_role("button", name="Kirim komentar").click()
    page.get_by_test_id("threads").get_by_text("Target layanan daring perlu baseline.").wait_for()

    page = page_as(owner, bypass_csp=True)
    page.goto("/")
    assert page.get_by_test_id("unread").inner_text() == "1"
    page.get_by_role("link", name=re.compile("^Untuk Anda: 1 notifikasi")).click()
    assert_accessible(page)
    page.get_by_role("button", name="Tandai dibaca").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("unread").count() == 0


def test_a_resident_comments_under_the_csp_and_the_honeypot_stays_hidden(
    open_page, colleague, masterplan
) -> None:  # type: ignore[no-untyped-def]
    from django.utils import timezone

    from participation.models import PublicComment
    from participation.services import consultation_window_open

    consultation_window_open(
        masterplan=masterplan, user=colleague, closes_at=timezone.now() + timedelta(days=7)
    )
    page = open_page()
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security" in m.text else None)
    page.goto(f"/partisipasi/masterplan/{masterplan.pk}/konsultasi/")
    box = page.locator("#id_website").bounding_box()
    assert box is None or box["x"] + box["width"] <= 0  # off screen, out of the tab order
    assert page.locator("#id_website").get_attribute("tabindex") == "-1"
    form = page.get_by_test_id("public-comment-form")
    form.get_by_label("Nama", exact=True).fill("Siti")
    form.get_by_label("E-mail (tidak ditampilkan)").fill("siti@example.id")
    form.get_by_label("Komentar", exact=True).fill("Perbanyak halte bus.")
    form.get_by_role("button", name="Kirim komentar").click()
    page.get_by_text("Terima kasih. Kami mengirim tautan ke siti@example.id").wait_for()
    assert PublicComment.objects.get().status == "pending"
    assert blocked == []
