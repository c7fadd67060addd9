"""Read-only admin views, for superusers only: keys and credentials change only through
services (rosette/core/admin.py). No secret is shown, not even encrypted."""

from __future__ import annotations

from django.contrib import admin

from rosette.core.admin import ReadMostlyAdmin

from .models import AwardCredential, IssuerKey, StatusList


class ReadOnlyAdmin(ReadMostlyAdmin):
    pass


@admin.register(IssuerKey)
class IssuerKeyAdmin(ReadOnlyAdmin):
    list_display = ["issuer", "fragment", "status", "created_at", "retired_at"]
    list_filter = ["status"]
    secret = ["encrypted_seed"]  # never shown, even encrypted


@admin.register(AwardCredential)
class AwardCredentialAdmin(ReadOnlyAdmin):
    list_display = ["award", "issuer", "status_list_number", "status_index", "created_at"]
    secret = ["salt", "recipient_identity"]


@admin.register(StatusList)
class StatusListAdmin(ReadOnlyAdmin):
    list_display = ["issuer", "purpose", "number", "updated_at"]
    secret = ["bits"]  # not secret, but a long blob of no use on a page
