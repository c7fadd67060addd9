from __future__ import annotations

from rosette.applications.templatetags.evidence import excerpt


def test_a_finding_is_shown_in_whole_words_around_it() -> None:
    text = (
        "We agreed that everyone can talk about what works. "
        "Jamie's mum joined the call from her flat in the town."
    )
    start = text.index("Jamie")
    shown = str(excerpt(text, start, start + 5))
    assert shown == (
        "…everyone can talk about what works. "
        '<mark class="rosette-finding">Jamie</mark>'
        "&#x27;s mum joined the call from her flat in…"
    )


def test_a_short_text_is_shown_whole() -> None:
    assert str(excerpt("Ask Mrs X.", 4, 9)) == 'Ask <mark class="rosette-finding">Mrs X</mark>.'
