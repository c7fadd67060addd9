"""Forms of the people page: invite someone to the issuer's staff."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rosette.catalogue.models import IssuerStaff
from rosette.core.forms import DesignSystemForm


class StaffInviteForm(DesignSystemForm):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_(
            "We will send them a link. They accept with an account that has this email "
            "address, confirmed, and then set up an authenticator app."
        ),
        max_length=254,
        error_messages={
            "required": _("Enter the email address of the person to invite"),
            "invalid": _("Enter an email address in the correct format, like name@example.org"),
        },
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=IssuerStaff.Role.choices,
        widget=forms.RadioSelect,
        initial=IssuerStaff.Role.ASSESSOR,
        error_messages={"required": _("Choose whether they will assess or administer")},
    )


class StaffActionForm(DesignSystemForm):
    action = forms.ChoiceField(
        choices=[("suspend", "suspend"), ("restore", "restore"), ("remove", "remove")],
        widget=forms.HiddenInput,
    )
