"""Assessment in the admin: superusers only, read-mostly (rosette/core/admin.py). Claims,
decisions and moderation change only through the services (decisions are append-only)."""

from rosette.assessment.models import (
    AssessmentSettings,
    Band,
    Claim,
    Decision,
    DeclineReason,
    Moderation,
    QuestionRubric,
    Rubric,
    SlaReminder,
)
from rosette.core.admin import register_read_only

register_read_only(DeclineReason, editable=["label"])
register_read_only(
    AssessmentSettings, Rubric, QuestionRubric, Band, Claim, Decision, Moderation, SlaReminder
)
