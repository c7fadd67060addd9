from __future__ import annotations

import pytest

from rosette.core.models import AuditEvent, record_event
from tests import factories


@pytest.mark.django_db
def test_services_leave_an_audit_trail_that_cannot_be_rewritten() -> None:
    badge = factories.make_badge(name="Audited")
    events = AuditEvent.objects.for_subject(badge)
    assert [e.action for e in events] == ["catalogue:badge:create"]
    event = events.get()
    event.action = "catalogue:badge:delete"
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()


@pytest.mark.django_db
def test_audit_actions_read_source_subject_action() -> None:
    badge = factories.make_badge()
    with pytest.raises(ValueError, match="source:subject:action"):
        record_event(action="publish", subject=badge)
