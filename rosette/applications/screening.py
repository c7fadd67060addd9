"""The one place applications call the privacy screener (rosette/privacy)."""

from __future__ import annotations

from dataclasses import dataclass

from rosette.privacy import Finding, TextTooLong, screen


@dataclass(frozen=True)
class FieldFindings:
    """Findings in one piece of evidence text, less those the learner dismissed."""

    question_id: int | None
    field: str  # "text" or "transcript"
    findings: list[Finding]


def screen_text(text: str, *, dismissed_keys: frozenset[str] = frozenset()) -> list[Finding]:
    """Findings in a text that the learner has not marked as not identifying."""
    if not text.strip():
        return []
    try:
        findings = screen(text)
    except TextTooLong:
        return []  # the form refuses such text before it gets here
    return [f for f in findings if f.key not in dismissed_keys]
