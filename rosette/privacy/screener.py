"""The public screening function and its result type."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from .dates import ages, dates_of_birth
from .names import find_names
from .patterns import find_patterns

MAX_CHARS = 100_000
"""Longest text screen() accepts: about 15,000 words, far beyond any evidence answer."""

LABELS: tuple[str, ...] = (
    "PERSON",
    "EMAIL",
    "PHONE",
    "POSTCODE",
    "ADDRESS",
    "DATE_OF_BIRTH",
    "AGE",
    "CHI",
    "NHS_NUMBER",
    "NI_NUMBER",
    "SOCIAL_MEDIA",
    "VEHICLE_REG",
    "WORKPLACE",
)

REASONS: dict[str, str] = {
    "PERSON": "This looks like a person's name.",
    "EMAIL": "This looks like an email address.",
    "PHONE": "This looks like a phone number.",
    "POSTCODE": "This looks like a postcode.",
    "ADDRESS": "This looks like a street address.",
    "DATE_OF_BIRTH": "This looks like someone's date of birth.",
    "AGE": "This gives someone's age, which can help identify them.",
    "CHI": "This looks like a CHI number (a Scottish health record number).",
    "NHS_NUMBER": "This looks like an NHS number.",
    "NI_NUMBER": "This looks like a National Insurance number.",
    "SOCIAL_MEDIA": "This looks like a link to someone's social media.",
    "VEHICLE_REG": "This looks like a vehicle registration number.",
    "WORKPLACE": "This looks like the name of a small workplace or care setting.",
}


class TextTooLong(ValueError):
    """Raised when the text is longer than MAX_CHARS, rather than spending unbounded time."""

    def __init__(self, length: int) -> None:
        super().__init__(f"text is {length} characters; the screener accepts at most {MAX_CHARS}")
        self.length = length


@dataclass(frozen=True, slots=True)
class Finding:
    """Something in the text that could identify a person.

    ``start``/``end`` are offsets into the screened text (end exclusive), ``text`` is
    ``text[start:end]``, ``reason`` is a sentence to show the learner.
    """

    start: int
    end: int
    label: str
    confidence: float
    reason: str
    text: str

    @property
    def key(self) -> str:
        """A key that stays the same when the text around the finding is edited.

        Label plus the matched text folded to lower case with spacing and punctuation
        squeezed out, so that a dismissal ("this is not identifying") can be remembered
        across edits that move the offsets.
        """
        return f"{self.label}:{normalise(self.text)}"


_SQUEEZE = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Fold case, accents' compatibility forms and punctuation so equal findings share a key."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _SQUEEZE.sub(" ", folded).strip()


# Which finding wins when two overlap: identifiers with check digits before names, etc.
_PRIORITY = {label: i for i, label in enumerate(
    ("CHI", "NHS_NUMBER", "NI_NUMBER", "EMAIL", "SOCIAL_MEDIA", "PHONE", "POSTCODE",
     "DATE_OF_BIRTH", "ADDRESS", "VEHICLE_REG", "WORKPLACE", "PERSON", "AGE")
)}  # fmt: skip


def screen(text: str) -> list[Finding]:
    """Find what in ``text`` could identify a person; return findings in text order.

    Raises TextTooLong if ``text`` is longer than MAX_CHARS. Deterministic, no I/O.
    """
    if len(text) > MAX_CHARS:
        raise TextTooLong(len(text))
    raw: list[tuple[int, int, str, float]] = [
        (h.start, h.end, h.label, h.confidence) for h in find_patterns(text)
    ]
    raw.extend((h.start, h.end, h.label, h.confidence) for h in dates_of_birth(text))
    raw.extend((h.start, h.end, h.label, h.confidence) for h in ages(text))
    raw.extend((h.start, h.end, h.label, h.confidence) for h in find_names(text))
    raw.sort(key=lambda r: (_PRIORITY[r[2]], -(r[1] - r[0]), r[0]))
    # Greedy by priority; kept spans never overlap, so sorted starts and ends stay aligned and
    # one bisection finds the only neighbours a candidate could overlap (O(n log n) overall).
    kept: list[tuple[int, int, str, float]] = []
    starts: list[int] = []
    for cand in raw:
        at = bisect.bisect_left(starts, cand[0])
        if at > 0 and kept[at - 1][1] > cand[0]:
            continue
        if at < len(kept) and kept[at][0] < cand[1]:
            continue
        kept.insert(at, cand)
        starts.insert(at, cand[0])
    return [
        Finding(s, e, label, round(conf, 2), REASONS[label], text[s:e])
        for s, e, label, conf in kept
    ]


def summarise(findings: list[Finding]) -> dict[str, int]:
    """Count findings per label, in LABELS order, for a one-line summary to the learner."""
    counts = Counter(f.label for f in findings)
    return {label: counts[label] for label in LABELS if counts[label]}


# --- the shared rule for every field a person can publish or share ---------------------------
# Django apps call these directly (each app may import rosette.privacy; none imports another
# app for screening). See docs/adr/0011-screening-every-shared-field.md.


def unexplained(text: str, explained: Collection[str] = frozenset()) -> list[Finding]:
    """Findings in ``text`` less those whose key the writer explained as not identifying anyone.

    Empty or blank text has none. Raises TextTooLong like screen(): a caller that cannot
    screen a text must treat it as not cleared, never as clear.
    """
    if not text.strip():
        return []
    return [f for f in screen(text) if f.key not in explained]


def redact(text: str, findings: Sequence[Finding], mark: str = "[…]") -> str:
    """``text`` with each finding replaced by ``mark``, for printing what was not explained."""
    out, pos = [], 0
    for f in sorted(findings, key=lambda f: f.start):
        out.append(text[pos : f.start])
        out.append(mark)
        pos = f.end
    out.append(text[pos:])
    return "".join(out)


def in_context(text: str, finding: Finding, width: int = 40) -> tuple[str, str, str]:
    """(before, the finding, after): up to ``width`` characters either side, cut at a space
    and marked with an ellipsis where cut, so that the finding can be shown where it is."""
    start = max(0, finding.start - width)
    if start:
        space = text.find(" ", start, finding.start)
        start = space + 1 if space != -1 else start
    end = min(len(text), finding.end + width)
    if end < len(text):
        space = text.rfind(" ", finding.end, end)
        end = space if space != -1 else end
    before = ("…" if start else "") + text[start : finding.start]
    after = text[finding.end : end] + ("…" if end < len(text) else "")
    return before, text[finding.start : finding.end], after


def describe(text: str, finding: Finding) -> str:
    """One line for a form error: the finding in its context, then its reason."""
    before, match, after = in_context(text, finding, width=30)
    return f"{before}“{match}”{after} – {finding.reason}"
