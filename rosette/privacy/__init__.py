"""Privacy screener: finds what in evidence text could identify a person. No Django, no I/O.

API
    screen(text) -> list[Finding]
        Findings in text order, never overlapping. Raises TextTooLong when
        len(text) > MAX_CHARS (100,000). Deterministic; a few milliseconds per statement, so
        it can run on every autosave and again at submission.
    Finding
        Frozen dataclass: start, end (offsets into text, end exclusive), label (one of LABELS),
        confidence (0..1), reason (a sentence for the learner, from REASONS) and text
        (text[start:end]). Finding.key is label + the matched text normalised, stable when
        offsets move, for remembering "this is not identifying" dismissals across edits.
    LABELS, REASONS
        The labels (PERSON, EMAIL, PHONE, POSTCODE, ADDRESS, DATE_OF_BIRTH, AGE, CHI,
        NHS_NUMBER, NI_NUMBER, SOCIAL_MEDIA, VEHICLE_REG, WORKPLACE) and a plain-English
        reason for each.
    summarise(findings) -> dict[str, int]
        Counts per label, for a one-line summary.
    unexplained(text, explained_keys) -> list[Finding]
        screen(text) less the findings whose key the writer explained as not identifying
        anyone: the one rule every field a person can publish or share goes through.
    redact(text, findings) -> str, in_context(text, finding) -> (before, match, after),
    describe(text, finding) -> str
        For printing text with unexplained findings withheld, and for showing a finding where
        it is (describe: one line for a form error).
    MAX_CHARS, TextTooLong
        The length limit and the exception past it.

``python -m rosette.privacy`` reads JSONL {"id", "text"} and writes {"id", "spans"} per line,
the interface of the corpus scorer. See docs/adr/0002-privacy-screener.md for how it works.
"""

from .screener import (
    LABELS,
    MAX_CHARS,
    REASONS,
    Finding,
    TextTooLong,
    describe,
    in_context,
    normalise,
    redact,
    screen,
    summarise,
    unexplained,
)

__all__ = [
    "LABELS",
    "MAX_CHARS",
    "REASONS",
    "Finding",
    "TextTooLong",
    "describe",
    "in_context",
    "normalise",
    "redact",
    "screen",
    "summarise",
    "unexplained",
]
