"""The people pages, as served."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries, DjangoCaptureOnCommitCallbacks

from rosette.accounts import roles
from rosette.accounts import services as accounts
from rosette.accounts.models import StaffInvitation, User
from rosette.assessment import services
from rosette.assessment.models import Claim
from rosette.catalogue.models import Issuer, IssuerStaff
from tests import factories

from .conftest import Decide

pytestmark = pytest.mark.django_db


def _people(issuer: Issuer) -> str:
    return reverse("workspace_people:people", kwargs={"slug": issuer.slug})


def test_the_admin_sees_each_person_with_mfa_state_claims_and_decisions(
    client: Client, issuer: Issuer, issuer_admin: User, assessor: User, decide: Decide
) -> None:
    decide("award")
    no_mfa = factories.make_user(email="nomfa@example.org", name="Nina Nomfa")
    IssuerStaff.objects.create(issuer=issuer, user=no_mfa, role=IssuerStaff.Role.ASSESSOR)
    client.force_login(issuer_admin)
    page = client.get(_people(issuer)).content.decode()
    assert "Aileen Assessor" in page and "Nina Nomfa" in page
    assert "Not set up yet" in page and "Set up" in page
    row = page.split("Aileen Assessor", 1)[1].split("</tr>", 1)[0]
    assert "<td>1</td>" in row  # one decision in the last 28 days


def test_the_people_page_query_count_is_flat(
    client: Client,
    issuer: Issuer,
    issuer_admin: User,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    client.force_login(issuer_admin)
    client.get(_people(issuer))  # warm the session
    with django_assert_max_num_queries(14) as few:
        client.get(_people(issuer))
    for n in range(8):
        factories.make_staff(issuer, IssuerStaff.Role.ASSESSOR)
        accounts.staff_invite(
            issuer=issuer, actor=issuer_admin, email=f"i{n}@example.org", role="assessor"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(_people(issuer))


def test_inviting_sends_the_email_and_lists_the_invitation(
    client: Client,
    issuer: Issuer,
    issuer_admin: User,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    client.force_login(issuer_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _people(issuer), {"email": "new.assessor@example.org", "role": "assessor"}
        )
    assert response.status_code == 302
    assert mail.outbox[0].to == ["new.assessor@example.org"]
    assert "new.assessor@example.org" in client.get(_people(issuer)).content.decode()


def test_a_bad_invitation_is_refused_with_a_message_and_keeps_what_was_typed(
    client: Client, issuer: Issuer, issuer_admin: User
) -> None:
    client.force_login(issuer_admin)
    response = client.post(_people(issuer), {"email": "not an email", "role": "assessor"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter an email address in the correct format" in page
    assert 'value="not an email"' in page
    assert not StaffInvitation.objects.exists()


def test_an_invited_person_accepts_and_is_then_asked_to_set_up_mfa(
    client: Client, issuer: Issuer, issuer_admin: User
) -> None:
    invitation = accounts.staff_invite(
        issuer=issuer, actor=issuer_admin, email="new@example.org", role="assessor"
    )
    person = factories.make_user(email="new@example.org")
    client.force_login(person)
    url = reverse("workspace_people:accept", kwargs={"token": invitation.token})  # type: ignore[attr-defined]
    assert "Accept the invitation" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert roles.is_assessor(person, issuer)
    follow = client.get(response["Location"])
    assert follow.status_code == 302
    assert follow["Location"].startswith(reverse("mfa_activate_totp"))


def test_someone_else_opening_the_link_is_told_whose_it_is_and_cannot_accept(
    client: Client, issuer: Issuer, issuer_admin: User, outsider: User
) -> None:
    invitation = accounts.staff_invite(
        issuer=issuer, actor=issuer_admin, email="new@example.org", role="admin"
    )
    client.force_login(outsider)
    url = reverse("workspace_people:accept", kwargs={"token": invitation.token})  # type: ignore[attr-defined]
    assert "n***@example.org" in client.get(url).content.decode()
    assert client.post(url).status_code == 403
    assert not roles.is_issuer_admin(outsider, issuer)


def test_suspending_through_the_page_releases_the_claim(
    client: Client,
    issuer: Issuer,
    issuer_admin: User,
    assessor: User,
    badge: object,
) -> None:
    from rosette.assessment.tests.conftest import submit

    submit(factories.make_user(), badge)  # type: ignore[arg-type]
    services.claim_next(issuer=issuer, assessor=assessor)
    staff = IssuerStaff.objects.get(user=assessor)
    client.force_login(issuer_admin)
    url = reverse("workspace_people:member", kwargs={"slug": issuer.slug, "pk": staff.pk})
    assert client.post(url, {"action": "suspend"}).status_code == 302
    assert not Claim.objects.exists()
    assert "Suspended" in client.get(_people(issuer)).content.decode()
    assert client.post(url, {"action": "restore"}).status_code == 302
    assert roles.is_assessor(assessor, issuer)


def test_an_admin_cannot_suspend_themselves(
    client: Client, issuer: Issuer, issuer_admin: User
) -> None:
    staff = IssuerStaff.objects.get(user=issuer_admin)
    client.force_login(issuer_admin)
    url = reverse("workspace_people:member", kwargs={"slug": issuer.slug, "pk": staff.pk})
    response = client.post(url, {"action": "suspend"})
    assert response.status_code == 400
    assert "ask another admin" in response.content.decode()


def test_reassigning_a_claim_from_the_people_page(
    client: Client, issuer: Issuer, issuer_admin: User, assessor: User, badge: object
) -> None:
    from rosette.assessment.tests.conftest import submit

    application = submit(factories.make_user(), badge)  # type: ignore[arg-type]
    services.claim_next(issuer=issuer, assessor=assessor)
    second = factories.make_staff(issuer, IssuerStaff.Role.ASSESSOR, name="Ruth Second")
    client.force_login(issuer_admin)
    assert application.reference in client.get(_people(issuer)).content.decode()
    url = reverse(
        "workspace_people:claim_reassign",
        kwargs={"slug": issuer.slug, "public_id": application.public_id},
    )
    response = client.post(url, {"assessor": str(second.public_id)})
    assert response.status_code == 302
    assert Claim.objects.get().assessor == second


@pytest.mark.parametrize("persona", ["outsider", "learner", "manager", "assessor", "other_admin"])
def test_nobody_but_the_issuers_admins_reaches_or_changes_its_people(
    client: Client,
    request: pytest.FixtureRequest,
    persona: str,
    issuer: Issuer,
    issuer_admin: User,
    assessor: User,
) -> None:
    invitation = accounts.staff_invite(
        issuer=issuer, actor=issuer_admin, email="new@example.org", role="assessor"
    )
    staff = IssuerStaff.objects.get(user=assessor)
    client.force_login(request.getfixturevalue(persona))
    urls = [
        _people(issuer),
        reverse("workspace_people:member", kwargs={"slug": issuer.slug, "pk": staff.pk}),
        reverse(
            "workspace_people:invitation_withdraw",
            kwargs={"slug": issuer.slug, "public_id": invitation.public_id},
        ),
    ]
    for url in urls:
        assert client.get(url).status_code in (403, 404), url
        assert client.post(url, {"action": "remove", "email": "x@example.org"}).status_code in (
            403,
            404,
        ), url
    assert IssuerStaff.objects.filter(pk=staff.pk).exists()
    assert StaffInvitation.objects.pending().count() == 1


def test_an_issuer_admin_is_invited_from_the_page_and_after_mfa_runs_the_workspace(
    client: Client,
    issuer: Issuer,
    issuer_admin: User,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    client.force_login(issuer_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_people(issuer), {"email": "second@example.org", "role": "admin"})
    assert response.status_code == 302
    link = re.search(r"(/workspace/invitations/\S+/)", str(mail.outbox[-1].body))
    assert link, mail.outbox[-1].body
    person = factories.make_user(email="second@example.org", name="Second Admin")
    client.force_login(person)
    assert client.post(link.group(1)).status_code == 302
    assert roles.is_issuer_admin(person, issuer)
    workspace = reverse("workspace:issuer", kwargs={"slug": issuer.slug})
    assert client.get(workspace)["Location"].startswith(reverse("mfa_activate_totp"))
    factories.give_mfa(person)
    client.force_login(person)  # signed in again, now with the second factor
    assert client.get(workspace).status_code == 200
    assert "Second Admin" in client.get(_people(issuer)).content.decode()
