"""Read-only admin views: keys and credentials change only through services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import AwardCredential, IssuerKey, StatusList


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(IssuerKey)
class IssuerKeyAdmin(ReadOnlyAdmin):
    list_display = ["issuer", "fragment", "status", "created_at", "retired_at"]
    list_filter = ["status"]
    exclude = ["encrypted_seed"]  # never shown, even encrypted


@admin.register(AwardCredential)
class AwardCredentialAdmin(ReadOnlyAdmin):
    list_display = ["award", "issuer", "status_list_number", "status_index", "created_at"]
    exclude = ["salt", "recipient_identity"]


@admin.register(StatusList)
class StatusListAdmin(ReadOnlyAdmin):
    list_display = ["issuer", "purpose", "number", "updated_at"]
    exclude = ["bits"]
