from django.urls import path

from rosette.applications import views

app_name = "applications"

urlpatterns = [
    path("badges/<slug:slug>/apply/", views.start, name="start"),
    path("applications/<uuid:public_id>/", views.detail, name="detail"),
    path("applications/<uuid:public_id>/edit/", views.edit, name="edit"),
    path("applications/<uuid:public_id>/autosave/", views.autosave, name="autosave"),
    path(
        "applications/<uuid:public_id>/conflict/<uuid:snapshot_id>/",
        views.conflict,
        name="conflict",
    ),
    path("applications/<uuid:public_id>/check/", views.check, name="check"),
    path("applications/<uuid:public_id>/submit/", views.submit, name="submit"),
    path("applications/<uuid:public_id>/withdraw/", views.withdraw, name="withdraw"),
    path("applications/<uuid:public_id>/privacy/", views.dismiss_finding, name="dismiss_finding"),
    path(
        "applications/<uuid:public_id>/recordings/<str:question>/remove/",
        views.media_remove,
        name="media_remove",
    ),
    path(
        "applications/<uuid:public_id>/recordings/<int:answer_id>/",
        views.media,
        name="media",
    ),
    path(
        "applications/<uuid:public_id>/files/from-toolkit/",
        views.attach_assessment,
        name="attach_assessment",
    ),
    path(
        "applications/<uuid:public_id>/files/<uuid:attachment_id>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path(
        "applications/<uuid:public_id>/files/<uuid:attachment_id>/remove/",
        views.attachment_remove,
        name="attachment_remove",
    ),
]
