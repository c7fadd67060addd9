"""The accessibility statement: published on the page the footer links to, kept with the code
as docs/ACCESSIBILITY.md, and the two saying the same thing (issue 20)."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from rosette.home.views import STATEMENT

pytestmark = pytest.mark.django_db


def _plain(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", text)).replace("’", "'").strip()


def _page_headings(body: str) -> list[str]:
    main = body.split('id="main-content"', 1)[1].split("</main>", 1)[0]
    return [_plain(h) for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", main, re.S)]


def _statement_headings(markdown: str) -> list[str]:
    return [m.strip() for m in re.findall(r"^#{2,3} (.+)$", markdown, re.M)]


def test_the_footer_leads_to_the_statement_and_its_copy_kept_with_the_code(
    client: Client,
) -> None:
    home = client.get("/").content.decode()
    page_url = reverse("home:accessibility")
    assert f'href="{page_url}"' in home.split('class="ds_site-footer"', 1)[1]

    page = client.get(page_url).content.decode()
    assert '<h1 class="ds_page-header__title">Accessibility statement for Rosette</h1>' in page
    statement_url = reverse("home:accessibility_statement")
    assert f'href="{statement_url}"' in page

    response = client.get(statement_url)
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == STATEMENT.read_text(encoding="utf-8")
    assert response.content.decode().startswith("# Accessibility statement for Rosette\n")


def test_the_page_and_the_statement_have_the_same_sections_and_known_problems(
    client: Client,
) -> None:
    markdown = STATEMENT.read_text(encoding="utf-8")
    page = client.get(reverse("home:accessibility")).content.decode()
    assert _page_headings(page) == _statement_headings(markdown)

    # Each success criterion the statement says is not met is named on the page too.
    known = markdown.split("## Non-accessible content", 1)[1].split("\n## ", 1)[0]
    criteria = set(re.findall(r"\b[1-4]\.\d\.\d{1,2}\b", known))
    assert {"1.3.1", "3.1.2", "1.2.2"} <= criteria
    assert criteria <= set(re.findall(r"\b[1-4]\.\d\.\d{1,2}\b", _plain(page)))
    # And the date it was tested.
    tested = re.search(r"last tested on (\d+ \w+ \d{4})", markdown)
    assert tested and f"last tested on {tested.group(1)}" in _plain(page)
