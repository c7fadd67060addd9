from __future__ import annotations

import pytest

from rosette.accounts.models import User
from rosette.teams.models import Organisation


@pytest.fixture
def organisation(manager: User) -> Organisation:
    """The manager's organisation, which they also administer (tests/factories.make_manager)."""
    return Organisation.objects.get(memberships__user=manager, memberships__role="manager")
