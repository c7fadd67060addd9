"""The catalogue in the admin: superusers only, read-mostly (rosette/core/admin.py). Badges
are authored in the issuer's workspace, through services that version them."""

from rosette.catalogue.models import (
    Badge,
    BadgeVersion,
    Category,
    Issuer,
    IssuerStaff,
    LearningMaterial,
    Question,
)
from rosette.core.admin import register_read_only

register_read_only(Category, editable=["name"])
register_read_only(Issuer, editable=["description", "url", "email"])
register_read_only(IssuerStaff, Badge, BadgeVersion, Question, LearningMaterial)
