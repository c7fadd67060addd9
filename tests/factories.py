"""Test data, built through the services (STYLE.md point 17)."""

from __future__ import annotations

import itertools
import time
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value

from rosette.accounts.models import User
from rosette.accounts.services import user_create
from rosette.catalogue import services as catalogue
from rosette.catalogue.models import Badge, Issuer, IssuerStaff
from rosette.teams import services as teams
from rosette.teams.models import Membership, Organisation

PASSWORD = "correct-horse-battery-staple"
_seq = itertools.count(1)


def make_user(*, email: str | None = None, name: str = "", verified: bool = True) -> User:
    n = next(_seq)
    return user_create(
        email=email or f"person{n}@example.org",
        name=name or f"Person {n}",
        password=PASSWORD,
        verified=verified,
    )


def give_mfa(user: User) -> str:
    """Activate TOTP for a user, returning the secret so a test can compute codes."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now for this secret; one about to expire is let
    go first (allauth accepts only the current period's code), as a person would."""
    if 30 - time.time() % 30 < 3:
        time.sleep(30 - time.time() % 30 + 0.1)
    return str(format_hotp_value(hotp_value(secret, int(time.time()) // 30)))


def make_superuser(*, email: str | None = None, name: str = "", mfa: bool = True) -> User:
    """A site admin, made as ``manage.py createsuperuser`` makes one (there is no service:
    Rosette never makes site admins), with a verified address and, unless told, TOTP."""
    n = next(_seq)
    user = User.objects.create_superuser(
        email=email or f"admin{n}@example.org", password=PASSWORD, name=name or f"Admin {n}"
    )
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    if mfa:
        give_mfa(user)
    return user


def make_issuer(
    *,
    name: str = "",
    slug: str = "",
    assessment_days: int = 28,
    image: tuple[str, bytes] | None = None,
) -> Issuer:
    n = next(_seq)
    return catalogue.issuer_create(
        actor=None,
        slug=slug or f"issuer-{n}",
        name=name or f"Issuer {n}",
        email=f"issuer{n}@example.org",
        assessment_days=assessment_days,
        image=image,
    )


def make_staff(issuer: Issuer, role: str = IssuerStaff.Role.ASSESSOR, **kwargs: Any) -> User:
    user = make_user(**kwargs)
    give_mfa(user)
    catalogue.issuer_staff_add(issuer=issuer, user=user, role=role, actor=None)
    return user


def make_badge(
    *,
    issuer: Issuer | None = None,
    name: str = "",
    slug: str = "",
    questions: list[tuple[str, int]] | None = None,
    overall_min_words: int = 0,
    prerequisites: list[Badge] | None = None,
    components: list[Badge] | None = None,
    components_required: int | None = None,
    category: Any = None,
    publish: bool = True,
    summary: str = "",
    image: tuple[str, bytes] | None = None,
    discussion_task: str = "",
) -> Badge:
    n = next(_seq)
    badge = catalogue.badge_create(
        issuer=issuer or make_issuer(),
        actor=None,
        slug=slug or f"badge-{n}",
        name=name or f"Badge {n}",
        summary=summary or f"What badge {n} is about.",
        category=category,
        kind=Badge.Kind.PATHWAY if components else Badge.Kind.STANDARD,
        prerequisites=prerequisites or [],
        components=components or [],
        components_required=components_required,
        image=image,
    )
    version = catalogue.badge_version_create(
        badge=badge,
        actor=None,
        description=f"A longer description of badge {n}.",
        criteria="- do the activities\n- answer the questions",
        questions=[
            catalogue.QuestionSpec(prompt=p, min_words=m)
            for p, m in (
                questions
                if questions is not None
                else ([] if components else [("What did you learn?", 20)])
            )
        ],
        overall_min_words=overall_min_words,
        discussion_task=discussion_task,
    )
    if publish:
        catalogue.badge_version_publish(version=version, actor=None)
    return badge


def make_manager(
    *, organisation: Organisation | None = None, admin: bool = False, **kwargs: Any
) -> User:
    """An active manager (of a new organisation unless given one); ``admin``: who also
    administers it."""
    user = make_user(**kwargs)
    organisation = organisation or teams.organisation_create(
        slug=f"org-{next(_seq)}", name="A care service", actor=None
    )
    if admin:
        teams.admin_add(organisation=organisation, user=user, actor=None)
    membership = teams.membership_invite(
        organisation=organisation, user=user, role=Membership.Role.MANAGER, actor=None
    )
    teams.membership_accept(membership=membership, actor=user)
    return user


def give_badge(user: User, badge: Badge) -> Any:
    """A shortcut to hold a badge (prerequisites in tests), through the award service."""
    from rosette.awards.services import award_create

    return award_create(recipient=user, badge=badge, actor=None)


def join_staff(user: User, organisation: Organisation) -> Membership:
    """The person joins the organisation as staff, by invitation and consent (the services)."""
    membership = teams.membership_invite(
        organisation=organisation, user=user, role=Membership.Role.STAFF, actor=None
    )
    return teams.membership_accept(membership=membership, actor=user)
