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
    page.fill("#id_kpi-0-name", "Bank sampah aktif")
    page.fill("#id_kpi-0-unit", "unit")
    page.select_option("#id_budget-0-year", "2027")
    page.select_option("#id_budget-0-source", "apbd")
    # Typed as Indonesians write them, key by key: a number input would drop the dots.
    page.type("#id_budget-0-amount", "400.000.000")
    page.type("#id_kpi-0-target_2027", "2,5")
    page.check("#id_is_quick_win")
    page.get_by_role("button", name="Simpan program").click()

    page.wait_for_url(f"**/masterplan/{masterplan.pk}/ubah/**")
    check = page.locator('[data-check="dimensions"]')
    check.wait_for()
    assert check.get_attribute("data-ok") == "true"
    assert page.locator('[data-check="quick_win_dimensions"]').get_attribute("data-ok") == "true"
    assert "ENV-01 Bank sampah digital" in page.content()
    program = masterplan.programs.get(code="ENV-01")
    assert [(b.year, b.amount) for b in program.budget_lines.all()] == [(2027, 400_000_000)]
    assert program.kpis.get().targets.get(year=2027).value == 2.5
    page.screenshot(path="var/screenshots/masterplan-editor.png", full_page=True)
