"""Authoring guides in the Django admin (site admins only: rosette/core/admin.py).

Drafts are edited here. Publishing, and starting a new draft from a published version, go
through the services; a published version is read-only so assessments keep the text they began.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from rosette.accounts.http import AuthenticatedHttpRequest
from rosette.core.admin import SuperuserOnly, register_read_only
from rosette.toolkits import services
from rosette.toolkits.models import (
    ChecklistItem,
    Contributor,
    Guide,
    GuideVersion,
    PrivacyExplanation,
    Risk,
    RiskAssessment,
    RiskEntry,
)


class RiskInline(admin.StackedInline):  # type: ignore[type-arg]  # generic only in stubs
    model = Risk
    extra = 1
    ordering = ["rank"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or not obj.is_published

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or not obj.is_published

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or not obj.is_published


@admin.register(GuideVersion)
class GuideVersionAdmin(SuperuserOnly, admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in stubs
    list_display = ["title", "guide", "number", "published_at"]
    list_filter = ["guide"]
    readonly_fields = ["number", "published_at"]
    inlines = [RiskInline]
    actions = ["publish", "new_draft"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.is_published:
            return False
        return super().has_change_permission(request, obj)  # type: ignore[no-any-return]  # SuperuserOnly is untyped

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change:
            last = obj.guide.versions.order_by("-number").first()
            obj.number = (last.number + 1) if last else 1
        super().save_model(request, obj, form, change)

    @admin.action(description="Publish the selected drafts")
    def publish(self, request: AuthenticatedHttpRequest, queryset: QuerySet[GuideVersion]) -> None:
        for version in queryset:
            try:
                services.guide_version_publish(version=version, actor=request.user)
            except services.ToolkitError as error:
                self.message_user(request, f"{version}: {error}", messages.ERROR)
            else:
                self.message_user(request, f"{version} published.", messages.SUCCESS)

    @admin.action(description="Start a new draft from each selected version")
    def new_draft(
        self, request: AuthenticatedHttpRequest, queryset: QuerySet[GuideVersion]
    ) -> None:
        for version in queryset:
            draft = services.guide_version_copy(version=version, actor=request.user)
            self.message_user(request, f"{draft} drafted.", messages.SUCCESS)


class GuideVersionInline(admin.TabularInline):  # type: ignore[type-arg]  # generic only in stubs
    model = GuideVersion
    fields = ["number", "title", "published_at"]
    readonly_fields = ["number", "title", "published_at"]
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Guide)
class GuideAdmin(SuperuserOnly, admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in stubs
    list_display = ["slug", "issuer", "is_sample"]
    filter_horizontal = ["badges"]
    inlines = [GuideVersionInline]


register_read_only(Risk, RiskAssessment, RiskEntry, ChecklistItem, Contributor, PrivacyExplanation)
