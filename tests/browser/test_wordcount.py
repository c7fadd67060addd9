"""The browser counts words exactly as the server does (one definition of a word)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from rosette.applications.tests.test_wordcount import AWKWARD
from rosette.applications.wordcount import count_words
from tests.browser.conftest import axe

pytestmark = pytest.mark.django_db(transaction=True)


def test_browser_and_server_agree_on_awkward_text(page: Page) -> None:
    page.goto("/")
    axe(page)
    texts = [text for text, _ in AWKWARD] + [
        "Pasted\u2003from\u2009Word\u202fwith odd spaces",
        "zero\u200bwidth space",
        "Ünïcödé ăccents and ŁÓDŹ",
        "日本語 テキスト",
        "tab\u00a0\u00a0double",
    ]
    counts = page.evaluate(
        """async texts => {
            const module = await import('/static/rosette/wordcount.js');
            return texts.map(t => module.countWords(t));
        }""",
        texts,
    )
    assert counts == [count_words(text) for text in texts]
