from django.urls import path

from rosette.catalogue import views

app_name = "catalogue"

urlpatterns = [
    path("badges/", views.badge_list, name="badge_list"),
    path("badges/<slug:slug>/", views.badge_detail, name="badge_detail"),
    path("badges/<slug:slug>/image", views.badge_image, name="badge_image"),
    path("issuers/<slug:slug>/", views.issuer_detail, name="issuer_detail"),
    path("issuers/<slug:slug>/image", views.issuer_image, name="issuer_image"),
    path("issuers/<slug:slug>/banner", views.issuer_banner, name="issuer_banner"),
    path("materials/<uuid:public_id>/", views.material_download, name="material_download"),
]
