"""Follow-through by stage in Chromium: the team picks where a photo was taken on the map, the
region's map shows it, and the pages have no serious accessibility violation."""

from pathlib import Path

from masterplans.tests.factories import make_masterplan
from monitoring.models import Evidence
from monitoring.tests.factories import stored
from portal.tests.browser import BROWSER_TEST, assert_accessible

pytest_plugins = ["portal.tests.browser"]
pytestmark = BROWSER_TEST

NO_EXIF = Path(__file__).parent / "fixtures" / "no_exif.jpg"


def test_the_team_picks_a_photos_place_on_the_map_and_finds_it_on_the_regions_map(
    page_as, owner
) -> None:  # type: ignore[no-untyped-def]
    program = make_masterplan(status="approved").programs.get(code="GOV-01")
    page = page_as(owner, bypass_csp=False)
    page.goto(f"/pemantauan/program/{program.pk}/")
    page.locator("#laporan summary").click()
    picker = page.locator("#laporan .place-picker")
    picker.wait_for(state="visible")
    page.wait_for_function("document.querySelector('#laporan .place-picker.leaflet-container')")
    picker.click(position={"x": 200, "y": 120})
    latitude = page.input_value("#id_latitude")
    longitude = page.input_value("#id_longitude")
    # Written the Indonesian way, near Bandung (the map opens on its capital).
    assert "," in latitude and "." not in latitude, latitude
    assert -8 < float(latitude.replace(",", ".")) < -6, latitude
    assert 106 < float(longitude.replace(",", ".")) < 109, longitude
    page.select_option("#id_status", "on_track")
    page.set_input_files("#id_evidence", str(NO_EXIF))
    page.select_option("#id_phase", "before")
    page.locator("#laporan button[type=submit]").click()
    page.wait_for_url(f"**/pemantauan/program/{program.pk}/")
    page.goto(f"/pemantauan/program/{program.pk}/?tahap=tender")
    page.screenshot(path="var/screenshots/program-tahapan.png", full_page=True)
    photo = Evidence.objects.get()
    assert photo.location_source == "map"
    assert f"{photo.latitude:.6f}".replace(".", ",") == latitude

    page.goto("/pemantauan/wilayah/32.73/peta/")
    markers = "document.querySelectorAll('.evidence-map path.leaflet-interactive').length"
    page.wait_for_function(f"{markers} === 1")
    page.screenshot(path="var/screenshots/peta-bukti.png", full_page=True)


def test_the_stage_and_delivery_pages_have_no_serious_violations(page_as, owner) -> None:  # type: ignore[no-untyped-def]
    program = make_masterplan(status="approved").programs.get(code="GOV-01")
    stored("2027-Q1", {"32.73": 1, "32.75": 2})
    stored("2027-Q2", {"32.75": 1, "32.73": 2, "32.77": 3})
    page = page_as(owner, bypass_csp=True)
    for path in (
        f"/pemantauan/program/{program.pk}/?tahap=ded",
        "/pemantauan/wilayah/32.73/peta/",
        "/pemantauan/peringkat/",
    ):
        assert page.goto(path).ok, path
        assert_accessible(page)
    page.screenshot(path="var/screenshots/peringkat.png", full_page=True)
