from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:  # only for the type: the form uses no model at run time
    from rosette.accounts.models import User


class SignupForm(forms.Form):
    """Base of allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS): adds the person's name."""

    name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        help_text=_("As you would like it to appear on your badges."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def signup(self, request: HttpRequest, user: User) -> None:
        user.name = self.cleaned_data["name"].strip()
        # Emails sent later (from others' requests) are written in the language they chose.
        user.language = translation.get_language() or ""
        user.save(update_fields=["name", "language"])
