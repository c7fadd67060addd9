from django.urls import path

from rosette.applications import review_views as views

app_name = "reviews"

urlpatterns = [
    path("applications/<uuid:public_id>/share/", views.share, name="share"),
    path(
        "applications/<uuid:public_id>/share/<uuid:review_id>/stop/",
        views.revoke,
        name="revoke",
    ),
    path(
        "applications/<uuid:public_id>/share/<uuid:review_id>/again/",
        views.ask_again,
        name="ask_again",
    ),
    path("applications/<uuid:public_id>/discussion/", views.discussion, name="discussion"),
    path(
        "applications/<uuid:public_id>/share/feedback/",
        views.share_feedback,
        name="share_feedback",
    ),
    path(
        "reviews/discussions/<uuid:public_id>/",
        views.discussion_confirm,
        name="discussion_confirm",
    ),
    path("reviews/", views.reviewer_list, name="list"),
    path("reviews/invitations/<str:token>/", views.accept, name="accept"),
    path("reviews/<uuid:public_id>/", views.review_page, name="review"),
    path(
        "reviews/<uuid:public_id>/recordings/<int:answer_id>/",
        views.review_media,
        name="review_media",
    ),
    path(
        "reviews/<uuid:public_id>/files/<uuid:attachment_id>/",
        views.review_file,
        name="review_file",
    ),
    path("reviews/follow-ups/<uuid:public_id>/", views.followup, name="followup"),
]
