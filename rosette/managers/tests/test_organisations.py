"""Organisations by consent (issue 15): an admin invites by email or shares a join link; the
person accepts or declines, sees what each organisation can see, and leaves when they like,
keeping every badge (rule 11). Managers are appointed by the admin and accept it."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from rosette.accounts.models import User
from rosette.awards.models import Award
from rosette.catalogue.models import Issuer
from rosette.core.models import AuditEvent
from rosette.teams import services as teams
from rosette.teams.models import Invitation, JoinLink, Membership, Organisation
from tests import factories
from tests.signin import SignInClient

pytestmark = pytest.mark.django_db


def actions() -> list[str]:
    return list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))


def staff_of(organisation: Organisation) -> set[str]:
    return set(
        organisation.memberships.filter(role="staff", status="active").values_list(
            "user__email", flat=True
        )
    )


def test_an_invitation_by_email_shows_on_the_persons_page_and_joins_them_only_when_they_accept(
    client: SignInClient,
    manager: User,
    organisation: Organisation,
    learner: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("managers:people", kwargs={"slug": organisation.slug}),
            {"email": "Learner@Example.org"},
        )
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["learner@example.org"]
    assert "/organisations/" in mail.outbox[-1].body
    assert staff_of(organisation) == set()  # nothing until they accept

    client.force_login(learner)
    page = client.get(reverse("managers:organisations")).content.decode()
    assert "A care service invites you to join them as staff" in page
    invitation = Invitation.objects.get(email="learner@example.org")
    answer = reverse("managers:invitation_answer", kwargs={"public_id": invitation.public_id})
    assert "What its managers can see" in client.get(answer).content.decode()
    client.post(answer, {"answer": "accept"})
    assert staff_of(organisation) == {"learner@example.org"}
    assert "teams:invitation:accept" in actions()
    page = client.get(reverse("managers:organisations")).content.decode()
    assert "A care service: Staff member" in page


def test_a_declined_invitation_joins_nobody_and_cannot_be_accepted_later(
    client: SignInClient, manager: User, organisation: Organisation, learner: User
) -> None:
    invitation = teams.invitation_create(
        organisation=organisation, email=learner.email, actor=manager, organisations_url="/"
    )
    client.force_login(learner)
    answer = reverse("managers:invitation_answer", kwargs={"public_id": invitation.public_id})
    client.post(answer, {"answer": "decline"})
    assert staff_of(organisation) == set()
    assert client.post(answer, {"answer": "accept"}).status_code == 404
    assert staff_of(organisation) == set()
    assert "teams:invitation:decline" in actions()


def test_an_invitation_to_an_unverified_or_other_address_is_nobody_elses_to_answer(
    client: SignInClient, manager: User, organisation: Organisation, outsider: User
) -> None:
    invitation = teams.invitation_create(
        organisation=organisation, email="someone@example.org", actor=manager, organisations_url="/"
    )
    client.force_login(outsider)
    assert "invites you" not in client.get(reverse("managers:organisations")).content.decode()
    answer = reverse("managers:invitation_answer", kwargs={"public_id": invitation.public_id})
    assert client.get(answer).status_code == 404
    assert client.post(answer, {"answer": "accept"}).status_code == 404
    unverified = factories.make_user(email="someone@example.org", verified=False)
    client.force_login(unverified)
    assert client.post(answer, {"answer": "accept"}).status_code == 404
    assert staff_of(organisation) == set()


def test_only_the_organisations_admin_invites_or_makes_join_links(
    client: SignInClient, manager: User, organisation: Organisation, learner: User
) -> None:
    other = factories.make_manager(email="other@example.org")
    client.force_login(other)
    people = reverse("managers:people", kwargs={"slug": organisation.slug})
    assert client.get(people).status_code == 404
    assert client.post(people, {"email": "x@example.org"}).status_code == 404
    links = reverse("managers:join_link_create", kwargs={"slug": organisation.slug})
    assert client.post(links).status_code == 404
    assert not Invitation.objects.exists() and not JoinLink.objects.exists()
    with pytest.raises(PermissionError):
        teams.join_link_create(organisation=organisation, actor=learner)


def join_url(client: SignInClient, organisation: Organisation) -> str:
    client.post(reverse("managers:join_link_create", kwargs={"slug": organisation.slug}))
    page = client.get(reverse("managers:people", kwargs={"slug": organisation.slug}))
    match = re.search(r'value="https?://[^/"]+(/organisations/join/[^"]+/)"', page.content.decode())
    assert match is not None
    return match.group(1)


def test_a_join_link_joins_whoever_opens_it_and_says_yes(
    client: SignInClient, manager: User, organisation: Organisation, learner: User
) -> None:
    client.force_login(manager)
    path = join_url(client, organisation)
    client.force_login(learner)
    page = client.get(path)
    assert page.status_code == 200
    assert staff_of(organisation) == set()  # opening it is not joining
    client.post(path)
    assert staff_of(organisation) == {"learner@example.org"}
    assert "teams:joinlink:use" in actions()


def test_a_join_link_that_is_tampered_with_withdrawn_or_expired_does_nothing(
    client: SignInClient, manager: User, organisation: Organisation, learner: User
) -> None:
    client.force_login(manager)
    path = join_url(client, organisation)
    client.force_login(learner)
    assert client.post(path[:-3] + "xx/").status_code == 404
    link = JoinLink.objects.get()
    JoinLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.post(path).status_code == 404
    JoinLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() + timedelta(days=1))
    client.force_login(manager)
    revoke = reverse(
        "managers:join_link_revoke", kwargs={"slug": organisation.slug, "public_id": link.public_id}
    )
    client.post(revoke)
    client.force_login(learner)
    assert client.get(path).status_code == 404
    assert client.post(path).status_code == 404
    assert staff_of(organisation) == set()


def test_leaving_ends_what_managers_see_and_keeps_every_badge(
    client: SignInClient, manager: User, organisation: Organisation, learner: User, issuer: Issuer
) -> None:
    membership = factories.join_staff(learner, organisation)
    award = factories.give_badge(learner, factories.make_badge(issuer=issuer))
    client.force_login(manager)
    assert learner.name in client.get(reverse("awards:team")).content.decode()

    client.force_login(learner)
    leave = reverse("managers:leave", kwargs={"public_id": membership.public_id})
    assert "Every badge you hold stays yours" in client.get(leave).content.decode()
    client.post(leave)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.LEFT
    assert Award.objects.get(pk=award.pk).status == Award.Status.ACTIVE
    assert Award.objects.get(pk=award.pk).recipient == learner
    assert "teams:membership:leave" in actions()
    client.force_login(manager)
    assert learner.name not in client.get(reverse("awards:team")).content.decode()


def test_someone_elses_membership_cannot_be_left_or_answered(
    client: SignInClient, organisation: Organisation, learner: User, outsider: User
) -> None:
    membership = factories.join_staff(learner, organisation)
    client.force_login(outsider)
    assert (
        client.post(
            reverse("managers:leave", kwargs={"public_id": membership.public_id})
        ).status_code
        == 404
    )
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE


def test_the_admin_appoints_a_manager_who_accepts_before_they_see_anything(
    client: SignInClient, manager: User, organisation: Organisation, learner: User
) -> None:
    colleague = factories.make_user(email="colleague@example.org", name="Col League")
    staff = factories.join_staff(colleague, organisation)
    factories.join_staff(learner, organisation)
    client.force_login(manager)
    client.post(
        reverse(
            "managers:appoint", kwargs={"slug": organisation.slug, "public_id": staff.public_id}
        )
    )
    client.force_login(colleague)
    assert client.get(reverse("managers:home")).status_code == 403  # not yet accepted
    appointment = Membership.objects.get(user=colleague, role="manager")
    answer = reverse("managers:membership_answer", kwargs={"public_id": appointment.public_id})
    client.post(answer, {"answer": "accept"})
    assert client.get(reverse("managers:home")).status_code == 200
    assert "teams:membership:invite" in actions() and "teams:membership:accept" in actions()


def test_only_someone_who_has_joined_can_be_appointed(
    manager: User, organisation: Organisation, outsider: User
) -> None:
    with pytest.raises(teams.TeamsError):
        teams.manager_appoint(organisation=organisation, user=outsider, actor=manager)


def test_a_person_may_belong_to_several_organisations(
    client: SignInClient, manager: User, organisation: Organisation, learner: User
) -> None:
    agency = teams.organisation_create(slug="agency", name="Care Agency", actor=None)
    factories.join_staff(learner, organisation)
    factories.join_staff(learner, agency)
    client.force_login(learner)
    page = client.get(reverse("managers:organisations")).content.decode()
    assert "A care service: Staff member" in page and "Care Agency: Staff member" in page
    home = client.get(reverse("home:home")).content.decode()
    assert "Care Agency" in home and "A care service" in home
