from django.urls import path

from rosette.managers import org_views, sharing_views, views

app_name = "managers"

urlpatterns = [
    path("organisations/", org_views.organisations, name="organisations"),
    path(
        "organisations/invitations/<uuid:public_id>/",
        org_views.invitation_answer,
        name="invitation_answer",
    ),
    path(
        "organisations/memberships/<uuid:public_id>/answer/",
        org_views.membership_answer,
        name="membership_answer",
    ),
    path("organisations/memberships/<uuid:public_id>/leave/", org_views.leave, name="leave"),
    path("organisations/join/<str:token>/", org_views.join, name="join"),
    path("organisations/sharing/", sharing_views.sharing, name="sharing"),
    path("organisations/coaching/", sharing_views.coaching, name="coaching"),
    path("organisations/<slug:slug>/celebrate/", sharing_views.celebrate, name="celebrate"),
    path(
        "organisations/<slug:slug>/celebrate/<int:year>/<int:month>/",
        sharing_views.summary,
        name="summary",
    ),
    path(
        "organisations/<slug:slug>/celebrate/<int:year>/<int:month>/summary.csv",
        sharing_views.summary_csv,
        name="summary_csv",
    ),
    path("organisations/<slug:slug>/people/", org_views.people, name="people"),
    path(
        "organisations/<slug:slug>/people/<uuid:public_id>/appoint/",
        org_views.appoint,
        name="appoint",
    ),
    path(
        "organisations/<slug:slug>/join-links/",
        org_views.join_link_create,
        name="join_link_create",
    ),
    path(
        "organisations/<slug:slug>/join-links/<uuid:public_id>/stop/",
        org_views.join_link_revoke,
        name="join_link_revoke",
    ),
    path(
        "organisations/<slug:slug>/invitations/<uuid:public_id>/withdraw/",
        org_views.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path("team/", views.home, name="home"),
    path("team/emails/", views.notifications, name="notifications"),
    path(
        "team/review-invitations/<uuid:public_id>/",
        views.review_invitation,
        name="review_invitation",
    ),
]
