"""axe-core finds no serious or critical violation on any page; forms work by keyboard alone.

axe-core is vendored under vendor/axe-core (MPL-2.0) and injected into the page, so these
contexts bypass the page's Content-Security-Policy.
"""

import pytest

from portal.tests.browser import BROWSER_TEST, PASSWORD, assert_accessible, is_logged_in

pytest_plugins = ["portal.tests.browser"]
pytestmark = BROWSER_TEST

PUBLIC_PAGES = [
    "/",
    "/wilayah/",
    "/wilayah/?q=bandung",
    "/wilayah/32.73/",
    "/tentang/",
    "/akun/masuk/",
]


def focused(page) -> str:  # type: ignore[no-untyped-def]
    """The element that has the focus: ``#id`` or ``tag:text``."""
    return page.evaluate(
        """() => { const e = document.activeElement;
            return e.id ? "#" + e.id : e.tagName.toLowerCase() + ":" + e.textContent.trim(); }"""
    )


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_has_no_serious_accessibility_violations(open_page, path) -> None:  # type: ignore[no-untyped-def]
    page = open_page(bypass_csp=True)
    assert page.goto(path).ok
    assert page.locator("html").get_attribute("lang") == "id"
    assert_accessible(page)


def test_home_page_in_english_has_no_serious_accessibility_violations(open_page) -> None:  # type: ignore[no-untyped-def]
    page = open_page(bypass_csp=True)
    page.goto("/")
    page.get_by_role("button", name="EN").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page)


def test_page_not_found_has_no_serious_accessibility_violations(open_page) -> None:  # type: ignore[no-untyped-def]
    page = open_page(bypass_csp=True)
    assert page.goto("/wilayah/99.99/").status == 404
    assert page.locator("h1").inner_text() == "Halaman tidak ditemukan"
    assert_accessible(page)


def test_no_access_page_has_no_serious_accessibility_violations(page_as, owner) -> None:  # type: ignore[no-untyped-def]
    page = page_as(owner, bypass_csp=True)
    assert page.goto("/wilayah/32.75/ubah/").status == 403
    assert page.locator("h1").inner_text() == "Tidak ada akses"
    assert_accessible(page)


def test_region_edit_form_has_no_serious_accessibility_violations(page_as, owner) -> None:  # type: ignore[no-untyped-def]
    page = page_as(owner, bypass_csp=True)
    page.goto("/wilayah/32.73/ubah/")
    assert_accessible(page)

    page.get_by_label("Situs web").fill("bukan alamat")
    page.get_by_label("E-mail tim smart city").fill("bukan-email")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_text("Masukkan URL yang valid.").wait_for()
    # Each error is tied to its field, so a screen reader reads it with the field.
    website = page.get_by_label("Situs web")
    assert website.get_attribute("aria-invalid") == "true"
    assert page.get_by_role("alert").first.get_attribute("id") == website.get_attribute(
        "aria-describedby"
    )
    assert_accessible(page)


def test_account_page_has_no_serious_accessibility_violations(page_as, owner) -> None:  # type: ignore[no-untyped-def]
    page = page_as(owner, bypass_csp=True)
    page.goto("/akun/")
    assert_accessible(page)

    # With a token in the table and the new key shown once.
    page.get_by_label("Nama token").fill("Sinkron SIPD")
    page.get_by_role("button", name="Buat token").click()
    page.get_by_test_id("new-token").wait_for()
    assert_accessible(page)


def test_login_form_works_with_the_keyboard_alone(browser_page, owner) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    page.goto("/akun/masuk/")
    assert focused(page) == "#id_username"
    page.keyboard.type("editor.bandung")
    page.keyboard.press("Tab")
    assert focused(page) == "#id_password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Tab")
    assert focused(page) == "button:Masuk"

    page.keyboard.press("Shift+Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert is_logged_in(page)


def test_region_edit_form_works_with_the_keyboard_alone(page_as, owner) -> None:  # type: ignore[no-untyped-def]
    page = page_as(owner)
    page.goto("/wilayah/32.73/ubah/")
    page.keyboard.press("Tab")
    assert focused(page) == "a:Langsung ke konten"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert focused(page) == "#id_website"
    page.keyboard.type("bandung.go.id")
    page.keyboard.press("Tab")
    assert focused(page) == "#id_contact_email"
    page.keyboard.type("smartcity@bandung.go.id")
    page.keyboard.press("Tab")
    assert focused(page) == "#id_description"
    page.keyboard.type("Tim Bandung Smart City.")
    page.keyboard.press("Tab")
    assert focused(page) == "button:Simpan"

    with page.expect_navigation():
        page.keyboard.press("Enter")
    # The browser keeps the skip link's #content across the redirect.
    assert page.url.split("#")[0].endswith("/wilayah/32.73/")
    team = page.get_by_role("region", name="Tim smart city").inner_text()
    assert "Tim Bandung Smart City." in team
    assert "smartcity@bandung.go.id" in team


def test_skip_link_appears_on_focus_and_moves_focus_to_the_content(browser_page) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    page.goto("/")
    skip = page.get_by_role("link", name="Langsung ke konten")
    assert skip.bounding_box()["x"] < 0, "the skip link is off screen until it has the focus"

    page.keyboard.press("Tab")
    assert focused(page) == "a:Langsung ke konten"
    box = skip.bounding_box()
    assert 0 <= box["x"] < 1280 and 0 <= box["y"] < 900

    page.keyboard.press("Enter")
    page.wait_for_url("**/#content")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null"), focused(page)


def test_masterplan_and_follow_through_pages_have_no_serious_violations(open_page) -> None:  # type: ignore[no-untyped-def]
    from evaluation.models import Rubric
    from masterplans.tests.factories import make_masterplan
    from portal.tests.test_dashboard import seed

    seed(["32.75"])
    masterplan = make_masterplan("32.73", status="approved")
    program = masterplan.programs.get(code="GOV-01")
    year = Rubric.objects.get().year
    page = open_page(bypass_csp=True)
    for path in (
        "/dasbor/",
        "/dasbor/?map=index",
        "/masterplan/",
        f"/masterplan/{masterplan.pk}/",
        f"/masterplan/{masterplan.pk}/versi/",
        "/masterplan/program/?q=program",
        "/pemantauan/quick-win/",
        f"/pemantauan/masterplan/{masterplan.pk}/",
        f"/pemantauan/program/{program.pk}/",
        "/evaluasi/",
        f"/evaluasi/{year}/",
        f"/evaluasi/{year}/wilayah/32.75/",
        "/data-terbuka/",
    ):
        assert page.goto(path).ok, path
        assert_accessible(page)


def test_the_masterplan_editor_has_no_serious_violations(page_as, owner) -> None:  # type: ignore[no-untyped-def]
    from masterplans.tests.factories import make_masterplan

    masterplan = make_masterplan()
    page = page_as(owner, bypass_csp=True)
    for path in (
        f"/masterplan/{masterplan.pk}/ubah/",
        f"/masterplan/{masterplan.pk}/program/baru/",
        f"/masterplan/{masterplan.pk}/impor/",
    ):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert_accessible(page)


def test_readiness_and_consultation_pages_have_no_serious_violations(
    page_as, owner, colleague
) -> None:  # type: ignore[no-untyped-def]
    from datetime import date, timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from masterplans.tests.factories import make_masterplan
    from mentoring.models import Workshop
    from participation.services import consultation_window_open
    from selection.models import SelectionRound

    call_command("load_history", verbosity=0)
    cohort = SelectionRound.objects.get(year=2017)
    masterplan = make_masterplan()
    consultation_window_open(
        masterplan=masterplan, user=colleague, closes_at=timezone.now() + timedelta(days=7)
    )
    Workshop.objects.create(
        cohort=cohort, number=1, start_date=date(2017, 6, 13), end_date=date(2017, 6, 15)
    )
    page = page_as(owner, bypass_csp=True)
    for path in (
        f"/kesiapan/{cohort.pk}/wilayah/32.73/",
        f"/partisipasi/masterplan/{masterplan.pk}/komentar/",
        f"/partisipasi/masterplan/{masterplan.pk}/konsultasi/",
        f"/partisipasi/masterplan/{masterplan.pk}/moderasi/",
        "/untuk-anda/",
        f"/masterplan/bimtek/{cohort.pk}/",
        f"/masterplan/bimtek/{cohort.pk}/1/hadir/",
    ):
        assert page.goto(path).ok, path
        assert_accessible(page)


def test_the_national_teams_mentoring_pages_have_no_serious_violations(page_as, officer) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from django.core.management import call_command

    from mentoring.models import Workshop
    from selection.models import SelectionRound

    call_command("load_history", verbosity=0)
    cohort = SelectionRound.objects.get(year=2017)
    Workshop.objects.create(
        cohort=cohort, number=1, start_date=date(2017, 6, 13), end_date=date(2017, 6, 15)
    )
    page = page_as(officer, bypass_csp=True)
    for path in (
        f"/masterplan/bimtek/{cohort.pk}/pendamping/",
        f"/masterplan/bimtek/{cohort.pk}/baru/",
        f"/masterplan/bimtek/{cohort.pk}/1/ubah/",
        f"/masterplan/bimtek/{cohort.pk}/1/hadir/",
    ):
        assert page.goto(path).ok, path
        assert_accessible(page)
