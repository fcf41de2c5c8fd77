"""Every flow of today, walked in Chromium by each kind of person, in Indonesian.

The visitor's search and language switch are in test_browser.py.
"""

import re

from portal.tests.browser import BROWSER_TEST, PASSWORD, is_logged_in, login_as

pytest_plugins = ["portal.tests.browser"]
pytestmark = BROWSER_TEST


def edit_link(page):  # type: ignore[no-untyped-def]
    # A link that looks like a button, so it has the button role.
    return page.locator("#content").get_by_role("button", name="Ubah profil")


def test_visitor_opening_an_edit_page_lands_on_the_login_page(browser_page, owner) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    page.goto("/wilayah/32.73/")
    assert edit_link(page).count() == 0
    assert page.get_by_role("link", name="Riwayat perubahan").count() == 0

    page.goto("/wilayah/32.73/ubah/")
    assert re.search(r"/akun/masuk/\?next=/wilayah/32\.73/ubah/$", page.url)
    assert page.locator("h1").inner_text() == "Masuk"
    # Logging in there goes on to the page asked for.
    page.locator("#id_username").fill("editor.bandung")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#content").get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/wilayah/32.73/ubah/")
    assert page.locator("h1").inner_text() == "Profil Kota Bandung"


def test_regional_editor_logs_in_lands_on_the_waiting_work_and_finds_the_own_region(  # type: ignore[no-untyped-def]
    browser_page, owner
) -> None:
    page = browser_page
    page.goto("/")
    page.locator(".site-header").get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/akun/masuk/")
    login_as(page, owner)

    # Signed in, the editor lands on what waits for them, then finds the own region at home.
    assert page.url.endswith("/untuk-anda/")
    assert page.locator("h1").inner_text() == "Menunggu Anda"
    page.goto("/")
    own = page.get_by_role("region", name="Wilayah Anda")
    assert own.get_by_role("link").all_inner_texts() == ["Kota Bandung"]
    assert page.locator(".site-header").get_by_role("link", name="editor.bandung").is_visible()


def test_regional_editor_saves_the_profile_and_sees_it_on_the_region_page(  # type: ignore[no-untyped-def]
    page_as, owner
) -> None:
    page = page_as(owner)
    page.goto("/wilayah/32.73/")
    edit_link(page).click()
    page.wait_for_url("**/wilayah/32.73/ubah/")
    assert page.locator("h1").inner_text() == "Profil Kota Bandung"
    page.get_by_label("Situs web").fill("bandung.go.id")
    page.get_by_label("Profil", exact=True).fill("Tim Bandung Smart City, Balai Kota.")
    page.get_by_role("button", name="Simpan").click()

    page.wait_for_url("**/wilayah/32.73/")
    assert page.get_by_role("status").inner_text() == "Profil Kota Bandung telah disimpan."
    team = page.get_by_role("region", name="Tim smart city")
    assert "Tim Bandung Smart City, Balai Kota." in team.inner_text()
    assert team.get_by_role("link", name="https://bandung.go.id").is_visible()

    page.get_by_role("link", name="Riwayat perubahan").click()
    page.wait_for_url("**/wilayah/32.73/riwayat/")
    assert "editor.bandung" in page.locator("tbody").inner_text()


def test_regional_editor_has_no_access_to_another_region(page_as, owner) -> None:  # type: ignore[no-untyped-def]
    page = page_as(owner)
    page.goto("/wilayah/32.75/")
    assert edit_link(page).count() == 0

    response = page.goto("/wilayah/32.75/ubah/")
    assert response.status == 403
    assert page.locator("h1").inner_text() == "Tidak ada akses"


def test_two_editors_saving_the_same_profile_are_told_of_the_conflict(  # type: ignore[no-untyped-def]
    page_as, owner, colleague
) -> None:
    first, second = page_as(owner), page_as(colleague)
    for page in (first, second):
        page.goto("/wilayah/32.73/ubah/")
    first.get_by_label("Profil", exact=True).fill("Versi editor.")
    first.get_by_role("button", name="Simpan").click()
    first.wait_for_url("**/wilayah/32.73/")

    second.get_by_label("Profil", exact=True).fill("Versi lead.")
    second.get_by_role("button", name="Simpan").click()
    second.wait_for_load_state()
    conflict = second.get_by_role("alert")
    assert "Tidak tersimpan: orang lain mengubah profil ini" in conflict.inner_text()
    assert "Versi editor." in conflict.inner_text()
    # Saving again is a conscious overwrite.
    second.get_by_role("button", name="Simpan").click()
    second.wait_for_url("**/wilayah/32.73/")
    assert "Versi lead." in second.get_by_role("region", name="Tim smart city").inner_text()


def test_regional_editor_creates_an_api_token_that_is_shown_once(page_as, owner) -> None:  # type: ignore[no-untyped-def]
    page = page_as(owner)
    page.locator(".site-header").get_by_role("link", name="editor.bandung").click()
    page.wait_for_url("**/akun/")
    page.get_by_label("Nama token").fill("Sinkron SIPD")
    page.get_by_role("button", name="Buat token").click()

    page.wait_for_url("**/akun/")
    key = page.get_by_test_id("new-token").inner_text()
    assert key.startswith("kc_")
    assert page.locator("tbody tr").count() == 1
    assert "Sinkron SIPD" in page.locator("tbody").inner_text()

    page.reload()
    assert page.get_by_test_id("new-token").count() == 0
    assert key not in page.locator("main").inner_text()

    page.get_by_role("button", name="Cabut").click()
    page.wait_for_url("**/akun/")
    assert page.get_by_role("status").inner_text() == 'Token "Sinkron SIPD" telah dicabut.'
    assert page.locator("tbody tr").count() == 0


def test_program_officer_edits_the_profile_of_any_region(page_as, officer) -> None:  # type: ignore[no-untyped-def]
    page = page_as(officer)
    page.goto("/wilayah/32.75/")
    edit_link(page).click()
    page.wait_for_url("**/wilayah/32.75/ubah/")
    page.get_by_label("Profil", exact=True).fill("Didampingi tim program nasional.")
    page.get_by_role("button", name="Simpan").click()

    page.wait_for_url("**/wilayah/32.75/")
    assert "Didampingi tim program nasional." in page.locator("main").inner_text()


def test_viewer_sees_no_edit_link_and_is_refused_the_edit_page(page_as, viewer) -> None:  # type: ignore[no-untyped-def]
    page = page_as(viewer)
    page.goto("/wilayah/32.73/")
    assert edit_link(page).count() == 0
    assert page.get_by_role("link", name="Riwayat perubahan").is_visible()

    response = page.goto("/wilayah/32.73/ubah/")
    assert response.status == 403
    assert page.locator("h1").inner_text() == "Tidak ada akses"


def test_wrong_password_shows_an_error_and_stays_logged_out(browser_page, owner) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    page.goto("/akun/masuk/")
    page.locator("#id_username").fill("editor.bandung")
    page.locator("#id_password").fill("salah-sandi")
    page.locator("#content").get_by_role("button", name="Masuk").click()

    page.wait_for_load_state()
    assert page.url.endswith("/akun/masuk/")
    assert "Masukkan nama pengguna" in page.get_by_role("alert").inner_text()
    assert page.locator("#id_username").input_value() == "editor.bandung"
    assert page.locator("#id_password").input_value() == ""
    assert not is_logged_in(page)
    page.goto("/akun/")
    assert "/akun/masuk/" in page.url


def test_user_logs_out_with_the_header_button(page_as, owner) -> None:  # type: ignore[no-untyped-def]
    page = page_as(owner)
    page.locator(".site-header").get_by_role("button", name="Keluar").click()

    page.wait_for_url(re.compile(r"/$"))
    assert not is_logged_in(page)
    assert page.locator(".site-header").get_by_role("button", name="Masuk").is_visible()
    page.goto("/wilayah/32.73/")
    assert edit_link(page).count() == 0


def test_lead_submits_officer_asks_for_revision_lead_resubmits_officer_approves(  # type: ignore[no-untyped-def]
    page_as, colleague, officer
) -> None:
    from masterplans.models import Masterplan
    from masterplans.tests.factories import make_masterplan

    masterplan = make_masterplan()
    lead = page_as(colleague)
    lead.goto(f"/masterplan/{masterplan.pk}/")
    lead.get_by_role("button", name="Ajukan untuk ditinjau").click()
    lead.get_by_text("Selesai: Ajukan untuk ditinjau.").wait_for()

    staff = page_as(officer)
    staff.goto(f"/masterplan/{masterplan.pk}/")
    staff.get_by_label("Yang perlu direvisi").fill("Tambahkan KPI untuk quick win ekonomi.")
    staff.get_by_role("button", name="Minta revisi").click()
    staff.get_by_text("Selesai: Minta revisi.").wait_for()

    lead.goto(f"/masterplan/{masterplan.pk}/versi/")
    assert "Tambahkan KPI untuk quick win ekonomi." in lead.content()
    lead.goto(f"/masterplan/{masterplan.pk}/")
    lead.get_by_role("button", name="Ajukan untuk ditinjau").click()
    lead.get_by_text("Selesai: Ajukan untuk ditinjau.").wait_for()

    staff.goto(f"/masterplan/{masterplan.pk}/")
    staff.get_by_role("button", name="Setujui").click()
    staff.get_by_test_id("confirm").wait_for()  # what approving does, before it is done
    staff.get_by_role("button", name="Setujui").click()
    staff.get_by_text("Selesai: Setujui.").wait_for()
    masterplan.refresh_from_db()
    assert masterplan.status == "approved"
    assert list(
        Masterplan.objects.get(pk=masterplan.pk).versions.values_list("status", flat=True)
    ) == [
        "in_review",
        "revision",
        "in_review",
        "approved",
    ]


def test_the_public_reads_an_approved_masterplan_and_downloads_its_workbook(  # type: ignore[no-untyped-def]
    browser_page,
) -> None:
    from masterplans.tests.factories import make_masterplan

    masterplan = make_masterplan(status="approved")
    page = browser_page
    page.goto("/masterplan/")
    page.get_by_role("link", name=masterplan.title).click()
    page.get_by_role("heading", name="4. Peta jalan").wait_for()
    with page.expect_download() as download:
        page.get_by_role("button", name="Excel", exact=True).click()
    assert download.value.suggested_filename == "masterplan-32.73-2027-e1.xlsx"
