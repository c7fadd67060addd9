"""Awards fail loudly: a part that cannot be loaded stops the award (or the status change)
instead of silently meaning "no credential" (issue 12, finding 10)."""

from __future__ import annotations

import sys

import pytest

from rosette.accounts.models import User
from rosette.awards import services
from rosette.awards.models import Award
from rosette.catalogue.models import Badge, Issuer
from tests import factories

pytestmark = pytest.mark.django_db


def _break(monkeypatch: pytest.MonkeyPatch, module: str) -> None:
    """As if the module could not be imported (a broken deployment): Python raises
    ImportError for a module whose entry in sys.modules is None."""
    monkeypatch.setitem(sys.modules, module, None)  # type: ignore[arg-type]


def test_an_award_whose_credential_cannot_be_issued_is_not_made(
    learner: User, badge: Badge, monkeypatch: pytest.MonkeyPatch
) -> None:
    _break(monkeypatch, "rosette.credentials.services")
    with pytest.raises(ImportError):
        services.award_create(recipient=learner, badge=badge, actor=None)
    assert not Award.objects.exists()


def test_a_status_change_whose_credential_cannot_follow_is_not_made(
    learner: User, badge: Badge, issuer: Issuer, monkeypatch: pytest.MonkeyPatch
) -> None:
    award = services.award_create(recipient=learner, badge=badge, actor=None)
    admin = factories.make_staff(issuer, role="admin")
    _break(monkeypatch, "rosette.credentials.services")
    with pytest.raises(ImportError):
        services.award_status_change(award=award, actor=admin, action="revoke", reason="Copied")
    award.refresh_from_db()
    assert award.status == Award.Status.ACTIVE
