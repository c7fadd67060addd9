"""One definition of a word, shared with the browser (static/rosette/wordcount.js).

A word is a run of letters, digits or combining marks, which may be joined inside by an
apostrophe, a hyphen, a soft hyphen or a full stop: "don't", "well-being", "3.5" and "e.g" are
one word each. Emoji, punctuation, dashes between spaces and every kind of space (including
the non-breaking spaces that come with text pasted from Word) separate words. Both sides use
the same pattern; tests/browser/test_wordcount.py checks they agree on awkward input.
"""

from __future__ import annotations

import regex

# Keep in step with WORD in static/rosette/wordcount.js.
WORD = regex.compile(r"[\p{L}\p{N}\p{M}]+(?:['’ʼ\-‐‑.\u00AD][\p{L}\p{N}\p{M}]+)*")


def count_words(text: str) -> int:
    """How many words the text has."""
    return sum(1 for _ in WORD.finditer(text))
