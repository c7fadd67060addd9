"""Shared fixtures: the personas every view test uses (STYLE.md point 16)."""

from __future__ import annotations

from typing import Any

import pytest

from rosette.accounts.models import User
from rosette.catalogue.models import Issuer, IssuerStaff
from tests import factories


@pytest.fixture(autouse=True)
def _media_root(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Uploaded files of each test go to a fresh folder, never the developer's media."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture
def issuer(db: None) -> Issuer:
    return factories.make_issuer(name="Scottish Social Services Council", slug="sssc")


@pytest.fixture
def learner(db: None) -> User:
    return factories.make_user(email="learner@example.org", name="Morag Learner")


@pytest.fixture
def manager(db: None) -> User:
    return factories.make_manager(email="manager@example.org", name="Callum Manager")


@pytest.fixture
def assessor(issuer: Issuer) -> User:
    return factories.make_staff(
        issuer, IssuerStaff.Role.ASSESSOR, email="assessor@example.org", name="Aileen Assessor"
    )


@pytest.fixture
def issuer_admin(issuer: Issuer) -> User:
    return factories.make_staff(
        issuer, IssuerStaff.Role.ADMIN, email="admin@example.org", name="Iain Admin"
    )


@pytest.fixture
def outsider(db: None) -> User:
    return factories.make_user(email="outsider@example.org", name="Owen Outsider")
