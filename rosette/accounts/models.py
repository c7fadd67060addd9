"""People: one account, several emails (allauth's EmailAddress), several roles."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


class User(AbstractUser):
    """A person. Email is how they sign in; ``name`` is how Rosette addresses them."""

    username = None  # type: ignore[assignment]  # no username: email signs in
    first_name = None  # type: ignore[assignment]  # one name field
    last_name = None  # type: ignore[assignment]  # one name field
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("email address"), unique=True)
    name = models.CharField(
        _("full name"),
        max_length=150,
        help_text=_("How your name appears on your badges and to your assessor."),
    )

    # The language the person last used Rosette in (set when they sign up and when they
    # submit an application): what is emailed to them without their asking (a decision, a
    # reminder) is written in it. Blank: the service's language.
    language = models.CharField(_("language"), max_length=10, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["name"]

    objects = UserManager()  # type: ignore[assignment,misc]  # by email

    class Meta:
        ordering = ["name", "email"]

    def __str__(self) -> str:
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email


class StaffInvitationQuerySet(models.QuerySet["StaffInvitation"]):
    def pending(self) -> StaffInvitationQuerySet:
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)


class StaffInvitation(models.Model):
    """An issuer admin's invitation to become an assessor or admin of the issuer. The link
    carries a token (stored only as a hash); it binds to the account that holds the invited
    address, verified, so a forwarded link is no use to anyone else (ADR 0015)."""

    VALID_DAYS = 14

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    issuer = models.ForeignKey(
        "catalogue.Issuer", on_delete=models.CASCADE, related_name="staff_invitations"
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=20)  # an IssuerStaff.Role value
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = StaffInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation of {self.email} to {self.issuer_id} as {self.role}"

    def get_role_label(self) -> str:
        """The role's name, in words (the choices live with IssuerStaff, in the catalogue)."""
        return str(_("Issuer admin")) if self.role == "admin" else str(_("Assessor"))
