from django.urls import path

from rosette.workspace import report_views as views

app_name = "workspace_reports"

urlpatterns = [
    path("<slug:slug>/reports/", views.reports, name="reports"),
    path("<slug:slug>/reports/<slug:key>.csv", views.report_csv, name="report_csv"),
]
