"""``{% load toolkits %}``: links into the toolkit from other apps' pages."""

from __future__ import annotations

from typing import Any

from django import template

from rosette.toolkits import selectors

register = template.Library()


@register.inclusion_tag("toolkits/_guide_links.html")
def guide_links(badge: Any) -> dict[str, Any]:
    """ "Complete the handout online" links for the guides among a badge's materials."""
    return {"guides": selectors.guides_for_badge(badge=badge)}
