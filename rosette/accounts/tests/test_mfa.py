"""Staff reach Rosette and the Django admin only in a session that passed a second factor,
whichever way they signed in (issue 12, finding 1)."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.urls import reverse

from rosette.accounts.models import User
from rosette.catalogue import services as catalogue
from rosette.catalogue.models import Issuer, IssuerStaff
from tests import factories
from tests.signin import SignInClient

pytestmark = pytest.mark.django_db

ADMIN = "/django-admin/"


def _sign_in(client: SignInClient, user: User, **extra: str) -> str:
    """The first step of allauth's sign-in, with the password; where it leads next."""
    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": factories.PASSWORD, **extra},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return str(response["Location"])


def test_the_django_admin_sign_in_never_accepts_a_password_alone(client: SignInClient) -> None:
    admin = factories.make_superuser()
    response = client.post(
        reverse("admin:login") + "?next=/django-admin/",
        {"username": admin.email, "password": factories.PASSWORD, "next": ADMIN},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")
    page = client.get(ADMIN)
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("admin:login"))
    assert client.get(reverse("admin:login"))["Location"].startswith(reverse("account_login"))


def test_a_site_admin_reaches_the_admin_after_password_and_code(client: SignInClient) -> None:
    admin = factories.make_superuser(mfa=False)
    secret = factories.give_mfa(admin)
    assert _sign_in(client, admin, next=ADMIN) == reverse("mfa_authenticate")
    assert client.get(ADMIN).status_code == 302  # half signed in is not signed in
    response = client.post(reverse("mfa_authenticate"), {"code": factories.totp_code(secret)})
    assert response["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200


def test_remember_me_still_asks_for_the_code(client: SignInClient, issuer: Issuer) -> None:
    assessor = factories.make_staff(issuer)
    assert _sign_in(client, assessor, remember="on") == reverse("mfa_authenticate")
    assert client.get(reverse("home:home"))["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("who", ["site_admin", "assessor", "issuer_admin", "django_staff"])
def test_a_staff_session_without_the_second_factor_reaches_only_the_code_step(
    client: SignInClient, issuer: Issuer, who: str
) -> None:
    person = factories.make_superuser(mfa=False) if who == "site_admin" else factories.make_user()
    if who == "django_staff":
        User.objects.filter(pk=person.pk).update(is_staff=True)  # as the admin's own form does
    elif who != "site_admin":
        role = IssuerStaff.Role.ASSESSOR if who == "assessor" else IssuerStaff.Role.ADMIN
        catalogue.issuer_staff_add(issuer=issuer, user=person, role=role, actor=None)
    secret = factories.give_mfa(person)
    client.force_login(person, mfa=False)  # a session that signed in by password alone
    step = reverse("mfa_reauthenticate")
    for path in (ADMIN, reverse("home:home"), "/assess/", reverse("account_email"),
                 reverse("account_change_password"), reverse("mfa_deactivate_totp"),
                 reverse("mfa_generate_recovery_codes")):  # fmt: skip
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(step + "?next="), (path, response["Location"])
    refused = client.post(reverse("account_email"), {"action_add": "", "email": "x@example.org"})
    assert refused["Location"].startswith(step)
    assert client.get(step).status_code == 200
    response = client.post(
        step + "?next=" + reverse("home:home"), {"code": factories.totp_code(secret)}
    )
    assert response["Location"] == reverse("home:home")
    assert client.get(reverse("home:home")).status_code == 200


@pytest.mark.django_db(transaction=True)  # allauth says "device added" once it is committed
def test_staff_without_a_device_set_one_up_before_anything_else(
    client: SignInClient, learner: User, issuer: Issuer
) -> None:
    client.force_login(learner)
    assert client.get(reverse("account_email")).status_code == 200
    # Made an assessor while signed in: the same session must now set up a device first.
    catalogue.issuer_staff_add(
        issuer=issuer, user=learner, role=IssuerStaff.Role.ASSESSOR, actor=None
    )
    activate = reverse("mfa_activate_totp")
    for path in (reverse("home:home"), reverse("account_email"), ADMIN):
        assert client.get(path)["Location"].startswith(activate + "?next="), path
    # Signed in a while ago: allauth asks for the password again before a device is added.
    again = client.get(activate)
    assert again["Location"].startswith(reverse("account_reauthenticate"))
    client.post(again["Location"], {"password": factories.PASSWORD})
    page = client.get(activate)
    assert page.status_code == 200
    secret = page.context["form"].secret
    response = client.post(activate, {"code": factories.totp_code(secret)})
    assert response.status_code == 302
    # The code given to set the device up was the second factor of this session.
    assert client.get(reverse("home:home")).status_code == 200


@pytest.mark.django_db(transaction=True)  # allauth says "device added" once it is committed
def test_a_new_assessor_sets_up_mfa_straight_after_signing_in_and_goes_on_where_they_were_going(
    client: SignInClient, issuer: Issuer
) -> None:
    """Issue 16: no second password prompt right after signing in, no second code right after
    giving one, and the page they asked for kept to the end."""
    user = factories.make_user(email="new.assessor@example.org")
    catalogue.issuer_staff_add(issuer=issuer, user=user, role=IssuerStaff.Role.ASSESSOR, actor=None)
    wanted = reverse("assessment:home")
    first = _sign_in(client, user, next=wanted)
    step = client.get(first)
    activate = reverse("mfa_activate_totp")
    assert step["Location"].startswith(activate + "?next=")
    page = client.get(step["Location"])
    assert page.status_code == 200  # the set-up page itself, not "confirm your password"
    secret = page.context["form"].secret
    response = client.post(activate, {"code": factories.totp_code(secret)})
    codes = client.get(response["Location"])
    assert codes.status_code == 200  # the recovery codes, not "enter a code" again
    body = codes.content.decode()
    assert "<h1" in body and "Recovery codes" in body
    assert f'<a class="ds_button" href="{wanted}">I have kept my codes: continue</a>' in body
    assert client.get(wanted, follow=True).status_code == 200


def test_staff_cannot_remove_their_authenticator(client: SignInClient, issuer: Issuer) -> None:
    assessor = factories.make_staff(issuer)
    client.force_login(assessor)
    client.post(reverse("account_reauthenticate"), {"password": factories.PASSWORD})
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 200  # the form, with allauth's "cannot be deactivated"
    assert Authenticator.objects.filter(user=assessor, type="totp").exists()


def test_a_password_reset_leaves_staff_to_sign_in_with_the_code(client: SignInClient) -> None:
    admin = factories.make_superuser()
    client.post(reverse("account_reset_password"), {"email": admin.email})
    body = str(mail.outbox[-1].body)
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", body)
    assert link
    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200
    new = "a brand new long passphrase"
    done = client.post(form.redirect_chain[-1][0], {"password1": new, "password2": new})
    assert done.status_code == 302
    assert client.get(ADMIN).status_code == 302
    response = client.post(reverse("account_login"), {"login": admin.email, "password": new})
    assert response["Location"] == reverse("mfa_authenticate")


def test_learners_sign_in_without_a_second_factor(client: SignInClient, learner: User) -> None:
    client.force_login(learner, mfa=False)
    assert client.get(reverse("home:home")).status_code == 200
    assert client.get(reverse("account_email")).status_code == 200
