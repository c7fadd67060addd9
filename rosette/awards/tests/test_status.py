"""Suspension, revocation and restoring (issuer admins, with re-authentication), and the
required manager's endorsement (rule 15)."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rosette.accounts.models import User
from rosette.awards import services
from rosette.awards.models import Award, Endorsement
from rosette.catalogue.models import Badge, Issuer
from tests import factories
from tests.signin import SignInClient

from .conftest import team_of

pytestmark = pytest.mark.django_db


def _credential_status(award: Award) -> tuple[bool, bool]:
    from rosette.credentials.models import AwardCredential, StatusList

    credential = AwardCredential.objects.get(award=award)
    lists = {s.purpose: s for s in StatusList.objects.filter(issuer=credential.issuer)}
    return (
        lists["revocation"].bitstring().get(credential.status_index),
        lists["suspension"].bitstring().get(credential.status_index),
    )


def test_an_issuer_admin_revokes_after_signing_in_again(
    client: SignInClient,
    award: Award,
    issuer_admin: User,
    issuer: Issuer,
    learner: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client.force_login(issuer_admin)
    listing = client.get(reverse("awards:issuer_awards", kwargs={"slug": issuer.slug}))
    assert listing.status_code == 200 and "Morag Learner" in listing.content.decode()
    url = reverse("awards:issuer_award_status", kwargs={"slug": issuer.slug, "code": award.code})
    assert client.get(url).status_code == 200
    data = {"action": "revoke", "reason": "The evidence was copied from a website."}
    response = client.post(url, data)
    assert response.status_code == 302 and "reauthenticate" in response["Location"]
    assert Award.objects.get(pk=award.pk).status == "active"
    client.reauthenticate(issuer_admin)
    assert client.post(url, {"action": "revoke"}).status_code == 400  # a reason is required
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    award.refresh_from_db()
    assert award.status == "revoked" and award.status_reason == data["reason"]
    assert mail.outbox and mail.outbox[-1].to == [learner.email]
    page = client.get(award.get_absolute_url()).content.decode()
    assert "This badge was revoked" in page and data["reason"] in page


def test_revoking_and_suspending_set_the_credential_status_lists(
    award: Award, issuer_admin: User
) -> None:
    from rosette.credentials.services import credential_issue

    credential_issue(award=award)
    services.award_status_change(award=award, actor=issuer_admin, action="suspend", reason="Check")
    assert _credential_status(award) == (False, True)
    services.award_status_change(award=award, actor=issuer_admin, action="restore", reason="")
    assert _credential_status(award) == (False, False)
    services.award_status_change(award=award, actor=issuer_admin, action="revoke", reason="Copied")
    assert _credential_status(award)[0] is True
    with pytest.raises(services.AwardError):
        services.award_status_change(award=award, actor=issuer_admin, action="restore", reason="")


def test_only_the_badges_own_issuer_admins_change_an_award(
    client: Client, award: Award, issuer: Issuer, outsider: User
) -> None:
    other_admin = factories.make_staff(factories.make_issuer(), "admin")
    with pytest.raises(PermissionError):
        services.award_status_change(award=award, actor=other_admin, action="revoke", reason="x")
    client.force_login(other_admin)
    url = reverse("awards:issuer_award_status", kwargs={"slug": issuer.slug, "code": award.code})
    assert client.get(url).status_code == 404
    client.force_login(outsider)
    assert client.get(url).status_code == 403


def test_the_issuers_award_list_costs_the_same_for_many_awards(
    client: Client, issuer: Issuer, issuer_admin: User
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            url = reverse("awards:issuer_awards", kwargs={"slug": issuer.slug})
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    client.force_login(issuer_admin)
    badge = factories.make_badge(issuer=issuer)
    services.award_create(recipient=factories.make_user(), badge=badge, actor=None)
    few = count()
    for _ in range(10):
        services.award_create(recipient=factories.make_user(), badge=badge, actor=None)
    assert count() == few


@pytest.fixture
def needs_endorsement(badge: Badge, issuer_admin: User) -> Badge:
    services.badge_endorsement_rule_set(badge=badge, days=91, actor=issuer_admin)
    return badge


def _later(days: int) -> Any:
    return timezone.now() + timedelta(days=days)


def test_a_required_endorsement_is_reminded_then_the_award_suspended_then_restored(
    client: Client,
    needs_endorsement: Badge,
    learner: User,
    manager: User,
    assessor: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from .conftest import award_for_application

    team_of(manager, learner)
    award = award_for_application(learner, needs_endorsement, assessor)
    assert award.endorsement_due_at is not None
    assert (award.endorsement_due_at - award.awarded_at).days == 91
    assert services.endorsement_reminders_send(now=_later(30)).reminded == 0

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report = services.endorsement_reminders_send(now=_later(80))
    assert (report.reminded, report.suspended) == (1, 0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([learner.email, manager.email])
    assert services.endorsement_reminders_send(now=_later(81)).reminded == 0  # once only

    report = services.endorsement_reminders_send(now=_later(92))
    assert report.suspended == 1
    award.refresh_from_db()
    assert award.status == "suspended" and award.suspended_by_rule
    page = client.get(award.get_absolute_url()).content.decode()
    assert "This badge is suspended" in page and "did not arrive within 91 days" in page

    # The manager endorses from their team page; once the learner publishes it, it is back.
    client.force_login(manager)
    url = reverse("awards:team_endorse", kwargs={"code": award.code})
    message = "Morag has put this into practice in every team call since."
    assert client.post(url, {"message": message}).status_code == 302
    endorsement = Endorsement.objects.get(award=award)
    services.endorsement_confirm(endorsement=endorsement)
    services.endorsement_decide(endorsement=endorsement, actor=learner, publish=True)
    award.refresh_from_db()
    assert award.status == "active" and not award.suspended_by_rule


def test_an_award_endorsed_in_time_is_never_suspended(
    needs_endorsement: Badge, learner: User, manager: User
) -> None:
    team_of(manager, learner)
    award = services.award_create(recipient=learner, badge=needs_endorsement, actor=None)
    endorsement = services.endorsement_create_by_manager(
        award=award, actor=manager, message="Morag now checks the settings of every call."
    )
    services.endorsement_decide(endorsement=endorsement, actor=learner, publish=True)
    report = services.endorsement_reminders_send(now=_later(100))
    assert (report.reminded, report.suspended) == (0, 0)
    assert Award.objects.get(pk=award.pk).status == "active"


def test_an_admin_suspension_is_not_lifted_by_an_endorsement(
    needs_endorsement: Badge, learner: User, manager: User, issuer_admin: User
) -> None:
    team_of(manager, learner)
    award = services.award_create(recipient=learner, badge=needs_endorsement, actor=None)
    endorsement = services.endorsement_create_by_manager(
        award=award, actor=manager, message="Morag now checks the settings of every call."
    )
    services.award_status_change(award=award, actor=issuer_admin, action="suspend", reason="Query")
    services.endorsement_decide(endorsement=endorsement, actor=learner, publish=True)
    assert Award.objects.get(pk=award.pk).status == "suspended"


def test_the_reminder_command_and_task_run(needs_endorsement: Badge, learner: User) -> None:
    from rosette.awards.tasks import endorsement_reminders

    services.award_create(recipient=learner, badge=needs_endorsement, actor=None)
    out = StringIO()
    call_command("send_endorsement_reminders", stdout=out)
    assert "Reminded 0, suspended 0." in out.getvalue()
    result = endorsement_reminders.enqueue()
    assert result.return_value == {"reminded": 0, "suspended": 0}


def test_the_issuer_admin_sets_the_endorsement_rule(
    client: Client, badge: Badge, issuer: Issuer, issuer_admin: User
) -> None:
    from rosette.awards.models import BadgeEndorsementRule

    client.force_login(issuer_admin)
    url = reverse(
        "awards:issuer_endorsement_rule", kwargs={"slug": issuer.slug, "badge": badge.slug}
    )
    assert client.get(url).status_code == 200
    assert client.post(url, {"days": "0"}).status_code == 400
    assert client.post(url, {"days": "91"}).status_code == 302
    assert BadgeEndorsementRule.objects.get(badge=badge).days == 91
    assert client.post(url, {"days": ""}).status_code == 302
    assert not BadgeEndorsementRule.objects.exists()
