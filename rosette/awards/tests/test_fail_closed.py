"""Awards fail loudly: a credentials app that is not there to answer stops the award (or the
status change) instead of silently meaning "no credential" (issue 12, finding 10). Awards ask
credentials through hooks (docs/adr/0012-layers.md); an unanswered hook raises."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import ImproperlyConfigured

from rosette.accounts.models import User
from rosette.awards import hooks, services
from rosette.awards.models import Award
from rosette.catalogue.models import Badge, Issuer
from rosette.core.hooks import Hook
from tests import factories

pytestmark = pytest.mark.django_db


def _break(monkeypatch: pytest.MonkeyPatch, hook: Hook[Callable[..., object]]) -> None:
    """As if the credentials app were missing from a broken deployment: nobody answers."""
    monkeypatch.setattr(hook, "_answer", None)


def test_an_award_whose_credential_cannot_be_issued_is_not_made(
    learner: User, badge: Badge, monkeypatch: pytest.MonkeyPatch
) -> None:
    _break(monkeypatch, hooks.issue_credential)
    with pytest.raises(ImproperlyConfigured):
        services.award_create(recipient=learner, badge=badge, actor=None)
    assert not Award.objects.exists()


def test_a_status_change_whose_credential_cannot_follow_is_not_made(
    learner: User, badge: Badge, issuer: Issuer, monkeypatch: pytest.MonkeyPatch
) -> None:
    award = services.award_create(recipient=learner, badge=badge, actor=None)
    admin = factories.make_staff(issuer, role="admin")
    _break(monkeypatch, hooks.sync_credential_status)
    with pytest.raises(ImproperlyConfigured):
        services.award_status_change(award=award, actor=admin, action="revoke", reason="Copied")
    award.refresh_from_db()
    assert award.status == Award.Status.ACTIVE
