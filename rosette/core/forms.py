"""The Scottish Government Design System, wrapped once for Django forms (STYLE.md point 10).

``FORM_RENDERER = "rosette.core.forms.DesignSystemFormRenderer"`` makes every form render
through ``core/templates/ds/forms/``: ``{{ form }}`` renders all fields, and
``{{ form.name.as_field_group }}`` renders one field, each as a DS *question*:

- a ``<label class="ds_label">`` (or ``<fieldset>`` + ``<legend>`` for radio and checkbox groups),
- the field's ``help_text`` as ``ds_hint-text`` (id ``<auto_id>_helptext``),
- its errors as ``ds_question__error-message`` (id ``<auto_id>_error``) with the
  ``ds_question--error`` state; the widget's ``aria-describedby`` names both (Django 5.2 builds
  it from those ids) and it carries ``aria-invalid="true"``,
- the widget with DS classes: ``ds_input`` for text-like inputs and textareas, ``ds_select``
  inside ``ds_select-wrapper`` with its arrow, ``ds_checkbox`` / ``ds_radio`` markup, and a
  ``ds_file-upload`` for files. Classes already on the widget (``ds_input--fixed-10``…) are kept.

Typed values come back on re-display because the widget is still rendered by Django.

Put ``{% error_summary form %}`` (``{% load ds %}``) at the top of the page: it links each
message to its field's id. Forms that subclass :class:`DesignSystemForm` /
:class:`DesignSystemModelForm` also drop the browser's ``required`` attribute so the server's
clearer messages are the ones people see (GOV.UK advice); otherwise add ``novalidate`` to
the ``<form>``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates, TemplatesSetting
from django.forms.utils import flatatt
from django.template import TemplateDoesNotExist
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

_BUILTIN_FORM_TEMPLATES = DjangoTemplates()


class DesignSystemFormRenderer(TemplatesSetting):
    """Renders forms and fields with the DS templates, found through the TEMPLATES setting.

    Django's own widget templates (``django/forms/widgets/…``) are found through TEMPLATES
    when ``django.forms`` is in INSTALLED_APPS; if it is not, they come from Django's
    built-in form engine instead, so the renderer works either way.
    """

    form_template_name = "ds/forms/form.html"
    formset_template_name = "ds/forms/formset.html"
    field_template_name = "ds/forms/field.html"

    def get_template(self, template_name: str) -> Any:
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return _BUILTIN_FORM_TEMPLATES.get_template(template_name)


class DesignSystemFormMixin:
    """No browser ``required`` pop-ups: errors come from the server, beside the field.
    Optional fields say "(optional)" after their label (plain forms, such as filters, don't)."""

    use_required_attribute = False
    ds_mark_optional = True


class DesignSystemForm(DesignSystemFormMixin, forms.Form):
    pass


class DesignSystemModelForm(DesignSystemFormMixin, forms.ModelForm):  # type: ignore[type-arg]  # any model
    pass


# --- widgets --------------------------------------------------------------------------------

TEXT_INPUT_TYPES = frozenset(
    {"text", "email", "url", "password", "number", "search", "tel", "date", "time",
     "datetime-local", "month", "week"}
)  # fmt: skip


def widget_kind(bound_field: BoundField) -> str:
    """Which DS pattern a field's widget takes: input, textarea, select, select-multiple,
    checkbox, radios, checkboxes, file, hidden or other."""
    widget = bound_field.field.widget
    if widget.is_hidden:
        return "hidden"
    # CheckboxSelectMultiple subclasses RadioSelect, so it must be recognised first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.FileInput):
        return "file"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.SelectMultiple):
        return "select-multiple"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.MultiWidget):
        return "other"
    if isinstance(widget, forms.widgets.Input) and widget.input_type in TEXT_INPUT_TYPES:
        return "input"
    return "other"


def _classes(*names: str) -> str:
    return " ".join(name for name in names if name)


def render_widget(bound_field: BoundField) -> SafeString:
    """The widget alone, with the DS classes for its kind and error state."""
    kind = widget_kind(bound_field)
    own = bound_field.field.widget.attrs.get("class", "")
    error = bool(bound_field.errors)
    if kind in ("input", "textarea"):
        css = _classes("ds_input", own, "ds_input--error" if error else "")
        return bound_field.as_widget(attrs={"class": css})
    if kind in ("select", "select-multiple"):
        css = _classes("ds_select", own, "ds_select--error" if error else "")
        widget = bound_field.as_widget(attrs={"class": css})
        if kind == "select-multiple":
            return widget
        return format_html(
            '<div class="ds_select-wrapper">{}<span class="ds_select-arrow" aria-hidden="true">'
            "</span></div>",
            widget,
        )
    if kind == "checkbox":
        return bound_field.as_widget(attrs={"class": _classes("ds_checkbox__input", own)})
    if kind == "file":
        css = _classes(
            "ds_file-upload__input", own, "ds_file-upload__input--error" if error else ""
        )
        return bound_field.as_widget(attrs={"class": css})
    if kind in ("radios", "checkboxes"):
        return render_choices(bound_field)
    return bound_field.as_widget()


def render_choices(bound_field: BoundField) -> SafeString:
    """Radio buttons or checkboxes, each an input followed by its label, in DS markup."""
    kind = widget_kind(bound_field)
    block = "ds_radio" if kind == "radios" else "ds_checkbox"
    small = "small" in bound_field.field.widget.attrs.get("class", "")
    items = []
    for subwidget in bound_field.subwidgets:
        data = subwidget.data
        attrs = {k: v for k, v in data["attrs"].items() if k != "class"}
        attrs["class"] = f"{block}__input"
        attrs["type"] = data["type"]
        attrs["name"] = data["name"]
        if data["value"] is not None:
            attrs["value"] = str(data["value"])
        if bound_field.field.disabled:
            attrs["disabled"] = True
        input_html = format_html("<input{}>", flatatt(_boolean_attrs(attrs)))
        items.append(
            format_html(
                '<div class="{}">{}<label class="{}__label" for="{}">{}</label></div>',
                _classes(block, f"{block}--small" if small else ""),
                input_html,
                block,
                subwidget.id_for_label,
                subwidget.choice_label,
            )
        )
    inline = "inline" in bound_field.field.widget.attrs.get("class", "")
    return format_html(
        '<div class="{}">{}</div>',
        _classes("ds_field-group", "ds_field-group--inline" if inline else ""),
        mark_safe("".join(items)),  # noqa: S308 - each item was built by format_html above
    )


def _boolean_attrs(attrs: dict[str, Any]) -> dict[str, Any]:
    """flatatt renders True as a bare attribute and drops False/None."""
    return {k: v for k, v in attrs.items() if v is not False and v is not None}


def field_anchor(bound_field: BoundField) -> str:
    """The id the error summary links to: the input itself, or a group's first option."""
    if widget_kind(bound_field) in ("radios", "checkboxes"):
        subwidgets = bound_field.subwidgets
        if subwidgets:
            return subwidgets[0].id_for_label
    return bound_field.id_for_label or bound_field.auto_id or bound_field.html_name


def non_field_errors_id(form: forms.BaseForm) -> str:
    return f"{form.prefix}-errors" if form.prefix else "form-errors"


# --- error summary --------------------------------------------------------------------------


@dataclass(frozen=True)
class ErrorSummaryItem:
    """One line of an error summary: its message, linking to the element with id ``anchor``
    on this page, or on the page at ``url`` when it is given."""

    anchor: str
    message: str
    url: str = ""

    @property
    def href(self) -> str:
        return f"{self.url}#{self.anchor}"


def error_summary_items(
    *forms_: forms.BaseForm | forms.BaseFormSet | Iterable[ErrorSummaryItem] | None,
) -> list[ErrorSummaryItem]:
    """Every error of the given forms (and formsets), in page order, with the id to link to.
    Errors that are not a form's (a list of ``ErrorSummaryItem``) are taken as they are."""
    items: list[ErrorSummaryItem] = []
    for form in forms_:
        if form is None:
            continue
        if not isinstance(form, forms.BaseForm | forms.BaseFormSet):
            items.extend(form)
            continue
        if not form.is_bound:
            continue
        if isinstance(form, forms.BaseFormSet):
            items.extend(
                ErrorSummaryItem(f"{form.prefix}-errors", str(message))
                for message in form.non_form_errors()
            )
            for sub in form.forms:
                items.extend(error_summary_items(sub))
            continue
        for message in form.non_field_errors():
            items.append(ErrorSummaryItem(non_field_errors_id(form), str(message)))
        for bound_field in form:
            for message in bound_field.errors:
                if bound_field.is_hidden:
                    items.append(ErrorSummaryItem(non_field_errors_id(form), str(message)))
                else:
                    items.append(ErrorSummaryItem(field_anchor(bound_field), str(message)))
    return items


__all__ = [
    "DesignSystemForm",
    "DesignSystemFormMixin",
    "DesignSystemFormRenderer",
    "DesignSystemModelForm",
    "ErrorSummaryItem",
    "error_summary_items",
    "field_anchor",
    "render_widget",
    "widget_kind",
]
