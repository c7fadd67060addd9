"""Types for people, for the apps below ``accounts``.

Those apps may not import ``rosette.accounts`` (docs/adr/0012-layers.md), so they cannot name
``accounts.models.User``: they refer to the user model through ``settings.AUTH_USER_MODEL`` and
type a person with ``Person``, the little of a user they read, which ``User`` satisfies. Apps
above ``accounts`` use ``User`` itself (and ``accounts.http.Viewer``).
"""

from __future__ import annotations

import uuid
from typing import Any, Protocol

from django.contrib.auth.models import AnonymousUser


class Person(Protocol):
    """A person with an account (in practice an ``accounts.models.User``)."""

    @property
    def pk(self) -> Any: ...

    @property
    def public_id(self) -> uuid.UUID: ...

    @property
    def is_authenticated(self) -> bool: ...


# Whoever is looking at a page anyone may see: a person with an account, or nobody in particular.
AnyViewer = Person | AnonymousUser
