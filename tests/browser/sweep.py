"""The accessibility sweep: every page a person can reach by following links, checked at
desktop and phone width (issue 20).

``crawl`` starts from a role's home page and follows every same-origin link it finds, breadth
first. It visits one page per URL pattern (``/awards/<code>/`` once, whichever award it meets
first), so that pages added later are covered without listing them, and the run stays short.
It never submits a form, so it changes nothing; it skips sign-out, Django's admin, the language
switcher and anything that is not an HTML page (downloads, images, JSON documents).

``page_problems`` is what is checked on each page: at 1280 and 320 px, axe-core (WCAG 2.0–2.2
A and AA, and best practice) and no sideways scrolling of the page (only a data table's own
focusable, named scroll region may scroll); at 1280 px with the text at 200%, every piece of
text grows and still nothing but a table's region scrolls sideways; the page's ``h1`` before
any other heading; a title that starts with "Error:" exactly when the page shows an error
summary; and every link to a part of a page (``#id``) finds it.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from django.urls import Resolver404, resolve
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.conftest import axe_violations

WIDTHS = (1280, 320)

# Where following links would leave the pages a person reads, or change something.
SKIP_PREFIXES = ("/static/", "/media/", "/django-admin/", "/i18n/", "/accounts/logout/")

# A generous bound on distinct URL patterns per role: reaching it fails the sweep (raise it, or
# find why a page makes endless new patterns), so pages are never silently left out.
MAX_PATTERNS = 120

# The checks that run in the page.
CHECKS = (Path(__file__).parent / "sweep.js").read_text()


def run_check(page: Page, name: str) -> Any:
    return page.evaluate(f"() => ({CHECKS}).{name}()")


def assert_accessible(page: Page) -> None:
    """Fail on anything ``page_problems`` finds on the page, once it has loaded: right after a
    click that navigates (without JavaScript, a form or a link), the new document may still be
    arriving, with no heading parsed yet."""
    page.wait_for_load_state("load")
    with contextlib.suppress(PlaywrightTimeoutError):  # no h1 at all: page_problems says so
        page.locator("h1").first.wait_for(state="attached", timeout=5000)
    problems = page_problems(page)
    assert not problems, f"{page.url}:\n" + "\n".join(problems)


def page_problems(page: Page, widths: tuple[int, ...] = WIDTHS) -> list[str]:
    """Everything wrong with the page as it is now, at each width (the window is resized, then
    given back its own size)."""
    start = page.viewport_size
    assert start is not None
    problems: list[str] = []
    headings: list[str] = run_check(page, "headings")
    if not headings or not headings[0].startswith("1 "):
        problems.append(f"the first heading is not the page's h1: {headings[:3]}")
    title = page.title()
    has_summary = page.locator(".ds_error-summary").count() > 0
    if has_summary != title.startswith("Error:"):
        problems.append(
            f"title {title!r} with{'' if has_summary else 'out'} an error summary: a page "
            "title starts with “Error:” exactly when the page shows errors"
        )
    problems += _fragment_problems(page)
    for width in widths:
        viewport = page.viewport_size
        assert viewport is not None
        if viewport["width"] != width:
            page.set_viewport_size({"width": width, "height": viewport["height"]})
        problems += [f"{width}px: {v}" for v in axe_violations(page)]
        problems += [f"{width}px: {p}" for p in run_check(page, "reflow")]
        if width == max(widths):
            fixed = run_check(page, "text200")
            problems += [f"{width}px, text at 200%: {f} (a fixed size)" for f in fixed]
            problems += [f"{width}px, text at 200%: {p}" for p in run_check(page, "reflow")]
            run_check(page, "text100")
    if page.viewport_size != start:
        page.set_viewport_size(start)
    return problems


def _fragment_problems(page: Page) -> list[str]:
    """Links to an id that is not on its page (on this page, or another one it links to; a
    page that redirects, as to sign in, is not judged)."""
    found = run_check(page, "fragments")
    problems = [f"links to {href}, which is not on the page" for href in found["missing"]]
    cache: dict[str, str | None] = {}
    for href in found["elsewhere"]:
        url, _, fragment = href.partition("#")
        if urlsplit(url).path.startswith(SKIP_PREFIXES):
            continue
        if url not in cache:
            response = page.request.get(url)
            same = response.ok and urlsplit(response.url).path == urlsplit(url).path
            is_html = response.headers.get("content-type", "").startswith("text/html")
            cache[url] = response.text() if same and is_html else None
        html = cache[url]
        if html is not None and not re.search(rf'\b(id|name)="{re.escape(fragment)}"', html):
            problems.append(f"links to {href}, whose page has no #{fragment}")
    return problems


def pattern_of(path: str) -> str | None:
    """The URL pattern a path resolves to (``awards/<slug:code>/``), or None for no page."""
    try:
        return resolve(path).route
    except Resolver404:
        return None


@dataclass
class Sweep:
    """What a crawl visited (one URL per pattern) and what it found wrong."""

    role: str
    visited: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    checked: int = 0  # pages checked in the browser (the others had markup already checked)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href") and "download" not in values:
            self.hrefs.append(str(values["href"]))


def links_in(html: str, base: str) -> list[str]:
    """Every link of a page (not downloads), as absolute URLs."""
    parser = _Links()
    parser.feed(html)
    return [urljoin(base, href) for href in parser.hrefs]


_CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*')


def fingerprint(html: str) -> str:
    """Markup that differs only by its CSRF tokens is the same page to check."""
    return hashlib.sha256(_CSRF.sub(r"\1", html).encode()).hexdigest()


def crawl(
    page: Page, *, origin: str, start: str, role: str, checked_markup: set[str] | None = None
) -> Sweep:
    """Follow every link from ``start`` as the person signed in on ``page``, checking each new
    kind of page with ``page_problems``. ``origin``: the site's scheme and host; links
    elsewhere are not followed. ``checked_markup``: fingerprints of pages already checked
    (by the crawl of another role): the same markup is not checked twice."""
    origin = origin.rstrip("/")
    checked_markup = set() if checked_markup is None else checked_markup
    sweep = Sweep(role=role)
    queue: deque[tuple[str, str]] = deque([(start, "(start)")])
    while queue:
        path, found_on = queue.popleft()
        pattern = pattern_of(urlsplit(path).path)
        if pattern is None or pattern in sweep.visited:
            if pattern is None:
                sweep.problems.append(f"{role}: {path} (linked from {found_on}) is not a page")
            continue
        if len(sweep.visited) >= MAX_PATTERNS:
            sweep.problems.append(f"{role}: more than {MAX_PATTERNS} kinds of page; raise the cap")
            break
        response = page.request.get(path)
        final = urlsplit(response.url)
        final_path = final.path + (f"?{final.query}" if final.query else "")
        if response.status >= 400:
            sweep.problems.append(
                f"{role}: {path} (linked from {found_on}) answers {response.status}"
            )
            continue
        if not response.headers.get("content-type", "").startswith("text/html"):
            sweep.visited[pattern] = path  # a download or a document: nothing to read here
            continue
        sweep.visited[pattern] = path
        final_pattern = pattern_of(final.path)
        if final_pattern != pattern:  # a redirect to another kind of page
            if final_pattern in sweep.visited or final_pattern is None:
                continue
            sweep.visited[final_pattern] = final_path
        html = response.text()
        markup = fingerprint(html)
        if markup not in checked_markup:
            checked_markup.add(markup)
            page.goto(final_path)
            sweep.problems += [f"{role} {final_path}: {p}" for p in page_problems(page)]
            sweep.checked += 1
        for href in links_in(html, response.url):
            link = urlsplit(href)
            if f"{link.scheme}://{link.netloc}" != origin:
                continue
            if link.path.startswith(SKIP_PREFIXES):
                continue
            queue.append((link.path + (f"?{link.query}" if link.query else ""), final_path))
    return sweep
