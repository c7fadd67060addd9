from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

# The Django admin has no sign-in of its own: it sends people to allauth's, which asks staff
# for their second factor (and RequireMFAMiddleware refuses a staff session without one).
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("", include("rosette.home.urls")),
    path("", include("rosette.catalogue.urls")),
    path("", include("rosette.credentials.urls")),
    path("", include("rosette.applications.urls")),
    path("", include("rosette.assessment.urls")),
    path("", include("rosette.applications.review_urls")),
    path("", include("rosette.toolkits.urls")),
    path("", include("rosette.awards.urls")),
    path("", include("rosette.workspace.urls")),
    # The workspace's people, reports and audit trail, each in its own namespace (ADR 0015).
    path("workspace/", include("rosette.workspace.people_urls")),
    path("workspace/", include("rosette.workspace.report_urls")),
    path("workspace/", include("rosette.workspace.audit_urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
]
