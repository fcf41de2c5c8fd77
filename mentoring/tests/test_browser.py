"""Bimtek in Chromium: the officer schedules a workshop and records a region's attendance,
then the cohort page shows it."""

from django.core.management import call_command

from portal.tests.browser import BROWSER_TEST
from selection.models import SelectionRound

pytest_plugins = ["portal.tests.browser"]
pytestmark = BROWSER_TEST


def test_an_officer_schedules_bimtek_1_and_records_bandungs_attendance(
    page_as, officer, bandung
) -> None:  # type: ignore[no-untyped-def]
    call_command("load_history", verbosity=0)
    cohort = SelectionRound.objects.get(year=2017)
    page = page_as(officer)
    page.goto(f"/masterplan/bimtek/{cohort.pk}/")
    page.get_by_role("link", name="Jadwalkan bimtek 1").click()
    page.fill("#id_start_date", "2017-06-13")
    page.fill("#id_end_date", "2017-06-15")
    page.fill("#id_place", "Jakarta")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url(f"**/masterplan/bimtek/{cohort.pk}/")

    page.get_by_role("link", name="Catat kehadiran").click()
    prefix = f"#id_r{bandung.pk}"
    page.check(f"{prefix}-present")
    page.fill(f"{prefix}-names", "Budi (Diskominfo)\nSari (Bappeda)\nAnton (Bappeda)")
    page.get_by_role("button", name="Simpan kehadiran").click()
    page.wait_for_url(f"**/masterplan/bimtek/{cohort.pk}/")
    assert "Kehadiran disimpan untuk 1 daerah." in page.content()
    row = page.locator("#attendance-table tr", has=page.locator("th", has_text="Kota Bandung"))
    assert "✓ 3 orang" in row.inner_text()
    page.screenshot(path="var/screenshots/bimtek.png", full_page=True)
