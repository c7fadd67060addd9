from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "rosette.assessment"
    label = "assessment"
    verbose_name = "Assessment"
