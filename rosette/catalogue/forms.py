from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rosette.catalogue.selectors import CatalogueFilters


class CatalogueFilterForm(forms.Form):
    """The catalogue's search and filters (GET). Unknown values are reported, never a 500."""

    q = forms.CharField(label=_("Search badges"), max_length=200, required=False)
    issuer = forms.ChoiceField(label=_("Issuer"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    pathway = forms.ChoiceField(label=_("Pathway"), required=False)

    def __init__(self, *args: Any, choices: dict[str, list[tuple[str, str]]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        for name in ("issuer", "category", "pathway"):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [("", _("All")), *choices[name]]

    def filters(self) -> CatalogueFilters:
        """The filters to apply: the valid ones only, so a bad value never hides results."""
        data = self.cleaned_data if self.is_bound else {}
        return CatalogueFilters(
            q=(data.get("q") or "").strip(),
            issuer=data.get("issuer") or "",
            category=data.get("category") or "",
            pathway=data.get("pathway") or "",
        )
