"""The audit trail's search, sent by GET."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rosette.core.forms import DesignSystemForm
from rosette.workspace.audit_selectors import KIND_CHOICES, AuditSearch


class AuditSearchForm(DesignSystemForm):
    person = forms.CharField(
        label=_("Person"),
        help_text=_("Part of the name or email of who did it"),
        required=False,
        max_length=100,
    )
    kind = forms.ChoiceField(
        label=_("Kind of object"),
        choices=[("", _("Any")), *KIND_CHOICES],
        required=False,
    )
    subject = forms.CharField(
        label=_("Object"),
        help_text=_("Part of an application reference, a badge name, an award code or an email"),
        required=False,
        max_length=100,
    )
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter the first day as a date, like 2026-01-31")},
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter the last day as a date, like 2026-12-31")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("start", _("The first day must be before the last day"))
        return data

    def search(self) -> AuditSearch:
        if not self.is_bound or not self.is_valid():
            return AuditSearch()
        data = self.cleaned_data
        return AuditSearch(
            person=data["person"],
            kind=data["kind"],
            subject=data["subject"],
            start=data["start"],
            end=data["end"],
        )
