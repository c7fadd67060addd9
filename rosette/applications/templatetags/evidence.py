from __future__ import annotations

from typing import Any

from django import template
from django.forms import BaseForm
from django.utils.html import format_html

register = template.Library()


@register.filter
def bound(form: BaseForm, name: str) -> Any:
    """``form|bound:"text-12"``: a field of a form whose field names are built at run time."""
    return form[name] if name in form.fields else None


@register.filter
def get(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if mapping else None


@register.simple_tag
def excerpt(text: str, start: int, end: int, around: int = 40) -> str:
    """The finding in its sentence, the finding marked: "…I spoke to <mark>Mrs X</mark> about…"."""
    before = text[max(0, start - around) : start]
    after = text[end : end + around]
    # Whole words only: "…everyone can talk", never "…hat everyone can talk".
    if start > around and " " in before:
        before = before[before.index(" ") + 1 :]
    if end + around < len(text) and " " in after:
        after = after[: after.rindex(" ")]
    return format_html(
        '{}{}<mark class="rosette-finding">{}</mark>{}{}',
        "…" if start > around else "",
        before,
        text[start:end],
        after,
        "…" if end + around < len(text) else "",
    )
