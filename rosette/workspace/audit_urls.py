from django.urls import path

from rosette.workspace import audit_views as views

app_name = "workspace_audit"

urlpatterns = [
    path("<slug:slug>/audit/", views.audit, name="audit"),
]
