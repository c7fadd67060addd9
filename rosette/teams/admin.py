"""Teams in the admin: superusers only, read-mostly (rosette/core/admin.py)."""

from rosette.core.admin import register_read_only
from rosette.teams.models import Invitation, JoinLink, Membership, Organisation

register_read_only(Organisation, editable=["name"])
register_read_only(Membership)
register_read_only(Invitation)
register_read_only(JoinLink)
