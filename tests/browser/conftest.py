"""Playwright in Debian's Chromium, against Django's live server, with axe-core on every page.

Every page a journey loads must be checked with ``axe(page)``: a test that loads a page and
never checks it fails at teardown. Console errors (including Content Security Policy
violations) fail the test too.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright
from playwright.sync_api import Error as PlaywrightError

# Playwright's sync API runs an event loop in this thread; Django's ORM calls in the test body
# are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parent.parent.parent
# axe-core is a test tool, never among the site's static files: the browser fetches it from
# this URL, which only these tests answer (same origin, so the site's CSP lets it run).
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_URL = "/__tests__/axe.min.js"
SCREENSHOTS = ROOT / "var" / "screenshots"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run bin/setup (it installs it).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class PageLog:
    loaded: list[str] = field(default_factory=list)
    checked: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)


def _new_context(
    browser: Browser, base_url: str, width: int, *, javascript: bool = True
) -> BrowserContext:
    context = browser.new_context(
        base_url=base_url,
        viewport={"width": width, "height": 900},
        accept_downloads=True,
        locale="en-GB",
        java_script_enabled=javascript,
    )
    context.set_default_timeout(10_000)
    if not AXE_SCRIPT.exists():
        pytest.fail(f"axe-core is not installed at {AXE_SCRIPT}: run bin/setup (npm ci).")
    context.route(
        f"**{AXE_URL}",
        lambda route: route.fulfill(path=AXE_SCRIPT, content_type="text/javascript"),
    )
    # Say what broke the Content Security Policy, not only that something did.
    context.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'CSP violation: ' + e.violatedDirective + ' by ' + (e.target && e.target.outerHTML ? "
        "e.target.outerHTML.slice(0, 160) : e.sourceFile + ':' + e.lineNumber)));"
    )
    return context


def _watch(page: Page, log: PageLog) -> None:
    page.on("load", lambda: log.loaded.append(page.url.split("#")[0]))
    page.on(
        "console",
        lambda msg: log.errors.append(f"{page.url}: {msg.text}") if msg.type == "error" else None,
    )
    page.on("pageerror", lambda exc: log.errors.append(f"{page.url}: {exc}"))


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


def _assert_all_checked(page_log: PageLog) -> None:
    unchecked = [
        url
        for url in page_log.loaded
        if url not in page_log.checked and not url.startswith("about:")
    ]
    assert unchecked == [], f"pages loaded but never checked with axe: {unchecked}"
    real_errors = [e for e in page_log.errors if "favicon" not in e]
    assert real_errors == [], f"browser console errors: {real_errors}"


def _watched_page(context: BrowserContext, page_log: PageLog, *, javascript: bool = True) -> Page:
    page = context.new_page()
    _watch(page, page_log)
    page.page_log = page_log  # type: ignore[attr-defined]
    page.javascript = javascript  # type: ignore[attr-defined]
    return page


def _open_page(
    browser: Browser, live_server: Any, page_log: PageLog, width: int, *, javascript: bool = True
) -> Iterator[Page]:
    context = _new_context(browser, live_server.url, width, javascript=javascript)
    yield _watched_page(context, page_log, javascript=javascript)
    context.close()
    _assert_all_checked(page_log)


@pytest.fixture
def page(browser: Browser, live_server: Any, page_log: PageLog) -> Iterator[Page]:
    """A desktop-width page."""
    yield from _open_page(browser, live_server, page_log, 1280)


@pytest.fixture
def phone(browser: Browser, live_server: Any, page_log: PageLog) -> Iterator[Page]:
    """A phone-width page (320 px, the narrowest we support)."""
    yield from _open_page(browser, live_server, page_log, 320)


@pytest.fixture
def new_page(
    browser: Browser, live_server: Any, page_log: PageLog
) -> Iterator[Callable[..., Page]]:
    """Pages in contexts of their own (one per person signed in), made as a test needs them:
    ``new_page(width=320, javascript=False)``. The same checks apply to each at the end."""
    contexts: list[BrowserContext] = []

    def make(width: int = 1280, *, javascript: bool = True) -> Page:
        context = _new_context(browser, live_server.url, width, javascript=javascript)
        contexts.append(context)
        return _watched_page(context, page_log, javascript=javascript)

    yield make
    for context in contexts:
        context.close()
    _assert_all_checked(page_log)


def _javascript_runs(page: Page) -> bool:
    return bool(getattr(page, "javascript", True))


def _close_quietly(context: BrowserContext) -> None:
    with contextlib.suppress(PlaywrightError):  # already closed with the browser
        context.close()


def _mirror_of(page: Page) -> Page:
    """axe-core needs a running event loop, which a page without JavaScript does not have. It
    runs instead on a mirror: a page in a JavaScript-enabled context that shows the same
    markup, at the same size, with the same styles, and none of the page's own scripts."""
    mirror: Page | None = getattr(page, "axe_mirror", None)
    if mirror is None:
        browser = page.context.browser
        assert browser is not None
        context = browser.new_context(viewport=page.viewport_size, locale="en-GB")
        mirror = context.new_page()
        documents: dict[str, str] = {}

        def serve(route: Route) -> None:
            request = route.request
            if request.resource_type == "document" and request.url in documents:
                route.fulfill(
                    status=200,
                    content_type="text/html; charset=utf-8",
                    body=documents.pop(request.url),
                )
            elif request.resource_type == "script":
                route.fulfill(status=200, content_type="text/javascript", body="")
            else:
                route.continue_()

        context.route("**/*", serve)
        context.add_init_script(script=AXE_SCRIPT.read_text())  # axe, and only axe
        mirror.documents = documents  # type: ignore[attr-defined]
        page.axe_mirror = mirror  # type: ignore[attr-defined]
        page.context.on("close", lambda _: _close_quietly(context))
    viewport = page.viewport_size
    assert viewport is not None
    mirror.set_viewport_size(viewport)
    url = page.url.split("#")[0]
    mirror.documents[url] = page.content()  # type: ignore[attr-defined]
    mirror.goto(url)
    return mirror


def axe_violations(page: Page) -> list[str]:
    """Run axe-core on the current page: its violations, one line each. The page counts as
    checked. Where JavaScript is off, axe runs in a second context on the same markup."""
    page.wait_for_load_state("load")
    page.page_log.checked.add(page.url.split("#")[0])  # type: ignore[attr-defined]
    target = page if _javascript_runs(page) else _mirror_of(page)
    if not target.evaluate("typeof window.axe !== 'undefined'"):
        target.add_script_tag(url=AXE_URL)
    result = target.evaluate(
        "tags => axe.run(document, "
        "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(n["target"]) for n in v["nodes"][:3])
        for v in result["violations"]
    ]


def axe(page: Page, *, screenshot: str | None = None) -> None:
    """Run axe-core on the current page and fail on any violation."""
    violations = axe_violations(page)
    assert violations == [], f"axe-core on {page.url}:\n" + "\n".join(violations)
    if screenshot:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{screenshot}.png"), full_page=True)


_USED_PERIODS: dict[str, int] = {}
FRESH_SECONDS = 8  # a code with less left than this is left to expire


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now for this TOTP secret. allauth refuses a code
    used once already, as it should, so a second sign-in within the same 30 seconds waits for
    the next code, as a person would. allauth accepts only the current period's code (no
    tolerance), so a code about to expire is not typed either: a person would wait for the
    next one, and a loaded test machine may take seconds between typing and the server
    checking it."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    period = int(time.time()) // 30
    if _USED_PERIODS.get(secret) == period or (period + 1) * 30 - time.time() < FRESH_SECONDS:
        time.sleep((period + 1) * 30 - time.time() + 0.1)
        period = int(time.time()) // 30
    _USED_PERIODS[secret] = period
    return str(format_hotp_value(hotp_value(secret, period)))


def sign_in(
    page: Page, email: str, password: str | None = None, *, totp_secret: str | None = None
) -> None:
    """Sign in through the real form (checks the sign-in page with axe on the way); staff
    then give the code from their authenticator app, computed here from their TOTP secret."""
    from tests.factories import PASSWORD

    page.goto("/accounts/login/")
    axe(page)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password or PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    if totp_secret is not None:
        page.locator("input[name=code]").wait_for()
        axe(page)
        page.locator("input[name=code]").fill(totp_code(totp_secret))
        with page.expect_navigation():
            page.get_by_role("button", name=re.compile("^sign in$", re.IGNORECASE)).click()
