"""The issuer's workspace, mounted at /workspace/ (docs/adr/0015-issuer-people-and-reports.md).

Each part has its own URL module and namespace, so that the parts can be joined without
touching each other: people (``workspace_people``), reports (``workspace_reports``) and the
audit trail (``workspace_audit``)."""

from django.urls import include, path

urlpatterns = [
    path("", include("rosette.workspace.people_urls")),
    path("", include("rosette.workspace.report_urls")),
    path("", include("rosette.workspace.audit_urls")),
]
