"""Scottish Government Design System components as template tags: ``{% load ds %}``.

Templates call these instead of hand-writing DS markup (STYLE.md point 10). Text arguments are
escaped unless already safe (``mark_safe``/``{% translate %}`` output is not; use the block
forms for rich content). The markup lives in ``core/templates/ds/components/``.

Forms
    ``{% error_summary form [other_form ...] title=None %}``
        "There is a problem" with a link to each field in error (non-field errors link to the
        form's error block). Renders nothing when no form has errors. Place it at the top of
        ``{% block content %}``; it takes focus on load (``autofocus``, and ``site.js`` after
        an htmx swap), and the page title then starts with "Error:" (``{% error_title_prefix %}``
        in base.html). Accepts forms, formsets and lists of ``ErrorSummaryItem`` (errors that
        are not a form's, which may link to another page).
        ``{% error_summary form profile_form %}``
    ``{{ field|ds_widget }}`` / ``{{ field|ds_widget_kind }}``: used by ``ds/forms/field.html``.

Page furniture
    ``{% page_header title label=None %}``
        ``{% page_header badge.name label=_("Badge") %}``
    ``{% breadcrumbs items %}`` — items: list of ``(label, url)``; a last item whose url is
        ``None`` is the current page. ``{% breadcrumbs crumbs %}`` with
        ``crumbs = [(_("Badges"), reverse("catalogue:badge_list")), (badge.name, None)]``
    ``{% button text url=None type="submit" variant="primary" name=None value=None small=False %}``
        A ``<a>`` when ``url`` is given, else a ``<button>``; variant: primary, secondary or
        cancel. ``{% button _("Save draft") variant="secondary" name="action" value="save" %}``
    ``{% tag text colour=None %}`` — colour: blue, darkblue, green, grey, orange, pink,
        purple, red, teal, yellow. ``{% tag _("Awarded") colour="green" %}``
    ``{% summary_list rows %}`` — rows: iterable of ``(key, value)`` or
        ``(key, value, actions)`` with actions a list of ``(label, url)``; the key is appended
        to each action label for screen readers. ``{% summary_list rows %}`` with
        ``rows = [(_("Email"), user.email, [(_("Change"), reverse("account_email"))])]``
    ``{% pagination page_obj label=None %}`` — previous/next and elided page numbers; keeps
        the current query string (filters, search) and replaces only ``page``.
        ``{% pagination page_obj %}``
    ``{% page_url page_number %}`` — the current URL's query string with ``page`` set
        (Django 5.2's ``{% querystring page=n %}`` does the same; prefer it in new templates).

Block components (content may hold any markup and {% translate %}):
    ``{% notification_banner title=None success=False %}…{% endnotification_banner %}``
        A full-width DS notification banner; ``title`` is a visually hidden heading.
    ``{% inset_text %}…{% endinset_text %}``
    ``{% warning_text label=None %}…{% endwarning_text %}`` — label read before the text
        (default "Warning").
    ``{% details summary open=False %}…{% enddetails %}``
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django import forms, template
from django.forms.boundfield import BoundField
from django.template.base import Parser, Token
from django.template.context import Context
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from rosette.core.forms import (
    error_summary_items,
    non_field_errors_id,
    render_widget,
    widget_kind,
)

register = template.Library()

TAG_COLOURS = frozenset(
    {"blue", "darkblue", "green", "grey", "orange", "pink", "purple", "red", "teal", "yellow"}
)
BUTTON_VARIANTS = frozenset({"primary", "secondary", "cancel"})


# --- forms ----------------------------------------------------------------------------------


@register.filter
def ds_widget(bound_field: BoundField) -> SafeString:
    return render_widget(bound_field)


@register.filter
def ds_widget_kind(bound_field: BoundField) -> str:
    return widget_kind(bound_field)


@register.simple_tag
def ds_non_field_errors_id(form: forms.BaseForm) -> str:
    return non_field_errors_id(form)


@register.simple_tag(takes_context=True)
def error_summary(context: Context, *forms_: Any, title: str | None = None) -> SafeString | str:
    items = error_summary_items(*forms_)
    if not items:
        return ""
    request = context.get("request")
    if request is not None:
        request.ds_shows_errors = True  # read by {% error_title_prefix %}
    return render_to_string("ds/components/error_summary.html", {"items": items, "title": title})


@register.simple_tag(takes_context=True)
def error_title_prefix(context: Context) -> str:
    """The page title's first words, "Error: ", when this page shows an error summary.
    base.html renders the page body before its <title> (``{% capture %}``) for this."""
    request = context.get("request")
    return _("Error:") + " " if getattr(request, "ds_shows_errors", False) else ""


class CaptureNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: str) -> None:
        self.nodelist = nodelist
        self.name = name

    def render(self, context: Context) -> str:
        context[self.name] = self.nodelist.render(context)
        return ""


@register.tag
def capture(parser: Parser, token: Token) -> CaptureNode:
    """``{% capture as name %}…{% endcapture %}`` renders its content now, to output later
    with ``{{ name }}``: base.html renders the body first, then the head that depends on it."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("usage: {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


# --- page furniture -------------------------------------------------------------------------


@register.inclusion_tag("ds/components/page_header.html")
def page_header(title: str, label: str | None = None) -> dict[str, Any]:
    return {"title": title, "label": label}


@register.inclusion_tag("ds/components/breadcrumbs.html")
def breadcrumbs(items: Iterable[Sequence[Any]]) -> dict[str, Any]:
    return {"items": [(label, url) for label, url in items]}


@register.inclusion_tag("ds/components/button.html")
def button(
    text: str,
    url: str | None = None,
    type: str = "submit",
    variant: str = "primary",
    name: str | None = None,
    value: str | None = None,
    small: bool = False,
) -> dict[str, Any]:
    if variant not in BUTTON_VARIANTS:
        raise template.TemplateSyntaxError(
            f"button variant must be one of {sorted(BUTTON_VARIANTS)}"
        )
    classes = ["ds_button"]
    if variant != "primary":
        classes.append(f"ds_button--{variant}")
    if small:
        classes.append("ds_button--small")
    return {
        "text": text,
        "url": url,
        "type": type,
        "name": name,
        "value": value,
        "classes": " ".join(classes),
    }


@register.inclusion_tag("ds/components/tag.html")
def tag(text: str, colour: str | None = None) -> dict[str, Any]:
    if colour is not None and colour not in TAG_COLOURS:
        raise template.TemplateSyntaxError(f"tag colour must be one of {sorted(TAG_COLOURS)}")
    return {"text": text, "colour": colour}


@register.inclusion_tag("ds/components/summary_list.html")
def summary_list(rows: Iterable[Sequence[Any]]) -> dict[str, Any]:
    prepared = []
    for row in rows:
        key, value, *rest = row
        actions = list(rest[0]) if rest and rest[0] else []
        prepared.append({"key": key, "value": value, "actions": actions})
    return {"rows": prepared}


def _page_query(context: Context, number: int | str) -> str:
    request = context.get("request")
    query = request.GET.copy() if request is not None else None
    if query is None:
        return f"?page={number}"
    query["page"] = str(number)
    return f"?{query.urlencode()}"


@register.simple_tag(takes_context=True)
def page_url(context: Context, number: int | str) -> str:
    return _page_query(context, number)


@register.inclusion_tag("ds/components/pagination.html", takes_context=True)
def pagination(context: Context, page_obj: Any, label: str | None = None) -> dict[str, Any]:
    items: list[dict[str, Any]] = []
    if page_obj is not None and page_obj.paginator.num_pages > 1:
        paginator = page_obj.paginator
        if page_obj.has_previous():
            items.append(
                {"previous": True, "url": _page_query(context, page_obj.previous_page_number())}
            )
        for number in paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1):
            if number == paginator.ELLIPSIS:
                items.append({"ellipsis": True})
            elif number == page_obj.number:
                items.append({"current": True, "number": number})
            else:
                items.append({"number": number, "url": _page_query(context, number)})
        if page_obj.has_next():
            items.append({"next": True, "url": _page_query(context, page_obj.next_page_number())})
    return {"items": items, "label": label or _("Pages"), "page_obj": page_obj}


# --- block components -----------------------------------------------------------------------


class ComponentNode(template.Node):
    def __init__(
        self,
        template_name: str,
        nodelist: template.NodeList,
        kwargs: dict[str, Any],
    ) -> None:
        self.template_name = template_name
        self.nodelist = nodelist
        self.kwargs = kwargs

    def render(self, context: Context) -> str:
        values = {key: value.resolve(context) for key, value in self.kwargs.items()}
        values["content"] = self.nodelist.render(context)
        return render_to_string(self.template_name, values)


def _block_component(name: str, template_name: str, positional: Sequence[str] = ()) -> None:
    def compile_tag(parser: Parser, token: Token) -> ComponentNode:
        bits = token.split_contents()[1:]
        kwargs: dict[str, Any] = {}
        for index, bit in enumerate(bits):
            if "=" in bit:
                key, expression = bit.split("=", 1)
            elif index < len(positional):
                key, expression = positional[index], bit
            else:
                raise template.TemplateSyntaxError(f"{name}: unexpected argument {bit!r}")
            kwargs[key] = parser.compile_filter(expression)
        nodelist = parser.parse((f"end{name}",))
        parser.delete_first_token()
        return ComponentNode(template_name, nodelist, kwargs)

    register.tag(name, compile_tag)


_block_component("notification_banner", "ds/components/notification_banner.html", ("title",))
_block_component("inset_text", "ds/components/inset_text.html")
_block_component("warning_text", "ds/components/warning_text.html", ("label",))
_block_component("details", "ds/components/details.html", ("summary",))
