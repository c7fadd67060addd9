"""``{% load application_feedback %}{% attempt_feedback attempt %}``: the assessor's feedback
on a returned attempt, for the learner's application page. Nothing for a declined attempt:
as the declaration says, unsuccessful applications get no feedback. The assessment app answers
(``rosette.applications.hooks.attempt_feedback``)."""

from __future__ import annotations

from typing import Any

from django import template

from rosette.applications import hooks
from rosette.applications.models import Attempt

register = template.Library()


@register.inclusion_tag("applications/_attempt_feedback.html")
def attempt_feedback(attempt: Attempt) -> dict[str, Any]:
    decision, rows = hooks.attempt_feedback.call(attempt=attempt)
    return {"attempt": attempt, "decision": decision, "rows": rows}
