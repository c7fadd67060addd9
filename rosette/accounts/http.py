"""The type of a request whose user has signed in.

``core.access.access`` lets a view run only when its rule is met, and every rule but the public
one needs a signed-in user: such a view types its request ``AuthenticatedHttpRequest`` so that
``request.user`` is a ``User`` (not ``User | AnonymousUser``) for the services it calls. Typing
only: Django builds the request as usual.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from rosette.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User


# Whoever is looking at a page that anyone may see: a signed-in person or nobody in particular.
Viewer = User | AnonymousUser
