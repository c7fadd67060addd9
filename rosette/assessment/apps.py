from django.apps import AppConfig

from rosette.applications import hooks as applications


class AssessmentConfig(AppConfig):
    name = "rosette.assessment"
    label = "assessment"
    verbose_name = "Assessment"

    def ready(self) -> None:
        # Selectors read models: importable only once the app registry is ready.
        from rosette.assessment import selectors  # noqa: PLC0415

        applications.projected_decision_date.connect(selectors.projected_decision_date)
        applications.attempt_feedback.connect(selectors.attempt_feedback)
