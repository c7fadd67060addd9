"""``{% load reviews %}{% review_lists %}``: drafts shared with the signed-in person, and their
follow-ups, on the home page (nothing at all for people nobody has asked). The home page is
for signed-in people only (``Rule.SIGNED_IN``), so the person is always known here."""

from __future__ import annotations

from typing import Any

from django import template

from rosette.applications import review

register = template.Library()


@register.inclusion_tag("applications/review/_home.html", takes_context=True)
def review_lists(context: template.Context) -> dict[str, Any]:
    return {
        "lists": review.lists_for_reviewer(user=context["request"].user),
        "not_competence": review.NOT_COMPETENCE,
        "never_compulsory": review.NEVER_COMPULSORY,
    }
