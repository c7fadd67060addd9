"""The issuer's workspace (C12): its landing pages and badge authoring (authoring_urls).
People, reports and the audit trail keep their own URL modules and namespaces
(``workspace_people``, ``workspace_reports``, ``workspace_audit``), mounted at /workspace/ in
config/urls.py (ADR 0015)."""

from django.urls import path

from rosette.workspace import authoring_urls, views

app_name = "workspace"

urlpatterns = [
    path("workspace/", views.index, name="index"),
    path("workspace/<slug:slug>/", views.issuer_home, name="issuer"),
    *authoring_urls.urlpatterns,
]
