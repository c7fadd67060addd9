"""``{% load application_feedback %}{% attempt_feedback attempt %}``: the assessor's feedback
on a returned attempt, for the learner's application page. Nothing for a declined attempt:
as the declaration says, unsuccessful applications get no feedback."""

from __future__ import annotations

from typing import Any

from django import template

from rosette.assessment.selectors import attempt_feedback as feedback_for_attempt

register = template.Library()


@register.inclusion_tag("applications/_attempt_feedback.html")
def attempt_feedback(attempt: Any) -> dict[str, Any]:
    decision, rows = feedback_for_attempt(attempt=attempt)
    return {"attempt": attempt, "decision": decision, "rows": rows}
