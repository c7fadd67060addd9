from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

# The Django admin has no sign-in of its own: it sends people to allauth's, which asks staff
# for their second factor (and RequireMFAMiddleware refuses a staff session without one).
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]  # allauth's sign-in

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
    path("", include("rosette.managers.urls")),
    # The workspace's people, reports and audit trail, each in its own namespace (ADR 0015).
    path("workspace/", include("rosette.workspace.people_urls")),
    path("workspace/", include("rosette.workspace.report_urls")),
    path("workspace/", include("rosette.workspace.audit_urls")),
    path("accounts/", include("allauth.urls")),
    # The language switch is the one form on every page. Exempt from CSRF so that public pages
    # carry no per-reader token and can be kept for every anonymous reader (ADR 0013): a forged
    # request could only change someone's display language, which they can change back.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("django-admin/", admin.site.urls),
]
