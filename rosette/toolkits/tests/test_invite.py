"""Inviting a contributor to a risk assessment tells nobody who has an account (issue 12,
finding 8): the same answer for an unknown address and for someone outside the organisation,
and a limit on how many addresses one person can try."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from rosette.accounts.models import User
from rosette.teams import services as teams
from rosette.teams.models import Membership, Organisation
from rosette.toolkits import services
from rosette.toolkits.models import RiskAssessment
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation(manager: User, learner: User) -> Organisation:
    organisation = Membership.objects.get(user=manager).organisation
    membership = teams.membership_invite(
        organisation=organisation, user=learner, role=Membership.Role.STAFF, actor=None
    )
    teams.membership_accept(membership=membership, actor=learner)
    return organisation


@pytest.fixture
def share_url(assessment: RiskAssessment, learner: User, organisation: Organisation) -> str:
    services.assessment_share(
        assessment=assessment, actor=learner, organisation=organisation, with_managers=False
    )
    return reverse("toolkits:assessment_share", kwargs={"public_id": assessment.public_id})


def _invite(client: Client, url: str, email: str) -> tuple[int, str]:
    response = client.post(url, {"action": "invite", "invite-email": email})
    body = response.content.decode().replace(email, "EMAIL")
    return response.status_code, re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", body)


def test_the_answer_is_the_same_whether_or_not_the_address_has_an_account(
    client: Client, learner: User, share_url: str
) -> None:
    factories.make_user(email="has-an-account@example.org")  # not in the organisation
    client.force_login(learner)
    unknown = _invite(client, share_url, "nobody@example.org")
    known = _invite(client, share_url, "has-an-account@example.org")
    assert unknown[0] == known[0] == 200
    assert unknown[1] == known[1]
    assert "We could not add EMAIL" in known[1]


def test_a_colleague_in_the_organisation_is_added_whatever_the_case_of_the_address(
    client: Client, learner: User, organisation: Organisation, share_url: str
) -> None:
    colleague = factories.make_user(email="wendy@example.org", name="Wendy Worker")
    membership = teams.membership_invite(
        organisation=organisation, user=colleague, role=Membership.Role.STAFF, actor=None
    )
    teams.membership_accept(membership=membership, actor=colleague)
    client.force_login(learner)
    response = client.post(share_url, {"action": "invite", "invite-email": "Wendy@Example.org"})
    assert response.status_code == 302
    page = client.get(share_url).content.decode()
    assert "Wendy Worker" in page


def test_one_person_can_try_only_so_many_addresses(
    client: Client, learner: User, manager: User, share_url: str
) -> None:
    client.force_login(learner)
    for n in range(services.INVITES_PER_HOUR):
        assert _invite(client, share_url, f"guess{n}@example.org")[0] == 200
    status, body = _invite(client, share_url, manager.email)  # a real colleague, too late
    assert status == 429
    assert "as many invitations as we allow in an hour" in body
    assert not services.Contributor.objects.filter(user=manager).exists()
