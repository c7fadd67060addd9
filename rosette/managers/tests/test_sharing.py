"""Sharing with colleagues, each by the learner's choice (issue 15): offers to coach on a
badge (tip 7) and the celebration feed and monthly summary (tip 8)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from rosette.accounts.models import User
from rosette.applications import services as applications
from rosette.catalogue.models import Issuer
from rosette.core.models import AuditEvent
from rosette.teams import services as teams
from rosette.teams.models import Membership, Organisation
from tests import factories
from tests.signin import SignInClient

pytestmark = pytest.mark.django_db


def test_a_learner_sees_colleagues_who_hold_the_badge_and_offered_to_help(
    client: SignInClient, organisation: Organisation, learner: User, issuer: Issuer
) -> None:
    badge = factories.make_badge(issuer=issuer, name="Video chats")
    factories.join_staff(learner, organisation)
    coach = factories.make_user(email="coach@example.org", name="Colleague Coach")
    factories.join_staff(coach, organisation)
    stranger = factories.make_user(email="stranger@example.org", name="Far Stranger")
    for person in (coach, stranger):
        award = factories.give_badge(person, badge)
        client.force_login(person)
        client.post(reverse("managers:sharing"), {"action": "offer", "award": award.code})
    applications.application_start(learner=learner, badge=badge)
    client.force_login(learner)
    page = client.get(reverse("managers:coaching")).content.decode()
    assert "Colleague Coach" in page
    assert "Far Stranger" not in page  # not in any of the learner's organisations

    client.force_login(coach)
    coach_award = coach.awards.get()
    client.post(
        reverse("managers:sharing"), {"action": "withdraw_offer", "award": coach_award.code}
    )
    client.force_login(learner)
    assert "Colleague Coach" not in client.get(reverse("managers:coaching")).content.decode()
    assert AuditEvent.objects.filter(action="managers:coaching:withdraw").exists()


def test_an_award_appears_in_the_feed_only_after_the_learner_agrees(
    client: SignInClient,
    manager: User,
    organisation: Organisation,
    learner: User,
    issuer: Issuer,
) -> None:
    membership = factories.join_staff(learner, organisation)
    award = factories.give_badge(learner, factories.make_badge(issuer=issuer, name="Video chats"))
    feed = reverse("managers:celebrate", kwargs={"slug": organisation.slug})
    now = timezone.localdate()
    summary = reverse(
        "managers:summary", kwargs={"slug": organisation.slug, "year": now.year, "month": now.month}
    )
    csv = reverse(
        "managers:summary_csv",
        kwargs={"slug": organisation.slug, "year": now.year, "month": now.month},
    )
    client.force_login(manager)
    assert "Video chats" not in client.get(feed).content.decode()
    assert "Video chats" not in client.get(summary).content.decode()

    client.force_login(learner)
    client.post(
        reverse("managers:sharing"),
        {"action": "celebrate", "award": award.code, "organisation": organisation.slug},
    )
    assert "Morag Learner: Video chats" in client.get(feed).content.decode()
    assert client.get(summary).status_code == 404  # the summary is the managers'

    client.force_login(manager)
    assert "Morag Learner: Video chats" in client.get(feed).content.decode()
    assert "Morag Learner: Video chats" in client.get(summary).content.decode()
    download = client.get(csv)
    assert download["Content-Type"].startswith("text/csv")
    assert "Morag Learner,Video chats" in download.content.decode()

    teams.membership_leave(membership=membership, actor=learner)
    assert "Video chats" not in client.get(feed).content.decode()
    assert "Video chats" not in client.get(csv).content.decode()


def test_withdrawing_takes_it_out_and_strangers_see_no_feed(
    client: SignInClient, organisation: Organisation, learner: User, issuer: Issuer
) -> None:
    factories.join_staff(learner, organisation)
    award = factories.give_badge(learner, factories.make_badge(issuer=issuer, name="Video chats"))
    client.force_login(learner)
    data = {"award": award.code, "organisation": organisation.slug}
    client.post(reverse("managers:sharing"), {"action": "celebrate", **data})
    client.post(reverse("managers:sharing"), {"action": "withdraw_celebration", **data})
    feed = reverse("managers:celebrate", kwargs={"slug": organisation.slug})
    assert "Video chats" not in client.get(feed).content.decode()
    other = factories.make_manager(email="other@example.org")
    client.force_login(other)
    assert client.get(feed).status_code == 404


def test_nobody_shares_someone_elses_award_or_with_an_organisation_they_are_not_in(
    client: SignInClient, organisation: Organisation, learner: User, outsider: User, issuer: Issuer
) -> None:
    award = factories.give_badge(learner, factories.make_badge(issuer=issuer))
    client.force_login(outsider)
    response = client.post(
        reverse("managers:sharing"),
        {"action": "celebrate", "award": award.code, "organisation": organisation.slug},
    )
    assert response.status_code == 404
    client.force_login(learner)  # not a member of the organisation
    response = client.post(
        reverse("managers:sharing"),
        {"action": "celebrate", "award": award.code, "organisation": organisation.slug},
    )
    assert response.status_code == 404
    assert not Membership.objects.filter(user=learner).exists()
