from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("rosette.home.urls")),
    path("", include("rosette.catalogue.urls")),
    path("", include("rosette.credentials.urls")),
    path("", include("rosette.applications.urls")),
    path("", include("rosette.assessment.urls")),
    path("", include("rosette.applications.review_urls")),
    path("", include("rosette.toolkits.urls")),
    path("", include("rosette.awards.urls")),
    path("workspace/", include("rosette.workspace.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
]
