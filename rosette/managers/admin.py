"""Managers' tables in the admin: superusers only, read-only (rosette/core/admin.py)."""

from rosette.core.admin import register_read_only
from rosette.managers.models import Celebration, CoachingOffer, DigestSettings

register_read_only(CoachingOffer, Celebration, DigestSettings)
