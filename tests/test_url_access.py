"""Walk every URL of the site, GET and POST, as every persona, against what is declared.

Each URL pattern in the URLconf — Rosette's, allauth's, the language switch and every page of
the Django admin — has a declaration in ``URLS`` (or, for the admin, ``admin_expected``) of what
each persona gets: reached (``OK``), sent to sign in (``LOGIN``), asked to authenticate again
or for their second factor (``AGAIN``), or refused (``DENIED``: 403 or 404). A URL without a
declaration fails the test, as does a declaration without a URL. Rosette's declarations start
from the view's ``@access`` rule (checked against the view) and the object's owners, and say
where an object-level check differs; a pair is (GET, POST) when the methods differ. Whatever is
declared, a POST must never be reached where the GET is refused.

Personas: anonymous; the learner and another learner (outsider); the learner's manager and a
manager of another organisation; the assessor who holds the claim of the sample application
and another assessor without it; the issuer admin; a site admin (superuser); and the two
kinds of staff in a session that signed in by password alone (``*_nomfa``), who reach nothing
but the second-factor step. State is built through the services (tests/factories.py); an empty
POST is sent, so a POST reaches the view's access checks without changing much.
"""

from __future__ import annotations

import io
import logging
import time
import wave
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from rosette.accounts.models import User
from rosette.awards.models import Award
from rosette.catalogue.artwork import rosette_svg
from rosette.catalogue.models import Badge, Issuer, IssuerStaff
from rosette.core.access import Rule, rule_of
from rosette.core.admin import ReadMostlyAdmin, SuperuserOnly
from rosette.teams import services as teams
from rosette.teams.models import Membership
from tests import factories
from tests.signin import SignInClient

OK, LOGIN, AGAIN, DENIED = "ok", "login", "again", "denied"
REFUSED = {LOGIN, AGAIN, DENIED}
NOT_ALLOWED = "405"  # the view does not take this method: nothing to judge
Outcome = str | tuple[str, str]  # the same for GET and POST, or (GET, POST)

LEARNERS = ["learner", "outsider", "manager", "other_manager"]  # no second factor to use
STAFF = ["assessor", "other_assessor", "issuer_admin", "superuser"]
# Staff whose session signed in by password alone: the middleware's two kinds of staff (issuer
# staff, and Django's site admins).
NO_MFA = {"assessor_nomfa": "assessor", "superuser_nomfa": "superuser"}
PERSONAS = ["anonymous", "learner", "outsider", "manager", "other_manager", *STAFF, *NO_MFA]
# What a staff session without a second factor may still reach (accounts/middleware.py).
MFA_FREE = {"home:healthz", "set_language", "mfa_reauthenticate", "account_logout"}
# Requests after which the persona is signed in again.
LOGS_OUT = {"account_logout", "admin:logout"}

# Which personas a role-level rule admits.
ADMITS: dict[Rule, set[str]] = {
    Rule.MANAGER: {"manager", "other_manager"},
    Rule.ASSESSOR: {"assessor", "other_assessor", "issuer_admin"},
    Rule.ISSUER_ADMIN: {"issuer_admin", "superuser"},
    Rule.SITE_ADMIN: {"superuser"},
}


def walk(
    resolver: URLResolver, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, URLPattern]]:
    """Every URL pattern, with its full route and its namespaced name."""
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(n for n in (namespace, entry.namespace or "") if n)
            yield from walk(entry, prefix + str(entry.pattern), inner)
        else:
            name = f"{namespace}:{entry.name}" if namespace else str(entry.name)
            yield prefix + str(entry.pattern), name, entry


def is_rosette(pattern: URLPattern) -> bool:
    return str(pattern.callback.__module__).startswith("rosette.")


def test_every_rosette_url_declares_an_access_rule() -> None:
    undeclared = [
        route
        for route, _, pattern in walk(get_resolver())
        if is_rosette(pattern) and rule_of(pattern.callback) is None
    ]
    assert undeclared == []


# --- samples: the arguments of each URL, from state built through the services ---------------

Sample = Callable[[dict[str, User]], dict[str, Any]]


def _badge_sample(people: dict[str, User]) -> dict[str, Any]:
    badge = Badge.objects.filter(slug="walk-badge").first() or factories.make_badge(
        slug="walk-badge", image=("walk.svg", rosette_svg("Walk", "#000000"))
    )
    return {"slug": badge.slug}


def _issuer_sample(people: dict[str, User]) -> dict[str, Any]:
    issuer = Issuer.objects.filter(slug="walk-issuer").first() or factories.make_issuer(
        slug="walk-issuer", image=("logo.svg", rosette_svg("Walk", "#000000"))
    )
    return {"slug": issuer.slug}


def _issuer_banner_sample(people: dict[str, User]) -> dict[str, Any]:
    from rosette.catalogue import services

    sample = _issuer_sample(people)
    issuer = Issuer.objects.get(slug=sample["slug"])
    if not issuer.banner:
        services.issuer_update(
            issuer=issuer, actor=None, name=issuer.name, description="", url="",
            email=issuer.email, banner=("b.svg", rosette_svg("Walk", "#000000")),
            banner_alt="A rosette",
        )  # fmt: skip
    return sample


def _material_sample(people: dict[str, User]) -> dict[str, Any]:
    from rosette.catalogue import services

    badge = factories.make_badge(slug="walk-material")
    material = services.material_add(
        badge=badge, actor=None, title="Handout", filename="h.pdf", content=b"%PDF-1.4\n"
    )
    return {"public_id": material.public_id}


def _credential_sample(people: dict[str, User]) -> dict[str, Any]:
    from rosette.credentials.models import AwardCredential
    from rosette.credentials.services import credential_issue
    from rosette.credentials.tests.django_helpers import make_award

    existing = AwardCredential.objects.select_related("award").first()
    if existing is None:
        existing = credential_issue(award=make_award(recipient=people["learner"]))
    return {"code": existing.award.code}


def _status_list_sample(people: dict[str, User]) -> dict[str, Any]:
    code = _credential_sample(people)["code"]
    return {"slug": Badge.objects.get(awards__code=code).issuer.slug, "name": "revocation"}


def _own_issuer_sample(people: dict[str, User]) -> dict[str, Any]:
    return {"slug": Issuer.objects.get(staff__user=people["issuer_admin"]).slug}


def _guide_sample(people: dict[str, User]) -> dict[str, Any]:
    from rosette.demo.video_guide import VIDEO_GUIDE
    from rosette.toolkits import services

    guide = services.guide_import(spec={**VIDEO_GUIDE, "slug": "walk-guide"}, actor=None)
    return {"slug": guide.slug}


def _assessment_sample(people: dict[str, User]) -> dict[str, Any]:
    from rosette.toolkits import selectors, services

    _guide, version = selectors.guide_for_public(slug=_guide_sample(people)["slug"])
    assessment = services.assessment_start(
        version=version, actor=people["learner"], setting_name="Walk", setting_kind="service"
    )
    return {"public_id": assessment.public_id}


def _review_sample(people: dict[str, User], *, accept: bool = False, actions: str = "") -> Any:
    """A draft of the learner's, shared with the manager (accepted, if asked)."""
    from rosette.applications import review, services

    application = services.application_start(
        learner=people["learner"], badge=factories.make_badge()
    )
    if actions:
        attempt = services.current_attempt(application)
        services.draft_save(
            application=application,
            actor=people["learner"],
            based_on_revision=attempt.revision,
            draft=services.DraftInput(texts={}, links={}, transcripts={}, intended_actions=actions),
        )
    shared = review.review_invite(
        application=application, actor=people["learner"], email=people["manager"].email
    )
    if accept:
        review.review_accept(review=shared, actor=people["manager"])
    return shared


def _review_share_sample(people: dict[str, User]) -> dict[str, Any]:
    shared = _review_sample(people)
    return {"public_id": shared.application.public_id, "review_id": shared.public_id}


def _review_application_sample(people: dict[str, User]) -> dict[str, Any]:
    return {"public_id": _review_sample(people).application.public_id}


def _review_invitation_sample(people: dict[str, User]) -> dict[str, Any]:
    return {"token": _review_sample(people).token}


def _review_reviewer_sample(people: dict[str, User]) -> dict[str, Any]:
    return {"public_id": _review_sample(people, accept=True).public_id}


def _review_followup_sample(people: dict[str, User]) -> dict[str, Any]:
    from rosette.applications import review

    shared = _review_sample(people, accept=True, actions="Share what I learned.")
    award = factories.give_badge(people["learner"], shared.application.badge)
    [followup] = review.followups_create_for_award(application=shared.application, award=award)
    return {"public_id": followup.public_id}


def _application(people: dict[str, User]) -> Any:
    from rosette.applications import services

    return services.application_start(learner=people["learner"], badge=factories.make_badge())


def _application_sample(people: dict[str, User]) -> dict[str, Any]:
    return {"public_id": _application(people).public_id}


def _start_sample(people: dict[str, User]) -> dict[str, Any]:
    return {"slug": factories.make_badge().slug}


def _conflict_sample(people: dict[str, User]) -> dict[str, Any]:
    from rosette.applications import services

    application = _application(people)
    draft = services.DraftInput(texts={}, links={}, transcripts={}, intended_actions="one")
    services.draft_save(
        application=application, actor=people["learner"], based_on_revision=0, draft=draft
    )
    try:
        services.draft_save(
            application=application,
            actor=people["learner"],
            based_on_revision=0,
            draft=services.DraftInput(texts={}, links={}, transcripts={}, intended_actions="two"),
        )
    except services.DraftConflict as conflict:
        snapshot = conflict.snapshot
    return {"public_id": application.public_id, "snapshot_id": snapshot.public_id}


def _wav() -> io.BytesIO:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(8000)
        sound.writeframes(b"\x00\x00" * 8000)
    buffer.seek(0)
    return buffer


def _media_sample(people: dict[str, User]) -> dict[str, Any]:
    from rosette.applications import services

    application = _application(people)
    answer = services.answer_media_attach(
        application=application, actor=people["learner"], question_id=None, upload=_wav()
    )
    return {"public_id": application.public_id, "answer_id": answer.pk}


def _media_remove_sample(people: dict[str, User]) -> dict[str, Any]:
    return {"public_id": _application(people).public_id, "question": "whole"}


def _attachment_sample(people: dict[str, User]) -> dict[str, Any]:
    from rosette.applications import services

    application = _application(people)
    attachment = services.attachment_add(
        application=application,
        actor=people["learner"],
        title="Handout",
        upload=io.BytesIO(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"),
    )
    return {
        "public_id": application.public_id,
        "attachment_id": attachment.public_id,
    }


def _assessed(people: dict[str, User]) -> Any:
    """A submitted application with a recording and a file, held by the assessor persona."""
    from rosette.applications import services
    from rosette.assessment import services as assessment
    from rosette.assessment.models import Claim

    held = Claim.objects.filter(assessor=people["assessor"]).select_related("application")
    if held.exists():
        return held.get().application
    issuer = Issuer.objects.get(staff__user=people["assessor"])
    learner = factories.make_user()
    application = services.application_start(
        learner=learner,
        badge=factories.make_badge(issuer=issuer, questions=[("What did you learn?", 0)]),
    )
    services.answer_media_attach(
        application=application, actor=learner, question_id=None, upload=_wav(),
        transcript="What I said.",
    )  # fmt: skip
    services.attachment_add(
        application=application,
        actor=learner,
        title="Handout",
        upload=io.BytesIO(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"),
    )
    services.application_submit(
        application=application, actor=learner, declaration=True, ai_used=False
    )
    assert assessment.claim_next(issuer=issuer, assessor=people["assessor"]) == application
    return application


def _assess_sample(people: dict[str, User]) -> dict[str, Any]:
    return {"public_id": _assessed(people).public_id}


def _assess_media_sample(people: dict[str, User]) -> dict[str, Any]:
    application = _assessed(people)
    answer = application.attempts.get().answers.get(question=None)
    return {"public_id": application.public_id, "answer_id": answer.pk}


def _assess_file_sample(people: dict[str, User]) -> dict[str, Any]:
    application = _assessed(people)
    attachment = application.attempts.get().attachments.get()
    return {"public_id": application.public_id, "attachment_id": attachment.public_id}


def _assessment_issuer_sample(people: dict[str, User]) -> dict[str, Any]:
    return {"slug": Issuer.objects.get(staff__user=people["issuer_admin"]).slug}


def _moderation_sample(people: dict[str, User]) -> dict[str, Any]:
    """A decision by a third assessor, sampled for moderation."""
    from rosette.applications import services
    from rosette.assessment import services as assessment
    from rosette.catalogue.models import IssuerStaff

    issuer = Issuer.objects.get(staff__user=people["issuer_admin"])
    assessment.assessment_settings_update(
        issuer=issuer, actor=people["issuer_admin"], claim_minutes=240, moderation_percent=100,
        reminder_days_left=7,
    )  # fmt: skip
    third = factories.make_staff(issuer, IssuerStaff.Role.ASSESSOR)
    learner = factories.make_user()
    application = services.application_start(
        learner=learner,
        badge=factories.make_badge(issuer=issuer, questions=[("What did you learn?", 0)]),
    )
    services.application_submit(
        application=application, actor=learner, declaration=True, ai_used=False
    )
    claimed = assessment.claim_next(issuer=issuer, assessor=third)
    assert claimed is not None
    decision = assessment.decision_record(
        application=claimed, actor=third, outcome="decline", scores={}, feedback={},
        reason="not_own_work",
    )  # fmt: skip
    return {"public_id": decision.moderation.public_id}


def _walk_award(people: dict[str, User]) -> Any:
    """The learner's award (with a recording as evidence) of a badge of the admin's issuer,
    its page open to anyone with the link (the learner is on the manager's staff)."""
    from rosette.applications import services
    from rosette.awards.models import Award
    from rosette.awards.services import award_create

    existing = Award.objects.filter(badge__slug="walk-award").first()
    if existing is not None:
        return existing
    issuer = Issuer.objects.get(staff__user=people["issuer_admin"])
    badge = factories.make_badge(issuer=issuer, slug="walk-award", questions=[("What?", 0)])
    application = services.application_start(learner=people["learner"], badge=badge)
    services.answer_media_attach(
        application=application, actor=people["learner"], question_id=None, upload=_wav(),
        transcript="What I said.",
    )  # fmt: skip
    services.application_submit(
        application=application, actor=people["learner"], declaration=True, ai_used=False
    )
    return award_create(
        recipient=people["learner"], badge=badge, actor=None, application=application
    )


def _award_sample(people: dict[str, User]) -> dict[str, Any]:
    return {"code": _walk_award(people).code}


def _award_evidence_sample(people: dict[str, User]) -> dict[str, Any]:
    award = _walk_award(people)
    item = award.evidence.filter(answer__media__gt="", withdrawn_at__isnull=True).first()
    if item is None:  # withdrawn by an earlier walk of the withdraw URL: evidence anew
        from rosette.awards.models import Evidence

        answer = award.application.attempts.get().answers.get(question=None)
        item = Evidence.objects.create(award=award, answer=answer)  # walker set-up only
    return {"code": award.code, "public_id": item.public_id}


def _award_endorsement_sample(people: dict[str, User]) -> dict[str, Any]:
    from rosette.awards import services

    award = _walk_award(people)
    endorsement = award.endorsements.confirmed().first()
    if endorsement is None:
        endorsement = services.endorsement_create_by_manager(
            award=award, actor=people["manager"], message="Well done: this shows in your work."
        )
    return {"code": award.code, "public_id": endorsement.public_id}


def _endorsement_token_sample(people: dict[str, User]) -> dict[str, Any]:
    from rosette.awards import services

    award = _walk_award(people)
    endorsement = services.endorsement_create(
        award=award, name="A colleague", email="colleague@example.org", relationship="colleague",
        message="A thoughtful piece of work that changed how we run calls.",
    )  # fmt: skip
    return {"token": services.confirmation_token(endorsement)}


def _award_issuer_sample(people: dict[str, User]) -> dict[str, Any]:
    award = _walk_award(people)
    return {"slug": award.badge.issuer.slug, "code": award.code}


def _award_rule_sample(people: dict[str, User]) -> dict[str, Any]:
    award = _walk_award(people)
    return {"slug": award.badge.issuer.slug, "badge": award.badge.slug}


def _review_media_sample(people: dict[str, User]) -> dict[str, Any]:
    from rosette.applications import services

    shared = _review_sample(people, accept=True)
    answer = services.answer_media_attach(
        application=shared.application, actor=people["learner"], question_id=None, upload=_wav()
    )
    return {"public_id": shared.public_id, "answer_id": answer.pk}


def _review_file_sample(people: dict[str, User]) -> dict[str, Any]:
    from rosette.applications import services

    shared = _review_sample(people, accept=True)
    attachment = services.attachment_add(
        application=shared.application,
        actor=people["learner"],
        title="Handout",
        upload=io.BytesIO(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"),
    )
    return {"public_id": shared.public_id, "attachment_id": attachment.public_id}


def _at_issuer(people: dict[str, User], *, submit: bool) -> Any:
    """An application for a badge of the assessors' issuer, with a recording and a file:
    submitted and held by nobody (waiting in the queue), or still a draft."""
    from rosette.applications import services

    issuer = Issuer.objects.get(staff__user=people["assessor"])
    learner = factories.make_user()
    application = services.application_start(
        learner=learner,
        badge=factories.make_badge(issuer=issuer, questions=[("What did you learn?", 0)]),
    )
    services.answer_media_attach(
        application=application, actor=learner, question_id=None, upload=_wav(),
        transcript="What I said.",
    )  # fmt: skip
    services.attachment_add(
        application=application,
        actor=learner,
        title="Handout",
        upload=io.BytesIO(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"),
    )
    if submit:
        services.application_submit(
            application=application, actor=learner, declaration=True, ai_used=False
        )
    return application


def _files_of(application: Any) -> tuple[Any, Any]:
    attempt = application.attempts.get()
    return attempt.answers.get(question=None), attempt.attachments.get()


def _waiting_sample(people: dict[str, User]) -> dict[str, Any]:
    return {"public_id": _at_issuer(people, submit=True).public_id}


def _draft_at_issuer_sample(people: dict[str, User]) -> dict[str, Any]:
    return {"public_id": _at_issuer(people, submit=False).public_id}


def _waiting_media_sample(people: dict[str, User]) -> dict[str, Any]:
    application = _at_issuer(people, submit=True)
    return {"public_id": application.public_id, "answer_id": _files_of(application)[0].pk}


def _draft_media_sample(people: dict[str, User]) -> dict[str, Any]:
    application = _at_issuer(people, submit=False)
    return {"public_id": application.public_id, "answer_id": _files_of(application)[0].pk}


def _waiting_file_sample(people: dict[str, User]) -> dict[str, Any]:
    application = _at_issuer(people, submit=True)
    return {
        "public_id": application.public_id,
        "attachment_id": _files_of(application)[1].public_id,
    }


def _draft_file_sample(people: dict[str, User]) -> dict[str, Any]:
    application = _at_issuer(people, submit=False)
    return {
        "public_id": application.public_id,
        "attachment_id": _files_of(application)[1].public_id,
    }


def _email_key_sample(people: dict[str, User]) -> dict[str, Any]:
    return {"key": "not-a-real-key"}


def _reset_key_sample(people: dict[str, User]) -> dict[str, Any]:
    return {"uidb36": "0", "key": "not-a-real-key"}


def _workspace_badge_sample(people: dict[str, User]) -> dict[str, Any]:
    """A draft badge (version 1 unpublished) of the issuer the issuer admin administers."""
    issuer = Issuer.objects.get(staff__user=people["issuer_admin"])
    badge = factories.make_badge(
        issuer=issuer, publish=False, image=("b.svg", rosette_svg("B", "#000000"))
    )
    return {"slug": issuer.slug, "badge": badge.slug}


def _workspace_version_sample(people: dict[str, User]) -> dict[str, Any]:
    return {**_workspace_badge_sample(people), "number": 1}


def _workspace_material_sample(people: dict[str, User]) -> dict[str, Any]:
    from rosette.catalogue import services

    kwargs = _workspace_badge_sample(people)
    material = services.material_add(
        badge=Badge.objects.get(slug=kwargs["badge"]),
        actor=None,
        title="Guide",
        url="https://example.org/guide",
    )
    return {**kwargs, "public_id": material.public_id}


def _workspace_file_material_sample(
    people: dict[str, User],
) -> dict[str, Any]:
    from rosette.catalogue import services

    kwargs = _workspace_badge_sample(people)
    material = services.material_add(
        badge=Badge.objects.get(slug=kwargs["badge"]),
        actor=None,
        title="Handout",
        filename="h.pdf",
        content=b"%PDF-1.4\n%%EOF\n",
    )
    return {**kwargs, "public_id": material.public_id}


def _workspace_reason_sample(people: dict[str, User]) -> dict[str, Any]:
    from rosette.assessment.services import decline_reasons_ensure

    issuer = Issuer.objects.get(staff__user=people["issuer_admin"])
    decline_reasons_ensure(issuer=issuer)
    return {"slug": issuer.slug, "reason": "not_own_work"}


def _staff_invitation(people: dict[str, User]) -> Any:
    from rosette.accounts import services

    issuer = Issuer.objects.get(staff__user=people["issuer_admin"])
    return services.staff_invite(
        issuer=issuer,
        actor=people["issuer_admin"],
        email="walk-invitee@example.org",
        role="assessor",
    )


def _staff_invitation_token_sample(people: dict[str, User]) -> dict[str, Any]:
    return {"token": _staff_invitation(people).token}


def _staff_invitation_sample(people: dict[str, User]) -> dict[str, Any]:
    invitation = _staff_invitation(people)
    return {"slug": invitation.issuer.slug, "public_id": invitation.public_id}


def _staff_member_sample(people: dict[str, User]) -> dict[str, Any]:
    from rosette.catalogue.models import IssuerStaff

    staff = IssuerStaff.objects.get(user=people["assessor"])
    return {"slug": staff.issuer.slug, "pk": staff.pk}


def _claim_reassign_sample(people: dict[str, User]) -> dict[str, Any]:
    application = _assessed(people)
    return {"slug": application.badge.issuer.slug, "public_id": application.public_id}


def _report_csv_sample(people: dict[str, User]) -> dict[str, Any]:
    return {**_own_issuer_sample(people), "key": "awards"}


# --- declarations -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Url:
    """What each persona gets at a URL. ``rule`` is the view's @access rule (for Rosette's own
    views; checked) or the policy a third-party view follows; ``owners`` are the personas an
    OWNER rule admits; ``expect`` says where a persona gets something else than the rule
    implies, and why is in a comment beside it."""

    rule: Rule
    sample: Sample | None = None
    owners: frozenset[str] = frozenset()
    expect: Mapping[str, Outcome] = field(default_factory=dict)


def url(
    rule: Rule,
    sample: Sample | None = None,
    *,
    owners: str = "",
    expect: Mapping[str, Outcome] | None = None,
    **more: Outcome,
) -> Url:
    return Url(rule, sample, frozenset(owners.split()), {**(expect or {}), **more})


def each(personas: list[str], outcome: Outcome) -> dict[str, Outcome]:
    return dict.fromkeys(personas, outcome)


# Everyone at the issuer is refused a draft, and an application they do not hold (finding 4).
NOBODY_READS: dict[str, Outcome] = {
    "assessor": DENIED,
    "other_assessor": DENIED,
    "issuer_admin": DENIED,
}

URLS: dict[str, Url] = {
    # core
    "home:landing": url(Rule.PUBLIC),
    "home:home": url(Rule.SIGNED_IN),
    "home:accessibility": url(Rule.PUBLIC),
    "home:accessibility_statement": url(Rule.PUBLIC),
    "home:privacy": url(Rule.PUBLIC),
    "home:feedback": url(Rule.PUBLIC),
    "home:evidence_guidance": url(Rule.PUBLIC),
    "home:open_badges_guidance": url(Rule.PUBLIC),
    "home:healthz": url(Rule.PUBLIC),
    # catalogue
    "catalogue:badge_list": url(Rule.PUBLIC),
    "catalogue:badge_detail": url(Rule.PUBLIC, _badge_sample),
    "catalogue:badge_image": url(Rule.PUBLIC, _badge_sample),
    "catalogue:issuer_detail": url(Rule.PUBLIC, _issuer_sample),
    "catalogue:issuer_image": url(Rule.PUBLIC, _issuer_sample),
    "catalogue:issuer_banner": url(Rule.PUBLIC, _issuer_banner_sample),
    "catalogue:material_download": url(Rule.PUBLIC, _material_sample),
    # credentials
    "credentials:verify": url(Rule.PUBLIC),
    "credentials:did_document": url(Rule.PUBLIC, _issuer_sample),
    # Rotating keys asks the admin to sign in again first.
    "credentials:issuer_keys": url(
        Rule.ISSUER_ADMIN, _own_issuer_sample, issuer_admin=(OK, AGAIN), superuser=(OK, AGAIN)
    ),
    "credentials:ob2_issuer": url(Rule.PUBLIC, _issuer_sample),
    "credentials:ob2_revocations": url(Rule.PUBLIC, _issuer_sample),
    "credentials:ob2_badge": url(Rule.PUBLIC, _badge_sample),
    "credentials:ob2_assertion": url(Rule.PUBLIC, _credential_sample),
    "credentials:ob2_baked_png": url(Rule.PUBLIC, _credential_sample),
    "credentials:ob3_credential": url(Rule.PUBLIC, _credential_sample),
    "credentials:ob3_baked_png": url(Rule.PUBLIC, _credential_sample),
    "credentials:ob3_baked_svg": url(Rule.PUBLIC, _credential_sample),
    "credentials:status_list": url(Rule.PUBLIC, _status_list_sample),
    # applications: the learner's own
    "applications:start": url(Rule.SIGNED_IN, _start_sample),
    "applications:detail": url(Rule.OWNER, _application_sample, owners="learner"),
    "applications:edit": url(Rule.OWNER, _application_sample, owners="learner"),
    "applications:autosave": url(Rule.OWNER, _application_sample, owners="learner"),
    "applications:conflict": url(Rule.OWNER, _conflict_sample, owners="learner"),
    "applications:check": url(Rule.OWNER, _application_sample, owners="learner"),
    "applications:submit": url(Rule.OWNER, _application_sample, owners="learner"),
    "applications:withdraw": url(Rule.OWNER, _application_sample, owners="learner"),
    "applications:dismiss_finding": url(Rule.OWNER, _application_sample, owners="learner"),
    "applications:media_remove": url(Rule.OWNER, _media_remove_sample, owners="learner"),
    "applications:media": url(Rule.OWNER, _media_sample, owners="learner"),
    "applications:attach_assessment": url(Rule.OWNER, _application_sample, owners="learner"),
    "applications:attachment_download": url(Rule.OWNER, _attachment_sample, owners="learner"),
    "applications:attachment_remove": url(Rule.OWNER, _attachment_sample, owners="learner"),
    # assessment
    "assessment:home": url(Rule.ASSESSOR),
    "assessment:moderation_list": url(Rule.ASSESSOR),
    "assessment:moderation_detail": url(Rule.ASSESSOR, _moderation_sample),
    # Held by the assessor; the admin sees who holds it (GET) but cannot act on it (POST).
    "assessment:assess": url(
        Rule.ASSESSOR, _assess_sample, other_assessor=DENIED, issuer_admin=(OK, DENIED)
    ),
    "assessment:assess#waiting": url(Rule.ASSESSOR, _waiting_sample, expect=NOBODY_READS),
    "assessment:assess#draft": url(Rule.ASSESSOR, _draft_at_issuer_sample, expect=NOBODY_READS),
    "assessment:media": url(
        Rule.ASSESSOR, _assess_media_sample, other_assessor=DENIED, issuer_admin=DENIED
    ),
    "assessment:media#waiting": url(Rule.ASSESSOR, _waiting_media_sample, expect=NOBODY_READS),
    "assessment:media#draft": url(Rule.ASSESSOR, _draft_media_sample, expect=NOBODY_READS),
    "assessment:attachment": url(
        Rule.ASSESSOR, _assess_file_sample, other_assessor=DENIED, issuer_admin=DENIED
    ),
    "assessment:attachment#waiting": url(Rule.ASSESSOR, _waiting_file_sample, expect=NOBODY_READS),
    "assessment:attachment#draft": url(Rule.ASSESSOR, _draft_file_sample, expect=NOBODY_READS),
    "assessment:queue": url(Rule.ASSESSOR, _assessment_issuer_sample),
    "assessment:service_levels": url(Rule.ISSUER_ADMIN, _assessment_issuer_sample),
    "assessment:settings": url(Rule.ISSUER_ADMIN, _assessment_issuer_sample),
    # manager review
    "reviews:share": url(Rule.OWNER, _review_application_sample, owners="learner"),
    "reviews:revoke": url(Rule.OWNER, _review_share_sample, owners="learner"),
    "reviews:list": url(Rule.SIGNED_IN),
    "reviews:accept": url(Rule.OWNER, _review_invitation_sample, owners="manager"),
    "reviews:review": url(Rule.OWNER, _review_reviewer_sample, owners="manager"),
    "reviews:review_media": url(Rule.OWNER, _review_media_sample, owners="manager"),
    "reviews:review_file": url(Rule.OWNER, _review_file_sample, owners="manager"),
    "reviews:followup": url(Rule.OWNER, _review_followup_sample, owners="manager"),
    # toolkits
    "toolkits:assessment_list": url(Rule.SIGNED_IN),
    "toolkits:shared_list": url(Rule.MANAGER),
    "toolkits:assessment_edit": url(Rule.OWNER, _assessment_sample, owners="learner"),
    "toolkits:assessment_setting": url(Rule.OWNER, _assessment_sample, owners="learner"),
    "toolkits:assessment_summary": url(Rule.OWNER, _assessment_sample, owners="learner"),
    "toolkits:assessment_pdf": url(Rule.OWNER, _assessment_sample, owners="learner"),
    "toolkits:assessment_share": url(Rule.OWNER, _assessment_sample, owners="learner"),
    "toolkits:guide_detail": url(Rule.PUBLIC, _guide_sample),
    "toolkits:assessment_start": url(Rule.SIGNED_IN, _guide_sample),
    # awards
    "awards:mine": url(Rule.SIGNED_IN),
    "awards:team": url(Rule.MANAGER),
    # Only the learner's own manager; another organisation's is told it does not exist.
    "awards:team_endorse": url(Rule.MANAGER, _award_sample, other_manager=DENIED),
    "awards:issuer_awards": url(Rule.ISSUER_ADMIN, _own_issuer_sample),
    "awards:issuer_endorsement_rule": url(Rule.ISSUER_ADMIN, _award_rule_sample),
    # Suspending or revoking asks the admin to sign in again first.
    "awards:issuer_award_status": url(
        Rule.ISSUER_ADMIN, _award_issuer_sample, issuer_admin=(OK, AGAIN), superuser=(OK, AGAIN)
    ),
    "awards:endorsement_confirm": url(Rule.PUBLIC, _endorsement_token_sample),
    "awards:award_detail": url(Rule.PUBLIC, _award_sample),
    "awards:endorse": url(Rule.PUBLIC, _award_sample),
    "awards:certificate": url(Rule.PUBLIC, _award_sample),
    "awards:settings": url(Rule.OWNER, _award_sample, owners="learner"),
    "awards:evidence_file": url(Rule.PUBLIC, _award_evidence_sample),
    "awards:evidence_withdraw": url(Rule.OWNER, _award_evidence_sample, owners="learner"),
    "awards:endorsements": url(Rule.OWNER, _award_sample, owners="learner"),
    "awards:endorsement_decide": url(Rule.OWNER, _award_endorsement_sample, owners="learner"),
    # allauth: its pages for anyone, and those for the signed-in
    "account_login": url(Rule.PUBLIC),
    "account_logout": url(Rule.PUBLIC),
    "account_inactive": url(Rule.PUBLIC),
    "account_signup": url(Rule.PUBLIC),
    "account_reauthenticate": url(Rule.SIGNED_IN),
    "account_email": url(Rule.SIGNED_IN),
    "account_email_verification_sent": url(Rule.PUBLIC),
    "account_change_password": url(Rule.SIGNED_IN),
    "account_set_password": url(Rule.SIGNED_IN),
    "account_reset_password": url(Rule.PUBLIC),
    "account_confirm_login_code": url(Rule.PUBLIC, anonymous=LOGIN),  # sign-in by code is off
    # A key that does not exist: the page says so, and confirming it is refused.
    "account_confirm_email": url(
        Rule.PUBLIC, _email_key_sample, expect=each(["anonymous", *LEARNERS, *STAFF], (OK, DENIED))
    ),
    "account_reset_password_from_key_done": url(Rule.PUBLIC),
    "account_reset_password_from_key": url(Rule.PUBLIC, _reset_key_sample),
    "account_reset_password_done": url(Rule.PUBLIC),
    "mfa_index": url(Rule.SIGNED_IN),
    "mfa_authenticate": url(Rule.PUBLIC, anonymous=LOGIN),  # only during a sign-in
    # Without a device, re-authentication is by password.
    "mfa_reauthenticate": url(Rule.SIGNED_IN, expect=each(LEARNERS, AGAIN)),
    # Changing the second factor asks for the password or a code again first; staff cannot
    # remove theirs (accounts/adapter.py), and learners have none to remove.
    "mfa_activate_totp": url(Rule.SIGNED_IN, expect=each([*LEARNERS, *STAFF], AGAIN)),
    "mfa_deactivate_totp": url(
        Rule.SIGNED_IN, expect={**each(LEARNERS, DENIED), **each(STAFF, AGAIN)}
    ),
    # Nobody in the walk has recovery codes yet.
    "mfa_view_recovery_codes": url(Rule.SIGNED_IN, expect=each([*LEARNERS, *STAFF], DENIED)),
    "mfa_generate_recovery_codes": url(Rule.SIGNED_IN, expect=each([*LEARNERS, *STAFF], AGAIN)),
    "mfa_download_recovery_codes": url(Rule.SIGNED_IN, expect=each([*LEARNERS, *STAFF], DENIED)),
    # the language switch
    "set_language": url(Rule.PUBLIC),
    # the issuer's workspace (ADR 0014)
    "workspace:index": url(Rule.ISSUER_ADMIN),
    "workspace:issuer": url(Rule.ISSUER_ADMIN, _own_issuer_sample),
    "workspace:badges": url(Rule.ISSUER_ADMIN, _own_issuer_sample),
    "workspace:badge_new": url(Rule.ISSUER_ADMIN, _own_issuer_sample),
    "workspace:decline_reasons": url(Rule.ISSUER_ADMIN, _own_issuer_sample),
    "workspace:issuer_profile": url(Rule.ISSUER_ADMIN, _own_issuer_sample),
    # One sample a URL: the issuer admin's POST has already retired or removed it (404 after).
    "workspace:decline_reason_retire": url(
        Rule.ISSUER_ADMIN, _workspace_reason_sample, superuser=(OK, DENIED)
    ),
    "workspace:badge": url(Rule.ISSUER_ADMIN, _workspace_badge_sample),
    "workspace:badge_image": url(Rule.ISSUER_ADMIN, _workspace_badge_sample),
    "workspace:badge_details": url(Rule.ISSUER_ADMIN, _workspace_badge_sample),
    "workspace:version_start": url(Rule.ISSUER_ADMIN, _workspace_badge_sample),
    "workspace:badge_prerequisites": url(Rule.ISSUER_ADMIN, _workspace_badge_sample),
    "workspace:badge_pathway": url(Rule.ISSUER_ADMIN, _workspace_badge_sample),
    "workspace:badge_materials": url(Rule.ISSUER_ADMIN, _workspace_badge_sample),
    "workspace:material_remove": url(
        Rule.ISSUER_ADMIN, _workspace_material_sample, superuser=(OK, DENIED)
    ),
    "workspace:material_file": url(Rule.ISSUER_ADMIN, _workspace_file_material_sample),
    "workspace:badge_endorsement": url(Rule.ISSUER_ADMIN, _workspace_badge_sample),
    "workspace:badge_retire": url(Rule.ISSUER_ADMIN, _workspace_badge_sample),
    "workspace:version_requirements": url(Rule.ISSUER_ADMIN, _workspace_version_sample),
    "workspace:version_questions": url(Rule.ISSUER_ADMIN, _workspace_version_sample),
    "workspace:version_rubric": url(Rule.ISSUER_ADMIN, _workspace_version_sample),
    "workspace:version_preview": url(Rule.ISSUER_ADMIN, _workspace_version_sample),
    "workspace:version_publish": url(Rule.ISSUER_ADMIN, _workspace_version_sample),
    # the workspace's people, reports and audit trail (ADR 0015)
    # Anyone signed in may open an invitation's link (it names the address it was sent to,
    # masked); only an account holding that address, verified, can accept it.
    "workspace_people:accept": url(
        Rule.SIGNED_IN,
        _staff_invitation_token_sample,
        expect=each([*LEARNERS, *STAFF], (OK, DENIED)),
    ),
    "workspace_people:people": url(Rule.ISSUER_ADMIN, _own_issuer_sample),
    "workspace_people:member": url(Rule.ISSUER_ADMIN, _staff_member_sample),
    "workspace_people:invitation_withdraw": url(Rule.ISSUER_ADMIN, _staff_invitation_sample),
    "workspace_people:claim_reassign": url(Rule.ISSUER_ADMIN, _claim_reassign_sample),
    "workspace_reports:reports": url(Rule.ISSUER_ADMIN, _own_issuer_sample),
    "workspace_reports:report_csv": url(Rule.ISSUER_ADMIN, _report_csv_sample),
    "workspace_audit:audit": url(Rule.ISSUER_ADMIN, _own_issuer_sample),
    "awards:record_csv": url(Rule.SIGNED_IN),
    "awards:record_pdf": url(Rule.SIGNED_IN),
}


def by_rule(declared: Url, persona: str) -> Outcome:
    """What a persona gets where nothing else is declared."""
    if persona in NO_MFA:
        return AGAIN
    if persona == "anonymous":
        return OK if declared.rule is Rule.PUBLIC else LOGIN
    if declared.rule in (Rule.PUBLIC, Rule.SIGNED_IN):
        return OK
    if declared.rule is Rule.OWNER:
        return OK if persona in declared.owners else DENIED
    return OK if persona in ADMITS[declared.rule] else DENIED


def expected(key: str, declared: Url, persona: str) -> Outcome:
    name = key.split("#")[0]
    if persona in NO_MFA and name in MFA_FREE:
        return declared.expect.get(persona, expected(key, declared, NO_MFA[persona]))
    return declared.expect.get(persona, by_rule(declared, persona))


# --- the Django admin ---------------------------------------------------------------------------

ADMIN = "django-admin/"


# Records only their own code writes: the admin shows them, and refuses to add, change or
# delete them (keys, credentials, status lists, task results, published guide versions).
ADMIN_READ_ONLY: dict[str, Outcome] = {
    f"admin:{model}_{view}": outcome
    for model in ("credentials_issuerkey", "credentials_awardcredential",
                  "credentials_statuslist", "django_tasks_database_dbtaskresult")
    for view, outcome in (("add", DENIED), ("change", (OK, DENIED)), ("delete", DENIED))
} | {"admin:toolkits_guideversion_change": (OK, DENIED)}  # fmt: skip


def admin_expected(name: str, route: str, persona: str) -> Outcome:
    """The Django admin: site admins in a session with a second factor, nobody else. Its own
    sign-in page sends everyone to allauth's, and refuses people who are signed in but not
    staff."""
    if persona in NO_MFA:
        return AGAIN
    if name == "admin:login":
        return {"anonymous": LOGIN, "superuser": OK}.get(persona, DENIED)
    if name == "admin:logout":
        return OK  # signs out a site admin; sends anyone else to the admin's front page
    if persona != "superuser":
        return LOGIN  # the admin sends whoever is not staff to its sign-in
    if name in ADMIN_READ_ONLY:
        return ADMIN_READ_ONLY[name]
    if name == "admin:autocomplete":
        return DENIED  # asked without the field it completes: refused, as Django does
    if name == "admin:None" and route.endswith("(?P<url>.*)$"):
        return DENIED  # the catch-all: a page that does not exist
    return _admin_model_outcome(name)


def _admin_model_outcome(name: str) -> Outcome:
    """A model's add, change and delete pages, for a site admin: the admin is read-mostly
    (rosette/core/admin.py, ADR 0015): nothing is added or deleted, and a change is saved only
    where the model's admin names fields whose change is harmless."""
    for model, model_admin in admin.site._registry.items():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if not name.startswith(prefix):
            continue
        view = name[len(prefix) :]
        if isinstance(model_admin, SuperuserOnly):  # the toolkit's guide drafts: never deleted
            return DENIED if view == "delete" else OK
        if not isinstance(model_admin, ReadMostlyAdmin):
            return OK  # Django's own (users' groups): a site admin's, as Django made it
        if view in ("add", "delete"):
            return DENIED
        if view == "change":
            return (OK, OK if model_admin.editable else DENIED)
    return OK


def admin_path(route: str, name: str, people: dict[str, User]) -> str:
    """A real address for an admin pattern: a stored object where it takes one."""
    if name == "admin:app_list":
        return reverse(name, kwargs={"app_label": "account"})
    if route.endswith("(?P<url>.*)$"):
        return "/" + ADMIN + "no-such-page/"
    if name == "admin:view_on_site":
        award = Award.objects.first()
        assert award is not None
        kind = ContentType.objects.get_for_model(Award)
        return reverse(name, kwargs={"content_type_id": kind.pk, "object_id": award.pk})
    path = "/" + route
    if "<path:object_id>" in route:
        app_label, model_name = route[len(ADMIN) :].split("/")[:2]
        found = apps.get_model(app_label, model_name)._default_manager.order_by("pk").first()
        path = path.replace("<path:object_id>", str(found.pk if found else 0))
    return path


# --- the walk -----------------------------------------------------------------------------------


def classify(response: Any) -> str:
    """What a response means for access: reached, sent to sign in, asked to authenticate
    again, or refused."""
    if response.streaming:  # read a file to the end, which closes it
        b"".join(response.streaming_content)
    status = response.status_code
    if status == 405:
        return NOT_ALLOWED
    if status in (403, 404):
        return DENIED
    if 300 <= status < 400:
        where = urlsplit(response["Location"]).path
        if where.startswith(("/accounts/login/", "/django-admin/login/")):
            return LOGIN
        if where.startswith(
            ("/accounts/reauthenticate/", "/accounts/2fa/reauthenticate/",
             "/accounts/2fa/totp/activate/")
        ):  # fmt: skip
            return AGAIN
    assert status < 500, response
    return OK


def _people(learner: User, outsider: User, manager: User, assessor: User, issuer_admin: User,
            issuer: Issuer) -> dict[str, User]:  # fmt: skip
    organisation = Membership.objects.get(user=manager, role="manager").organisation
    membership = teams.membership_invite(
        organisation=organisation, user=learner, role="staff", actor=manager
    )
    teams.membership_accept(membership=membership, actor=learner)
    return {
        "learner": learner,
        "outsider": outsider,
        "manager": manager,
        "other_manager": factories.make_manager(email="other-manager@example.org"),
        "assessor": assessor,
        "other_assessor": factories.make_staff(
            issuer, IssuerStaff.Role.ASSESSOR, email="other-assessor@example.org"
        ),
        "issuer_admin": issuer_admin,
        "superuser": factories.make_superuser(email="site-admin@example.org"),
    }


def _sign_in(client: SignInClient, persona: str, people: dict[str, User]) -> None:
    if persona == "anonymous":
        client.logout()
    elif persona in NO_MFA:
        client.force_login(people[NO_MFA[persona]], mfa=False)
    else:
        client.force_login(people[persona])


@pytest.mark.django_db
def test_every_url_answers_every_persona_as_declared(
    settings: Any,
    learner: User, outsider: User, manager: User, assessor: User, issuer_admin: User,
    issuer: Issuer,
) -> None:  # fmt: skip
    started = time.monotonic()
    cpu = time.process_time()
    # Sessions in the (local memory) cache: two fewer queries a request, same access decisions.
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    logging.getLogger("django.request").setLevel(logging.ERROR)  # thousands of 403s and 404s
    people = _people(learner, outsider, manager, assessor, issuer_admin, issuer)
    clients = {persona: SignInClient() for persona in PERSONAS}
    for persona, client in clients.items():
        _sign_in(client, persona, people)
    patterns = list(walk(get_resolver()))
    names = {name for _, name, _ in patterns}
    failures = [f"{key}: declared, but there is no such URL" for key in URLS
                if key.split("#")[0] not in names]  # fmt: skip
    walked = 0
    for route, name, pattern in patterns:
        cases: list[tuple[str, Url | None]]
        if route.startswith(ADMIN):
            cases = [(name, None)]
        elif name not in URLS:
            failures.append(f"{name} ({route}): no declaration in URLS")
            continue
        else:
            cases = [(k, d) for k, d in URLS.items() if k.split("#")[0] == name]
        for key, declared in cases:
            if (
                declared is not None
                and is_rosette(pattern)
                and rule_of(pattern.callback) is not declared.rule
            ):
                failures.append(f"{key}: the view says {rule_of(pattern.callback)}")
            if declared is None:
                path = admin_path(route, name, people)
            else:
                kwargs = declared.sample(people) if declared.sample else {}
                path = reverse(name, kwargs=kwargs)
            for persona in PERSONAS:
                client = clients[persona]
                got = []
                for method in ("get", "post"):
                    got.append(classify(getattr(client, method)(path)))
                    if name in LOGS_OUT:
                        _sign_in(client, persona, people)
                walked += 1
                want = (
                    admin_expected(name, route, persona)
                    if declared is None
                    else expected(key, declared, persona)
                )
                want_get, want_post = want if isinstance(want, tuple) else (want, want)
                for method, outcome, wanted in zip(("GET", "POST"), got, (want_get, want_post),
                                                   strict=True):  # fmt: skip
                    if outcome not in (NOT_ALLOWED, wanted):
                        failures.append(f"{key} {method} {path} as {persona}: "
                                        f"declared {wanted}, got {outcome}")  # fmt: skip
                if got == [NOT_ALLOWED, NOT_ALLOWED]:
                    failures.append(f"{key} {path} as {persona}: neither GET nor POST is taken")
                if got[0] in REFUSED and got[1] == OK:
                    failures.append(f"{key} POST {path} as {persona}: reached where GET is refused")
    print("\n".join(failures))
    assert failures == []
    assert walked > len(PERSONAS) * 150
    print(f"walked {walked} URL × persona pairs in {time.monotonic() - started:.1f}s "
          f"({time.process_time() - cpu:.1f}s of CPU)")  # fmt: skip
