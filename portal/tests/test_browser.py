"""The visitor's first journeys in Debian's Chromium (fixtures in portal/tests/browser.py)."""

from pathlib import Path

from django.conf import settings

from portal.tests.browser import BROWSER_TEST

pytest_plugins = ["portal.tests.browser"]
pytestmark = BROWSER_TEST
SCREENSHOTS = Path(settings.VAR_DIR) / "screenshots"


def test_visitor_finds_kota_bandung_from_the_home_page(browser_page) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.goto("/")
    assert page.locator("h1").inner_text() == "Gerakan Menuju 100 Smart City"
    assert page.get_by_test_id("total-regions").locator("strong").inner_text() == "514"
    page.screenshot(path=str(SCREENSHOTS / "home.png"), full_page=True)

    page.get_by_role("link", name="Wilayah", exact=True).first.click()
    page.wait_for_url("**/wilayah/")
    page.get_by_role("searchbox").fill("Bandung")
    # htmx swaps the results in place and pushes the search into the address bar.
    page.wait_for_url("**/wilayah/?q=Bandung**")
    results = page.locator("#results tbody tr")
    results.first.wait_for()
    assert results.count() == 3
    page.screenshot(path=str(SCREENSHOTS / "regions-search.png"), full_page=True)

    page.get_by_role("link", name="Kota Bandung", exact=True).click()
    page.wait_for_url("**/wilayah/32.73/")
    assert page.locator("h1").inner_text() == "Kota Bandung"
    assert "Jawa Barat" in page.locator("hgroup").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "region.png"), full_page=True)


def test_visitor_switches_the_page_to_english(browser_page) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    page.goto("/")
    page.get_by_role("button", name="EN").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Regions", exact=True).first.is_visible()
