"""The one place applications call the privacy screener (rosette/privacy)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from rosette.privacy import Finding, TextTooLong, screen


@dataclass(frozen=True)
class FieldFindings:
    """Findings in one piece of evidence text, less those the learner dismissed."""

    question_id: int | None
    field: str  # "text" or "transcript"
    findings: list[Finding]


# The label of the one finding made for text the screener could not check (too long for it).
UNCHECKED = "UNCHECKED"


def screen_text(text: str, *, dismissed_keys: frozenset[str] = frozenset()) -> list[Finding]:
    """Findings in a text that the learner has not marked as not identifying.

    Text the screener cannot check is not cleared: it gets a finding of its own
    (:data:`UNCHECKED`) that no dismissal removes, so a submission is refused and an award's
    evidence starts hidden, as for anything else that could identify someone."""
    if not text.strip():
        return []
    try:
        findings = screen(text)
    except TextTooLong:
        return [
            Finding(
                start=0,
                end=0,
                label=UNCHECKED,
                confidence=1.0,
                reason=str(
                    _(
                        "This text is too long to check for anything that could identify a "
                        "person. Shorten it."
                    )
                ),
                text="",
            )
        ]
    return [f for f in findings if f.key not in dismissed_keys]
