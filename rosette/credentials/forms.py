from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rosette.core.forms import DesignSystemForm

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class VerifyForm(DesignSystemForm):
    """A badge to check: its web address, or a file (baked image or credential JSON)."""

    ds_mark_optional = False  # one of address and file is needed; the email says "Optional"

    url = forms.URLField(
        label=_("Web address of the badge"),
        required=False,
        max_length=2000,
        assume_scheme="https",
        help_text=_("For example the link to an Open Badges assertion or credential."),
        error_messages={"invalid": _("Enter a web address that starts with https://")},
    )
    file = forms.FileField(
        label=_("Or upload a badge file"),
        required=False,
        help_text=_("A badge image (PNG or SVG) or a credential file (JSON), up to 2 MB."),
        error_messages={"empty": _("The file you chose is empty. Choose a badge file.")},
    )
    email = forms.EmailField(
        label=_("Email address of the person who earned it"),
        required=False,
        help_text=_("Optional. We check it against the badge without storing it."),
        error_messages={"invalid": _("Enter an email address like name@example.org")},
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is not None and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 2 MB. Choose a badge image or credential file."),
                code="too_big",
            )
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_url, has_file = bool(data.get("url")), bool(data.get("file"))
        if not self.errors:
            if has_url and has_file:
                raise forms.ValidationError(
                    _("Give the web address or a file, not both."), code="both"
                )
            if not has_url and not has_file:
                self.add_error(
                    "url", _("Enter the web address of the badge, or upload a badge file.")
                )
        return data

    def source(self) -> str | bytes:
        """What to verify: the URL, or the uploaded bytes."""
        if self.cleaned_data.get("url"):
            return str(self.cleaned_data["url"])
        upload = self.cleaned_data["file"]
        upload.seek(0)
        data: bytes = upload.read(MAX_UPLOAD_BYTES + 1)
        return data
