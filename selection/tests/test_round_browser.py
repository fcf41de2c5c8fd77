"""The round editor in Chromium: change a weight, watch the live preview change."""

from portal.tests.browser import BROWSER_TEST
from selection.tests.factories import make_round

pytest_plugins = ["portal.tests.browser"]
pytestmark = BROWSER_TEST


def preview_codes(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.locator("[data-testid=preview-list] li").evaluate_all(
        "items => items.map(item => item.dataset.code)"
    )


def test_changing_a_weight_changes_the_selection_in_the_preview(
    page_as, officer, indicator_values
) -> None:  # type: ignore[no-untyped-def]
    selection_round = make_round(total=10, quotas={}, weights={"kkd": 1, "kinerja": 0})
    page = page_as(officer)
    page.goto(f"/seleksi/putaran/{selection_round.pk}/ubah/")
    page.get_by_test_id("preview-list").wait_for()
    before = preview_codes(page)
    assert len(before) == 10

    page.fill("#id_weight_kkd", "0")
    page.fill("#id_weight_kinerja", "1")
    page.wait_for_function(
        "before => [...document.querySelectorAll('[data-testid=preview-list] li')]"
        ".map(li => li.dataset.code).join() !== before",
        arg=",".join(before),
    )
    after = preview_codes(page)
    assert len(after) == 10 and after != before
    page.screenshot(path="var/screenshots/round-editor.png", full_page=True)
