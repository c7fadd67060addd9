from django.urls import path

from rosette.workspace import people_views as views

app_name = "workspace_people"

urlpatterns = [
    path("invitations/<str:token>/", views.accept, name="accept"),
    path("<slug:slug>/people/", views.people, name="people"),
    path("<slug:slug>/people/<int:pk>/", views.member, name="member"),
    path(
        "<slug:slug>/people/invitations/<uuid:public_id>/withdraw/",
        views.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path(
        "<slug:slug>/people/claims/<uuid:public_id>/reassign/",
        views.claim_reassign,
        name="claim_reassign",
    ),
]
