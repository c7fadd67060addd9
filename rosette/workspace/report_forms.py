"""The reports' filter: a badge (or all) and a date range, sent by GET."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rosette.catalogue.models import Badge
from rosette.core.forms import DesignSystemForm

LONGEST_RANGE_DAYS = 5 * 366


class ReportFilterForm(DesignSystemForm):
    badge = forms.ChoiceField(label=_("Badge"), required=False)
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

    def __init__(self, *args: Any, badges: list[Badge], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.badges = {b.slug: b for b in badges}
        field = self.fields["badge"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("All badges"))] + [(b.slug, b.name) for b in badges]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        today = timezone.localdate()
        end = data.get("end") or today
        start = data.get("start") or end - timedelta(days=364)
        if start > end:
            self.add_error("start", _("The first day must be before the last day"))
        elif (end - start).days > LONGEST_RANGE_DAYS:
            self.add_error("start", _("Choose a range of five years or less"))
        data["start"], data["end"] = start, end
        return data

    def chosen_badge(self) -> Badge | None:
        return self.badges.get(self.cleaned_data.get("badge") or "")

    @staticmethod
    def default_range() -> tuple[date, date]:
        today = timezone.localdate()
        return today - timedelta(days=364), today
