"""Awards on the home page: the learner's badges and their progress towards pathway badges.
(The badge page asks for its progress through ``catalogue.hooks.pathway_progress_html``.)"""

from __future__ import annotations

from typing import Any

from django import template

from rosette.awards import selectors
from rosette.awards.models import Award

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
