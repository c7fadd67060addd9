from __future__ import annotations

from django import template
from django.template import Context

from rosette.accounts.middleware import after_set_up_url

register = template.Library()


@register.simple_tag(takes_context=True)
def after_mfa_set_up(context: Context) -> str:
    """The way on from the recovery codes page: where the person was going (see middleware)."""
    return after_set_up_url(context["request"])
