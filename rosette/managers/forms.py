"""Forms of organisations and the manager's home."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rosette.core.forms import DesignSystemForm
from rosette.managers.models import DigestSettings


class InvitationForm(DesignSystemForm):
    email = forms.EmailField(
        label=_("Email address of the person to invite"),
        help_text=_(
            "They will see the invitation when they sign in with this address, and choose "
            "whether to join."
        ),
        max_length=254,
        error_messages={
            "required": _("Enter the email address of the person to invite"),
            "invalid": _("Enter an email address in the correct format, like name@example.org"),
        },
    )


class DigestForm(DesignSystemForm):
    frequency = forms.ChoiceField(
        label=_("How often should we email you what is waiting on your team page?"),
        choices=DigestSettings.Frequency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how often")},
    )
