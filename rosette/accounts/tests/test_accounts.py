from __future__ import annotations

import socket
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from rosette.accounts import roles
from rosette.accounts.models import User

pytestmark = pytest.mark.django_db


def test_sign_up_records_the_name_and_asks_to_verify_the_email(client: Client) -> None:
    response = client.post(
        "/accounts/signup/",
        {
            "name": "Jo Carer",
            "email": "Jo.Carer@Example.org",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email__iexact="jo.carer@example.org")
    assert user.name == "Jo Carer"
    assert not EmailAddress.objects.get(user=user).verified
    assert "confirm" in mail.outbox[-1].body.lower()


def test_sign_up_errors_keep_what_was_typed(client: Client) -> None:
    response = client.post(
        "/accounts/signup/",
        {"name": "", "email": "not-an-email", "password1": "x", "password2": "y"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert 'value="not-an-email"' in body
    assert not User.objects.exists()


def test_an_account_holds_several_emails(client: Client, learner: User) -> None:
    client.force_login(learner)
    response = client.post(
        "/accounts/email/", {"action_add": "", "email": "morag.personal@example.org"}
    )
    assert response.status_code == 302
    assert set(EmailAddress.objects.filter(user=learner).values_list("email", flat=True)) == {
        "learner@example.org",
        "morag.personal@example.org",
    }


def test_one_account_can_hold_several_roles(
    manager: User, issuer_admin: User, learner: User
) -> None:
    assert roles.role_names(learner) == ["learner"]
    assert roles.role_names(manager) == ["learner", "manager"]
    assert roles.role_names(issuer_admin) == ["learner", "assessor", "issuer admin"]
    assert roles.needs_mfa(issuer_admin)
    assert not roles.needs_mfa(manager)


def _closed_port() -> int:
    """A local port nothing listens on: a mail server that is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_sign_up_succeeds_while_the_mail_server_is_down_and_the_worker_sends_later(
    client: Client, settings: Any
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", _closed_port()
    settings.EMAIL_TIMEOUT = 2
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    response = client.post(
        "/accounts/signup/",
        {
            "name": "Jo Carer",
            "email": "jo@example.org",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
        },
    )
    assert response.status_code == 302
    assert User.objects.filter(email="jo@example.org").exists()
    [queued] = DBTaskResult.objects.ready()
    # The mail server is back: the worker sends the confirmation (its own run_task; the
    # command's loop would close the test's database connection between tasks).
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    worker = Worker(
        queue_names=["default"], interval=0, batch=True, backend_name="default",
        startup_delay=False, max_tasks=None, worker_id="test", excluded_queue_names=[],
    )  # fmt: skip
    worker.run_task(queued)
    [message] = mail.outbox
    assert message.to == ["jo@example.org"]
    assert "/accounts/confirm-email/" in message.body
