from django.urls import path

from rosette.credentials import views

app_name = "credentials"

urlpatterns = [
    path("verify/", views.verify, name="verify"),
    path("issuers/<slug:slug>/did.json", views.did_document, name="did_document"),
    path("issuers/<slug:slug>/keys/", views.issuer_keys, name="issuer_keys"),
    path("ob2/issuers/<slug:slug>.json", views.ob2_issuer, name="ob2_issuer"),
    path(
        "ob2/issuers/<slug:slug>/revocations.json",
        views.ob2_revocations,
        name="ob2_revocations",
    ),
    path("ob2/badges/<slug:slug>.json", views.ob2_badge, name="ob2_badge"),
    path("ob2/assertions/<slug:code>.json", views.ob2_assertion, name="ob2_assertion"),
    path("ob2/assertions/<slug:code>.png", views.ob2_baked_png, name="ob2_baked_png"),
    path("credentials/<slug:code>.json", views.ob3_credential, name="ob3_credential"),
    path("credentials/<slug:code>.png", views.ob3_baked_png, name="ob3_baked_png"),
    path("credentials/<slug:code>.svg", views.ob3_baked_svg, name="ob3_baked_svg"),
    path("status/<slug:slug>/<str:name>.json", views.status_list, name="status_list"),
]
