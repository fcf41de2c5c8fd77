"""The masterplan editor in Chromium: add a program, watch the checklist change."""

from masterplans.tests.factories import make_masterplan
from portal.tests.browser import BROWSER_TEST

pytest_plugins = ["portal.tests.browser"]
pytestmark = BROWSER_TEST


def test_adding_the_missing_dimension_turns_its_check_green(page_as, owner) -> None:  # type: ignore[no-untyped-def]
    masterplan = make_masterplan()
    masterplan.programs.filter(dimension="environment").delete()
    page = page_as(owner)
    page.goto(f"/masterplan/{masterplan.pk}/ubah/")
    check = page.locator('[data-check="dimensions"]')
    check.wait_for()  # loaded by htmx
    assert check.get_attribute("data-ok") == "false"
    assert "Tidak ada program di Smart Environment." in check.inner_text()

    page.get_by_test_id("add-program").click()
    page.fill("#id_code", "ENV-01")
    page.select_option("#id_dimension", "environment")
    page.select_option("#id_element", "waste")
    page.fill("#id_title", "Bank sampah digital")
    page.fill("#id_opd", "Dinas Lingkungan Hidup")
    page.fill("#id_kpi_name", "Bank sampah aktif")
    page.fill("#id_kpi_unit", "unit")
    page.fill("#id_budget_2027", "400000000")
    page.fill("#id_target_2027", "15")
    page.check("#id_is_quick_win")
    page.get_by_role("button", name="Simpan program").click()

    page.wait_for_url(f"**/masterplan/{masterplan.pk}/ubah/**")
    check = page.locator('[data-check="dimensions"]')
    check.wait_for()
    assert check.get_attribute("data-ok") == "true"
    assert page.locator('[data-check="quick_win_dimensions"]').get_attribute("data-ok") == "true"
    assert "ENV-01 Bank sampah digital" in page.content()
    page.screenshot(path="var/screenshots/masterplan-editor.png", full_page=True)
