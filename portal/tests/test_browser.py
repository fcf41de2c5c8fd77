"""Journeys in Debian's Chromium, driven by Playwright (never a downloaded browser)."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

from regions.services import regions_load

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Debian's chromium is not installed (apt-get install chromium)",
    ),
]
SCREENSHOTS = Path(settings.VAR_DIR) / "screenshots"


@pytest.fixture
def page(live_server, transactional_db) -> Iterator[object]:  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    # Transactional tests empty the tables after each test: reload the registry first.
    regions_load(data_dir=settings.KC_DATA_DIR)
    # Playwright runs an event loop in this thread; the ORM is not used while it does.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        context = browser.new_context(
            base_url=live_server.url, locale="id-ID", viewport={"width": 1280, "height": 900}
        )
        page = context.new_page()
        page.set_default_timeout(10_000)
        yield page
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def test_visitor_finds_kota_bandung_from_the_home_page(page) -> None:  # type: ignore[no-untyped-def]
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


def test_visitor_switches_the_page_to_english(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    page.get_by_role("button", name="EN").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Regions", exact=True).first.is_visible()
