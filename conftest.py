"""Shared fixtures: the personas every view test uses (STYLE.md point 16)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rosette.accounts.models import User
from rosette.catalogue.models import Issuer, IssuerStaff
from rosette.core import public_cache
from tests import factories
from tests.signin import SignInClient


def _sqlite_test_files() -> list[Path]:
    from django.conf import settings

    database = settings.DATABASES["default"]
    test_name = database.get("TEST", {}).get("NAME")
    if not test_name or database["ENGINE"] != "django.db.backends.sqlite3":
        return []
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    name = f"{test_name}_{worker}" if worker else str(test_name)
    return [Path(name + suffix) for suffix in ("", "-wal", "-shm", "-journal")]


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Remove this process's SQLite test database and its WAL files."""
    for path in _sqlite_test_files():
        path.unlink(missing_ok=True)


@pytest.fixture(scope="session", autouse=True)
def _no_connection_outlives_the_session(
    django_db_setup: None, django_db_blocker: Any
) -> Iterator[None]:
    """Before the test database is dropped, end any PostgreSQL session a finished test left
    behind (a live-server or worker thread's idle connection), so the drop cannot fail."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(autouse=True)
def _fresh_allowances() -> None:
    """Rate limits count in the cache (local memory in tests): each test starts with none
    spent, whatever the tests before it in this process did."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _no_stored_public_responses() -> None:
    """The public cache lives in the process and each test has a fresh database: start each
    test with nothing stored, as a new process would."""
    public_cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Uploaded files of each test go to a fresh folder, never the developer's media."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    """Rate limits live in the cache: each test starts with none used."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def client() -> SignInClient:
    return SignInClient()


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
