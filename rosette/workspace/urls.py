"""The issuer's workspace (C12). Each section keeps its own URL module beside this one, and
is added here: badge authoring (authoring_urls); people, reports and the audit trail are
added the same way (people_urls, reports_urls, audit_urls)."""

from django.urls import path

from rosette.workspace import authoring_urls, views

app_name = "workspace"

urlpatterns = [
    path("workspace/", views.index, name="index"),
    path("workspace/<slug:slug>/", views.issuer_home, name="issuer"),
    *authoring_urls.urlpatterns,
    # Part B of issue 14 adds: *people_urls.urlpatterns, *reports_urls.urlpatterns,
    # *audit_urls.urlpatterns
]
