"""Badge authoring and the issuer's profile (part of the workspace's URL map, workspace/urls.py)."""

from django.urls import path

from rosette.workspace import authoring_views as views

BADGE = "workspace/<slug:slug>/badges/<slug:badge>/"
VERSION = BADGE + "versions/<int:number>/"

urlpatterns = [
    path("workspace/<slug:slug>/badges/", views.badge_list, name="badges"),
    path("workspace/<slug:slug>/badges/new/", views.badge_new, name="badge_new"),
    path(BADGE, views.badge_overview, name="badge"),
    path(BADGE + "details/", views.badge_details, name="badge_details"),
    path(BADGE + "image", views.badge_image, name="badge_image"),
    path(BADGE + "edit/", views.version_start, name="version_start"),
    path(BADGE + "prerequisites/", views.badge_prerequisites, name="badge_prerequisites"),
    path(BADGE + "pathway/", views.badge_pathway, name="badge_pathway"),
    path(BADGE + "materials/", views.badge_materials, name="badge_materials"),
    path(BADGE + "materials/<uuid:public_id>/", views.material_file, name="material_file"),
    path(
        BADGE + "materials/<uuid:public_id>/remove/",
        views.material_remove,
        name="material_remove",
    ),
    path(BADGE + "endorsement/", views.badge_endorsement, name="badge_endorsement"),
    path(BADGE + "retire/", views.badge_retire, name="badge_retire"),
    path(VERSION + "requirements/", views.version_requirements, name="version_requirements"),
    path(VERSION + "questions/", views.version_questions, name="version_questions"),
    path(VERSION + "rubric/", views.version_rubric, name="version_rubric"),
    path(VERSION + "preview/", views.version_preview, name="version_preview"),
    path(VERSION + "publish/", views.version_publish, name="version_publish"),
    path("workspace/<slug:slug>/decline-reasons/", views.decline_reasons, name="decline_reasons"),
    path(
        "workspace/<slug:slug>/decline-reasons/<slug:reason>/retire/",
        views.decline_reason_retire,
        name="decline_reason_retire",
    ),
    path("workspace/<slug:slug>/profile/", views.issuer_profile, name="issuer_profile"),
]
