"""Awards on other apps' pages: the learner's badges on their home page, and progress towards
pathway badges on a badge page."""

from __future__ import annotations

from typing import Any

from django import template

from rosette.awards import selectors
from rosette.awards.models import Award
from rosette.catalogue.models import Badge

register = template.Library()


@register.inclusion_tag("awards/_home_badges.html", takes_context=True)
def home_badges(context: template.Context) -> dict[str, Any]:
    """The signed-in learner's badges (suspended ones marked), each linked to its page, and
    pathway progress."""
    user = context["request"].user
    return {
        "awards": list(Award.objects.current().filter(recipient=user).select_related("badge")),
        "progress": selectors.pathway_progress(user=user),
    }


@register.inclusion_tag("awards/_badge_progress.html", takes_context=True)
def pathway_progress(context: template.Context, badge: Badge) -> dict[str, Any]:
    """For the signed-in viewer: "3 of 8 towards …" for the pathways this badge belongs to
    (or for this badge, if it is a pathway badge), unless the pathway is already held."""
    user = context["request"].user
    if not user.is_authenticated:
        return {"progress": []}
    pathways = [badge] if badge.is_pathway else list(badge.pathways.published())
    if not pathways:
        return {"progress": []}
    return {"progress": selectors.pathway_progress(user=user, badges=pathways, started_only=False)}
