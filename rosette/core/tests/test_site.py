from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from config import env
from rosette.accounts.models import User

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_healthz_reports_the_database_is_answering(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client: Client) -> None:
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_home_needs_a_signed_in_person(client: Client, learner: User) -> None:
    response = client.get(reverse("home:home"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    client.force_login(learner)
    body = client.get(reverse("home:home")).content.decode()
    assert "Hello, Morag" in body
    assert "You do not have any badges yet." in body


@pytest.mark.django_db
def test_assessor_without_mfa_is_sent_to_set_it_up(client: Client, learner: User) -> None:
    from rosette.catalogue.models import IssuerStaff
    from tests import factories

    issuer = factories.make_issuer()
    IssuerStaff.objects.create(issuer=issuer, user=learner, role=IssuerStaff.Role.ASSESSOR)
    client.force_login(learner)
    response = client.get(reverse("home:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    factories.give_mfa(learner)  # set up elsewhere: this session has still to use it
    assert client.get(reverse("home:home"))["Location"].startswith(reverse("mfa_reauthenticate"))


def test_environment_values_are_parsed_strictly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROSETTE_FLAG", "perhaps")
    with pytest.raises(env.EnvError, match="not a boolean"):
        env.env_bool("ROSETTE_FLAG")
    monkeypatch.setenv("ROSETTE_NUMBER", "twelve")
    with pytest.raises(env.EnvError, match="not a whole number"):
        env.env_int("ROSETTE_NUMBER", 1)
    monkeypatch.delenv("ROSETTE_MISSING", raising=False)
    with pytest.raises(env.EnvError, match="required"):
        env.env_str("ROSETTE_MISSING")


def test_secrets_can_come_from_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("ROSETTE_SECRET_FILE", str(secret))
    assert env.env_str("ROSETTE_SECRET") == "from-a-file"
    monkeypatch.setenv("ROSETTE_SECRET", "both")
    with pytest.raises(env.EnvError, match="not both"):
        env.env_str("ROSETTE_SECRET")


def _start_production(**extra: str) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "ROSETTE_")) and k != "DATABASE_URL"
    }
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.production", **extra)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_with_the_development_secret_key() -> None:
    result = _start_production()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_the_development_key_encryption_key() -> None:
    result = _start_production(DJANGO_SECRET_KEY="x" * 60, ROSETTE_SITE_URL="https://r.example")
    assert result.returncode != 0
    assert "ROSETTE_CREDENTIAL_KEK" in result.stderr


def test_production_starts_with_real_secrets() -> None:
    result = _start_production(
        DJANGO_SECRET_KEY="x" * 60,
        ROSETTE_CREDENTIAL_KEK="k" * 40,
        ROSETTE_SITE_URL="https://r.example",
    )
    assert result.returncode == 0, result.stderr
