"""Accounts in the admin: superusers only, read-mostly (rosette/core/admin.py)."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from rosette.accounts.models import StaffInvitation, User
from rosette.core.admin import register_read_only

register_read_only(User, secret=["password"], editable=["name"])
register_read_only(StaffInvitation, secret=["token_hash"])
register_read_only(EmailAddress)
# allauth's own admin shows an authenticator's data: the TOTP secret and recovery codes.
register_read_only(Authenticator, secret=["data"])
