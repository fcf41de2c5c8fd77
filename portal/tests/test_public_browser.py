"""The public side in Chromium: the dashboard's map and the program library's search."""

from masterplans.tests.factories import make_masterplan, make_program
from portal.tests.browser import BROWSER_TEST

pytest_plugins = ["portal.tests.browser"]
pytestmark = BROWSER_TEST


def test_the_dashboard_map_draws_every_region_offline_and_recolours(browser_page) -> None:  # type: ignore[no-untyped-def]
    from django.core.management import call_command

    call_command("load_history", verbosity=0)
    page = browser_page
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto("/dasbor/")
    page.locator(".round-map path.leaflet-interactive").first.wait_for()
    circles = page.locator(".round-map path.leaflet-interactive")
    assert circles.count() == 514
    # The 25 regions of the 2017 cohort are coloured; the rest are grey.
    coloured = page.locator('.round-map path.leaflet-interactive[fill="#08519c"]')
    assert coloured.count() == 25
    page.get_by_role("link", name="Indeks evaluasi").click()
    page.wait_for_url("**map=index**")
    page.locator(".round-map path.leaflet-interactive").first.wait_for()
    assert page.locator('.round-map path.leaflet-interactive[fill="#08519c"]').count() == 0
    origin = page.url.split("/dasbor/")[0]
    assert [url for url in requested if not url.startswith(origin)] == []  # no tiles, no CDN
    page.screenshot(path="var/screenshots/dashboard.png", full_page=True)


def test_the_library_finds_a_program_by_words_from_its_description(browser_page) -> None:  # type: ignore[no-untyped-def]
    masterplan = make_masterplan("32.75", status="enacted")
    make_program(
        masterplan,
        "environment",
        2,
        title="Bank sampah digital",
        description="Warga menukar sampah terpilah dengan saldo e-wallet di 120 titik.",
    )
    page = browser_page
    page.goto("/masterplan/program/")
    assert "7 program" in page.get_by_test_id("library-count").inner_text()
    page.get_by_test_id("library-search").fill("sampah e-wallet")
    page.get_by_role("button", name="Cari").click()
    page.wait_for_url("**q=sampah**")
    assert page.get_by_test_id("library-count").inner_text() == "1 program"
    results = page.get_by_test_id("library-results")
    assert "Bank sampah digital" in results.inner_text()
    results.get_by_role("link", name="Bank sampah digital").click()
    page.wait_for_url("**/pemantauan/program/**")
    assert page.get_by_role("heading", level=1).inner_text() == "ENV-02 Bank sampah digital"
