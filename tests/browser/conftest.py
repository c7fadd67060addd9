"""Playwright in Debian's Chromium, against Django's live server, with axe-core on every page.

Every page a journey loads must be checked with ``axe(page)``: a test that loads a page and
never checks it fails at teardown. Console errors (including Content Security Policy
violations) fail the test too.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

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


def _new_context(browser: Browser, base_url: str, width: int) -> BrowserContext:
    context = browser.new_context(
        base_url=base_url,
        viewport={"width": width, "height": 900},
        accept_downloads=True,
        locale="en-GB",
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


def _open_page(browser: Browser, live_server: Any, page_log: PageLog, width: int) -> Iterator[Page]:
    context = _new_context(browser, live_server.url, width)
    page = context.new_page()
    _watch(page, page_log)
    page.page_log = page_log  # type: ignore[attr-defined]
    yield page
    context.close()
    unchecked = [
        url
        for url in page_log.loaded
        if url not in page_log.checked and not url.startswith("about:")
    ]
    assert unchecked == [], f"pages loaded but never checked with axe: {unchecked}"
    real_errors = [e for e in page_log.errors if "favicon" not in e]
    assert real_errors == [], f"browser console errors: {real_errors}"


@pytest.fixture
def page(browser: Browser, live_server: Any, page_log: PageLog) -> Iterator[Page]:
    """A desktop-width page."""
    yield from _open_page(browser, live_server, page_log, 1280)


@pytest.fixture
def phone(browser: Browser, live_server: Any, page_log: PageLog) -> Iterator[Page]:
    """A phone-width page (320 px, the narrowest we support)."""
    yield from _open_page(browser, live_server, page_log, 320)


def axe(page: Page, *, screenshot: str | None = None) -> None:
    """Run axe-core on the current page and fail on any violation."""
    page.wait_for_load_state("load")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=AXE_URL)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(n["target"]) for n in v["nodes"][:3])
        for v in result["violations"]
    ]
    assert violations == [], f"axe-core on {page.url}:\n" + "\n".join(violations)
    page.page_log.checked.add(page.url.split("#")[0])  # type: ignore[attr-defined]
    if screenshot:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{screenshot}.png"), full_page=True)


def sign_in(page: Page, email: str, password: str | None = None) -> None:
    """Sign in through the real form (checks the sign-in page with axe on the way)."""
    from tests.factories import PASSWORD

    page.goto("/accounts/login/")
    axe(page)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password or PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("load")
