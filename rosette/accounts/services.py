"""State changes of accounts."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.db import transaction

from rosette.accounts.models import User
from rosette.core.models import record_event


@transaction.atomic
def user_create(
    *, email: str, name: str, password: str | None, verified: bool = False, actor: Any = None
) -> User:
    """Create an account with its primary email (verified when an administrator vouches)."""
    user = User.objects.create_user(email=email, password=password, name=name)
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=verified)
    record_event(action="accounts:user:create", subject=user, actor=actor)
    return user
