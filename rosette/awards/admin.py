"""Awards in the admin: superusers only, read-only (rosette/core/admin.py). Suspending,
revoking and restoring go through the issuer's pages, which keep the status lists in step."""

from rosette.awards.models import Award, BadgeEndorsementRule, Endorsement, Evidence
from rosette.core.admin import register_read_only

register_read_only(Award, Evidence, Endorsement, BadgeEndorsementRule)
