from django.urls import path

from rosette.toolkits import views

app_name = "toolkits"

urlpatterns = [
    path("toolkits/assessments/", views.assessment_list, name="assessment_list"),
    path("toolkits/shared/", views.shared_list, name="shared_list"),
    path("toolkits/assessments/<uuid:public_id>/", views.assessment_edit, name="assessment_edit"),
    path(
        "toolkits/assessments/<uuid:public_id>/setting/",
        views.assessment_setting,
        name="assessment_setting",
    ),
    path(
        "toolkits/assessments/<uuid:public_id>/summary/",
        views.assessment_summary,
        name="assessment_summary",
    ),
    path("toolkits/assessments/<uuid:public_id>/pdf/", views.assessment_pdf, name="assessment_pdf"),
    path(
        "toolkits/assessments/<uuid:public_id>/share/",
        views.assessment_share,
        name="assessment_share",
    ),
    path("toolkits/guides/<slug:slug>/", views.guide_detail, name="guide_detail"),
    path("toolkits/guides/<slug:slug>/start/", views.assessment_start, name="assessment_start"),
]
