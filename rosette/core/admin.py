"""The Django admin, for site admins (superusers) only, and read-mostly (ADR 0015).

Nothing in it is needed for an issuer's normal work: that is done in Rosette's own pages,
through services that check, audit and keep the rules. The admin is for a site admin to look
into what is stored. So every model is registered with ``ReadMostlyAdmin``: only superusers
see it at all, nothing is added or deleted, and a model may name the few fields whose change
is harmless (a typo in a name); every other field is shown read-only. Fields that hold secret
material (keys, token hashes, salts, MFA secrets) are never shown, not even encrypted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import Model
from django.http import HttpRequest

from rosette.core.models import AuditEvent, PublishedStamp


def _superuser(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_active and user.is_superuser)


class SuperuserOnly:
    """For an admin class of its own (the toolkit's guide drafts): only superusers see it."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _superuser(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _superuser(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _superuser(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return _superuser(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadMostlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in stubs
    """Superusers only; no adding or deleting; only ``editable`` fields can be changed."""

    editable: Sequence[str] = ()
    secret: Sequence[str] = ()
    actions = None  # not even "delete selected"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _superuser(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _superuser(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _superuser(request) and bool(self.editable)

    def get_exclude(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [*(super().get_exclude(request, obj) or ()), *self.secret]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        shown = [
            f.name
            for f in self.model._meta.get_fields()
            if f.concrete and not f.auto_created and f.name not in self.secret
        ]
        shown += [f.name for f in self.model._meta.many_to_many if f.name not in self.secret]
        return [name for name in dict.fromkeys(shown) if name not in self.editable]


def register_read_only(
    *models: type[Model],
    secret: Sequence[str] = (),
    editable: Sequence[str] = (),
    site: admin.AdminSite = admin.site,
) -> None:
    """Register models with a ReadMostlyAdmin, hiding ``secret`` fields."""
    for model in models:
        if site.is_registered(model):
            site.unregister(model)
        attrs = {"secret": tuple(secret), "editable": tuple(editable)}
        site.register(model, type(f"{model.__name__}Admin", (ReadMostlyAdmin,), attrs))


register_read_only(AuditEvent)  # the audit trail: nobody changes it
register_read_only(PublishedStamp)  # the public cache's stamps: only services change them
