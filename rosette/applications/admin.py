"""Applications in the admin: superusers only, read-only (rosette/core/admin.py). Their state
changes only through the workflow."""

from rosette.applications.models import (
    Answer,
    Application,
    Attachment,
    Attempt,
    Discussion,
    DraftSnapshot,
    FollowUp,
    PrivacyDismissal,
    Review,
    ReviewComment,
)
from rosette.core.admin import register_read_only

register_read_only(
    Application,
    Attempt,
    Answer,
    Attachment,
    DraftSnapshot,
    PrivacyDismissal,
    ReviewComment,
    FollowUp,
    Discussion,
)
register_read_only(Review, secret=["token_hash"])
