from django.urls import path

from rosette.assessment import views

app_name = "assessment"

urlpatterns = [
    path("assess/", views.home, name="home"),
    path("assess/moderation/", views.moderation_list, name="moderation_list"),
    path("assess/moderation/<uuid:public_id>/", views.moderation_detail, name="moderation_detail"),
    path("assess/applications/<uuid:public_id>/", views.assess, name="assess"),
    path(
        "assess/applications/<uuid:public_id>/recordings/<int:answer_id>/",
        views.media,
        name="media",
    ),
    path(
        "assess/applications/<uuid:public_id>/files/<uuid:attachment_id>/",
        views.attachment,
        name="attachment",
    ),
    path("assess/issuers/<slug:slug>/", views.queue, name="queue"),
    path("assess/issuers/<slug:slug>/service-levels/", views.service_levels, name="service_levels"),
    path("assess/issuers/<slug:slug>/settings/", views.settings, name="settings"),
]
