from django.urls import path

from rosette.home import views

app_name = "home"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("home/", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path(
        "accessibility/statement.md",
        views.accessibility_statement,
        name="accessibility_statement",
    ),
    path("privacy/", views.privacy, name="privacy"),
    path("feedback/", views.feedback, name="feedback"),
    path("guidance/evidence/", views.evidence_guidance, name="evidence_guidance"),
    path("guidance/open-badges/", views.open_badges_guidance, name="open_badges_guidance"),
    path("healthz", views.healthz, name="healthz"),
]
