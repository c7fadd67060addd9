"""Rosette's allauth adapters: account mail goes through the task worker, the client's address
is the one the trusted proxies saw, and staff keep their second factor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.http import HttpRequest

from rosette.accounts import roles
from rosette.accounts.tasks import send_account_email_task
from rosette.core.ratelimit import client_ip


@dataclass(frozen=True)
class ServiceSite:
    """What allauth's emails call "the site": Rosette by name, at its public address, never
    the host and port a request happened to arrive on."""

    name: str
    domain: str


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Render in the request (its templates need it), send from the worker: a mail server
        that is down or slow never fails or holds up a sign-up, a reset or a sign-in."""
        request = allauth_context.request
        site = ServiceSite(name="Rosette", domain=settings.SITE_URL)
        ctx = {"request": request, "email": email, "current_site": site}
        message = self.render_mail(template_prefix, email, {**ctx, **context})
        html = ""
        if isinstance(message, EmailMultiAlternatives):
            html = next((str(c) for c, kind in message.alternatives if kind == "text/html"), "")
        # The database task backend queues inside the current transaction: a rolled-back
        # sign-up leaves no mail behind.
        send_account_email_task.enqueue(
            subject=str(message.subject),
            body=str(message.body),
            from_email=str(message.from_email),
            to=[str(to) for to in message.to],
            html=html,
            headers=dict(message.extra_headers) or None,
        )

    def get_client_ip(self, request: HttpRequest) -> str:
        """For allauth's rate limits (failed sign-ins per address, and others)."""
        return client_ip(request)


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """Staff must keep a second factor; a lost device is replaced by a site admin."""
        if authenticator.type == Authenticator.Type.TOTP and roles.needs_mfa(authenticator.user):
            return False
        return super().can_delete_authenticator(authenticator)
