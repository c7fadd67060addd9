from __future__ import annotations

import pytest

from rosette.accounts.models import User
from rosette.teams import services as teams
from rosette.teams.models import Organisation


@pytest.fixture
def organisation(manager: User) -> Organisation:
    """The manager's organisation, which they also administer."""
    organisation = Organisation.objects.get(memberships__user=manager, memberships__role="manager")
    teams.admin_add(organisation=organisation, user=manager, actor=None)
    return organisation
