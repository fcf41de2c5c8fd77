"""Browser journeys in Debian's Chromium, driven by Playwright (never a downloaded browser).

A test module loads these fixtures as a plugin and marks its tests::

    from portal.tests.browser import BROWSER_TEST, login_as

    pytest_plugins = ["portal.tests.browser"]
    pytestmark = BROWSER_TEST

    def test_regional_editor_sees_own_region(page_as, owner):
        page = page_as(owner)  # logged in through the real login form
        ...

- ``browser_page``: an anonymous page on the live server, in Indonesian.
- ``page_as(user, **context_options)``: a page in a context of its own (own cookies), logged
  in as ``user``; call it twice for two people at once.
- ``open_page(**context_options)``: a bare page, e.g. ``open_page(bypass_csp=True)`` for axe.
- ``login_as(page, user)``: logs in through the form on ``/akun/masuk/``.
- ``axe_violations(page)`` / ``assert_accessible(page)``: axe-core's serious and critical findings;
  ``axe_start(page)`` then ``axe_collect(page)`` to run it in several pages at once.
- ``overflowing(page)``: what sticks out of the viewport on the right (the page scrolls sideways).

One Chromium serves a whole test module; each test gets fresh contexts. The conftest users
(``owner``, ``outsider``, ``viewer``, ``officer``, ``colleague``) work in these tests in any
argument order, because ``BROWSER_TEST`` reloads the registry before any of them is created.

PYTEST_DONT_REWRITE: test modules import this file before pytest loads it as a plugin, too late
for assertion rewriting; its assertions carry their own messages instead.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.urls import reverse

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

    from accounts.models import User

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# The password conftest.make_user gives every test user.
PASSWORD = "kata-sandi-uji-123"
AXE_JS = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
# axe leaves these "incomplete" because a script might still add the element referred to; our
# pages are rendered on the server, so an aria-describedby pointing at no element is a defect.
DEFINITE_WHEN_INCOMPLETE = ["aria-valid-attr-value"]

BROWSER_TEST = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Debian's chromium is not installed (apt-get install chromium)",
    ),
    # Transactional tests empty every table when they end: reload the registry first, before
    # any user fixture looks up its region.
    pytest.mark.usefixtures("fast_password_hashing", "registry_committed"),
]


@pytest.fixture
def fast_password_hashing(settings: Any) -> None:
    """Every user made and every login costs a real PBKDF2 hash (0.6 s here) otherwise."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """One headless Chromium for the whole test module."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright runs an event loop in this thread; the ORM is only used between its calls.
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(os.environ, "DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield browser
            browser.close()


@pytest.fixture
def open_page(
    chromium: Browser, live_server: Any, registry_committed: None
) -> Iterator[Callable[..., Page]]:
    """``open_page(**context_options)`` opens a page in a new context on the live server."""
    contexts = []

    def _open_page(**context_options: Any) -> Page:
        options = {"locale": "id-ID", "viewport": {"width": 1280, "height": 900}}
        context = chromium.new_context(base_url=live_server.url, **(options | context_options))
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield _open_page
    for context in contexts:
        context.close()


@pytest.fixture
def browser_page(open_page: Callable[..., Page]) -> Page:
    return open_page()


@pytest.fixture
def page_as(open_page: Callable[..., Page]) -> Callable[..., Page]:
    """``page_as(user, **context_options)``: a page of its own, logged in through the form."""

    def _page_as(user: User, **context_options: Any) -> Page:
        return login_as(open_page(**context_options), user)

    return _page_as


def is_logged_in(page: Page) -> bool:
    logout = reverse("accounts:logout")
    return page.locator(f".site-header form[action='{logout}']").count() == 1


def login_as(page: Page, user: User, *, password: str = PASSWORD) -> Page:
    """Log in through the real form, as a person would; the page ends where login sends it."""
    page.goto(reverse("accounts:login"))
    page.locator("#id_username").fill(user.get_username())
    page.locator("#id_password").fill(password)
    with page.expect_navigation():
        page.locator("#content form button[type=submit]").click()
    assert is_logged_in(page), f"could not log in as {user}: {page.locator('main').inner_text()}"
    return page


def axe_start(page: Page) -> None:
    """Start axe-core on the page as it is now and return at once: pages of other contexts
    run it at the same time (each context has a renderer process of its own). A context that
    checks many pages loads axe-core into each once: ``page.context.add_init_script(path=AXE_JS)``.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    # After this call returns (axe works synchronously for long stretches); the passes and
    # inapplicable rules are left out of the results, as collecting them is slow.
    page.evaluate(
        """() => {
            window.kcAxe = new Promise((started) => setTimeout(started, 0)).then(
                () => axe.run(document, {resultTypes: ["violations", "incomplete"]}));
        }"""
    )


def axe_collect(page: Page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[dict]:
    """The violations of the run ``axe_start`` started, of the given impacts."""
    # Only the findings cross back to Python: the passes list every node of a page.
    found: list[dict] = page.evaluate(
        """async (definite) => {
            const results = await window.kcAxe;
            const incomplete = results.incomplete.filter(v => definite.includes(v.id));
            return results.violations.concat(incomplete).map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary})),
            }));
        }""",
        DEFINITE_WHEN_INCOMPLETE,
    )
    return [v for v in found if v["impact"] in impacts]


def axe_violations(page: Page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[dict]:
    """axe-core's violations on the page as it is now, of the given impacts.

    The page's Content-Security-Policy forbids the injected script: open the page with
    ``open_page(bypass_csp=True)`` or ``page_as(user, bypass_csp=True)``.
    """
    axe_start(page)
    return axe_collect(page, impacts)


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            summary = " ".join((node["summary"] or "").split())
            lines.append(f"    {node['target']}: {summary}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe-core on {page.url}:\n{describe_violations(violations)}"


# The outermost elements whose right edge passes the viewport's, leaving out those inside a box
# that scrolls or clips them (a table scrolling in its figure is as it should be).
OVERFLOWING_JS = """() => {
    const width = document.documentElement.clientWidth;
    const clipped = (element) => {
        for (let box = element.parentElement; box && box !== document.body;
                box = box.parentElement) {
            if (getComputedStyle(box).overflowX !== "visible") return true;
        }
        return false;
    };
    const wide = [];
    for (const element of document.body.querySelectorAll("*")) {
        const box = element.getBoundingClientRect();
        if (box.width === 0 || box.height === 0 || box.right <= width + 1) continue;
        if (clipped(element) || wide.some((outer) => outer.contains(element))) continue;
        wide.push(element);
    }
    const name = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
        + [...e.classList].map((c) => "." + c).join("");
    const found = wide.map((e) => name(e) + " (right edge at "
        + Math.round(e.getBoundingClientRect().right) + " px): "
        + e.textContent.trim().replace(/\\s+/g, " ").slice(0, 60));
    if (document.documentElement.scrollWidth > width && !found.length) {
        found.push("the page is " + document.documentElement.scrollWidth + " px wide");
    }
    return found;
}"""


def overflowing(page: Page) -> list[str]:
    """What sticks out of the viewport on the right, making the whole page scroll sideways."""
    found: list[str] = page.evaluate(OVERFLOWING_JS)
    return found
