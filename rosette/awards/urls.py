from django.urls import path

from rosette.awards import views

app_name = "awards"

urlpatterns = [
    path("awards/", views.mine, name="mine"),
    path("awards/team/", views.team, name="team"),
    path("awards/record.csv", views.record_csv, name="record_csv"),
    path("awards/record.pdf", views.record_pdf, name="record_pdf"),
    path("awards/team/<slug:code>/endorse/", views.team_endorse, name="team_endorse"),
    path("awards/issuer/<slug:slug>/", views.issuer_awards, name="issuer_awards"),
    path(
        "awards/issuer/<slug:slug>/rules/<slug:badge>/",
        views.issuer_endorsement_rule,
        name="issuer_endorsement_rule",
    ),
    path(
        "awards/issuer/<slug:slug>/<slug:code>/",
        views.issuer_award_status,
        name="issuer_award_status",
    ),
    path(
        "awards/endorsements/confirm/<str:token>/",
        views.endorsement_confirm,
        name="endorsement_confirm",
    ),
    path("awards/<slug:code>/", views.award_detail, name="award_detail"),
    path("awards/<slug:code>/endorse/", views.endorse, name="endorse"),
    path("awards/<slug:code>/certificate.pdf", views.certificate, name="certificate"),
    path("awards/<slug:code>/settings/", views.award_settings, name="settings"),
    path(
        "awards/<slug:code>/evidence/<uuid:public_id>/",
        views.evidence_file,
        name="evidence_file",
    ),
    path(
        "awards/<slug:code>/evidence/<uuid:public_id>/withdraw/",
        views.evidence_withdraw,
        name="evidence_withdraw",
    ),
    path("awards/<slug:code>/endorsements/", views.endorsements, name="endorsements"),
    path(
        "awards/<slug:code>/endorsements/<uuid:public_id>/",
        views.endorsement_decide,
        name="endorsement_decide",
    ),
]
