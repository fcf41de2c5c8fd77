"""The twenty main pages on a phone (390 px) and a laptop (1366 px), in Chromium: nothing sticks
out sideways (a wide table scrolls inside its own box), and axe-core finds no serious or
critical violation; on a phone the header is a menu.

Set ``KC_SCREENSHOTS`` to a directory to keep a full-page screenshot of every page at both
widths (``390-home.png``, ``1366-home.png``, ...).
"""

import os
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from evaluation.models import Award, Rubric
from masterplans.models import Masterplan
from masterplans.tests.factories import make_masterplan
from participation.models import ConsultationWindow
from portal.tests.browser import (
    AXE_JS,
    BROWSER_TEST,
    axe_collect,
    axe_start,
    describe_violations,
    overflowing,
)
from portal.tests.test_dashboard import seed
from regions.models import Region
from selection.models import SelectionRound

pytest_plugins = ["portal.tests.browser"]
pytestmark = BROWSER_TEST

PHONE, LAPTOP = {"width": 390, "height": 844}, {"width": 1366, "height": 768}
WIDTHS = (PHONE["width"], LAPTOP["width"])


@dataclass(frozen=True)
class MainPage:
    label: str
    path: str
    person: str  # "visitor", "officer" (national program officer) or "editor" (of Kota Bekasi)


def main_pages() -> list[MainPage]:
    """The pages people use most, as a visitor, the national team or a region's editor sees
    them, over a world that fills them: the 2017 cohort, Kota Bandung's masterplan in force
    with its progress and evaluation scores, an award, and Kota Bekasi's draft in consultation."""
    call_command("load_history", verbosity=0)
    cohort = SelectionRound.objects.get(year=2017)
    seed(["32.73", "32.71"])  # masterplans in force, quick-win reports, a published evaluation
    enacted = Masterplan.objects.get(region__code="32.73")
    rubric = Rubric.objects.get(year=2027)
    bandung = Region.objects.get(code="32.73")
    Award.objects.create(rubric=rubric, category="overall", proposed=bandung, region=bandung)
    draft = make_masterplan("32.75")
    now = timezone.now()
    ConsultationWindow.objects.create(
        masterplan=draft, opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=20)
    )
    program = enacted.programs.first()
    assert program is not None
    return [
        MainPage("home", reverse("portal:home"), "visitor"),
        MainPage("regions", reverse("regions:list"), "visitor"),
        MainPage("region", reverse("regions:detail", args=["32.73"]), "visitor"),
        MainPage("dashboard", reverse("portal:dashboard"), "visitor"),
        MainPage("evaluation-map", reverse("portal:dashboard") + "?map=index", "visitor"),
        MainPage("rounds", reverse("selection:rounds"), "visitor"),
        MainPage("round", reverse("selection:round", args=[cohort.pk]), "visitor"),
        MainPage("masterplans", reverse("masterplans:list"), "visitor"),
        MainPage("masterplan", reverse("masterplans:detail", args=[enacted.pk]), "visitor"),
        MainPage("progress", reverse("monitoring:masterplan", args=[enacted.pk]), "visitor"),
        MainPage("program", reverse("monitoring:program", args=[program.pk]), "visitor"),
        MainPage("quick-wins", reverse("monitoring:quick_wins"), "visitor"),
        MainPage("evaluation", reverse("evaluation:rubric", args=[rubric.year]), "visitor"),
        MainPage("consultation", reverse("participation:consultation", args=[draft.pk]), "visitor"),
        MainPage("about", reverse("portal:about"), "visitor"),
        MainPage("login", reverse("accounts:login"), "visitor"),
        MainPage("awards", reverse("evaluation:awards", args=[rubric.year]), "officer"),
        MainPage("for-you", reverse("inbox:home"), "officer"),
        MainPage("account", reverse("accounts:account"), "officer"),
        MainPage("masterplan-editor", reverse("masterplans:edit", args=[draft.pk]), "editor"),
    ]


def open_menu(page) -> None:  # type: ignore[no-untyped-def]
    """Open the header's menu where it is one (a phone), so its links are checked too.
    (test_on_a_phone_the_header_is_a_menu opens it as a person does.)"""
    page.evaluate(
        """() => {
            const menu = document.querySelector(".site-menu");
            const summary = menu.querySelector("summary");
            if (getComputedStyle(summary).display !== "none") menu.open = true;
        }"""
    )


def test_no_main_page_is_wider_than_a_phone_or_a_laptop_or_has_serious_violations(  # type: ignore[no-untyped-def]
    open_page, page_as, officer: User, outsider: User
) -> None:
    pages = main_pages()
    assert len(pages) == 20
    # Each person looks at a phone and a laptop; axe runs in both at once.
    screens = {
        (person, screen["width"]): page
        for screen in (PHONE, LAPTOP)
        for person, page in {
            "visitor": open_page(bypass_csp=True, viewport=screen),
            "officer": page_as(officer, bypass_csp=True, viewport=screen),
            "editor": page_as(outsider, bypass_csp=True, viewport=screen),
        }.items()
    }
    for page in screens.values():
        page.context.add_init_script(path=str(AXE_JS))
    screenshots = os.environ.get("KC_SCREENSHOTS")
    too_wide, violations = [], []
    for main in pages:
        shown = {width: screens[(main.person, width)] for width in WIDTHS}
        for width, page in shown.items():
            assert page.goto(main.path).ok, main.path
            if screenshots:  # as a person first sees it, the menu closed
                path = Path(screenshots) / f"{width}-{main.label}.png"
                page.screenshot(path=path, full_page=True)
            open_menu(page)
            if found := overflowing(page):
                too_wide.append(f"{main.label} at {width} px ({main.path}):")
                too_wide += [f"    {element}" for element in found]
            axe_start(page)
        for width, page in shown.items():
            if found := axe_collect(page):
                violations.append(f"{main.label} at {width} px ({main.path}):")
                violations.append(describe_violations(found))

    assert not too_wide, "wider than the screen:\n" + "\n".join(too_wide)
    assert not violations, "axe-core:\n" + "\n".join(violations)


def test_on_a_phone_the_header_is_a_menu(open_page) -> None:  # type: ignore[no-untyped-def]
    page = open_page(viewport=PHONE)
    page.goto("/")
    header = page.locator(".site-header")
    regions = header.get_by_role("link", name="Wilayah")
    assert not regions.is_visible()

    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the brand
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # on the menu
    assert header.get_by_role("button", name="Masuk").is_visible()
    regions.click()
    page.wait_for_url("**/wilayah/")
    assert page.locator("h1").inner_text() == "Kota dan kabupaten"
    assert not header.get_by_role("link", name="Dasbor").is_visible()  # closed on the new page

    page.set_viewport_size(LAPTOP)
    assert not header.get_by_text("Menu").is_visible()
    assert header.get_by_role("link", name="Dasbor").is_visible()
    for _ in range(3):  # the skip link, the brand, the first link
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Dasbor"


def test_on_a_phone_a_chart_shows_as_its_table_and_on_a_laptop_the_table_is_a_click_away(  # type: ignore[no-untyped-def]
    open_page,
) -> None:
    masterplan = make_masterplan("32.73", status="enacted")
    page = open_page(viewport=PHONE)
    page.goto(reverse("masterplans:detail", args=[masterplan.pk]))
    charts = page.locator(".chart-alt > .chart")
    tables = page.locator('[data-testid="chart-table"] table')
    assert charts.count() == tables.count() == 2  # the roadmap and the budget
    assert [tables.nth(i).is_visible() for i in range(2)] == [True, True]
    assert not any(charts.nth(i).is_visible() for i in range(2))
    assert page.get_by_role("cell", name="GOV-01 Program governance 1").is_visible()
    assert not overflowing(page)

    page.set_viewport_size(LAPTOP)
    assert all(charts.nth(i).is_visible() for i in range(2))
    assert not any(tables.nth(i).is_visible() for i in range(2))
    page.locator('[data-testid="chart-table"] > summary').first.click()
    assert tables.first.is_visible() and not tables.nth(1).is_visible()
