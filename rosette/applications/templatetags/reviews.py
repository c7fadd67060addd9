"""``{% load reviews %}{% review_lists %}``: drafts shared with the signed-in person, and their
follow-ups, on the home page (nothing at all for people nobody has asked)."""

from __future__ import annotations

from typing import Any

from django import template

from rosette.applications import review

register = template.Library()


@register.inclusion_tag("applications/review/_home.html", takes_context=True)
def review_lists(context: template.Context) -> dict[str, Any]:
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return {"lists": None}
    return {
        "lists": review.lists_for_reviewer(user=user),
        "not_competence": review.NOT_COMPETENCE,
        "never_compulsory": review.NEVER_COMPULSORY,
    }
