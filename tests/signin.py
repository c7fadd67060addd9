"""The test client the ``client`` fixture gives (conftest.py)."""

from __future__ import annotations

import time
from typing import Any

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from django.http import HttpRequest
from django.test import Client


class SignInClient(Client):
    """Django's test client, whose ``force_login`` stands for a whole sign-in: for someone with
    an authenticator, the session also passed the second factor, recorded as allauth records
    it after a correct code. ``mfa=False`` is a session that signed in by password alone."""

    def force_login(self, user: Any, backend: str | None = None, *, mfa: bool = True) -> None:
        super().force_login(user, backend)
        device = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if not mfa or device is None:
            return
        request = HttpRequest()
        request.session = self.session
        record_authentication(request, user, "mfa", id=device.pk, type=device.type)
        request.session.save()

    def reauthenticate(self, user: Any) -> None:
        """As if the person had just typed their password again (allauth's re-authentication,
        asked before key rotation and revocation), appended to the steps the session passed."""
        session = self.session
        session["account_authentication_methods"] = [
            *session.get("account_authentication_methods", []),
            {"method": "password", "at": time.time(), "reauthenticated": True},
        ]
        session["account_authentication_methods_user"] = str(user.pk)
        session.save()
