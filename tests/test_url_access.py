"""Walk every URL pattern as every persona and check it against its declared access rule.

Every Rosette view declares a rule with ``@access(Rule.X)`` (rosette/core/access.py). This test
fails when a URL has no declaration, when a persona reaches a page its rule forbids, or when a
persona is refused a page its rule allows. Third-party views (allauth, Django admin, i18n) are
declared below, by URL name prefix.
"""

from __future__ import annotations

import io
import wave
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from rosette.accounts.models import User
from rosette.catalogue.artwork import rosette_svg
from rosette.catalogue.models import Badge, Issuer
from rosette.core.access import Rule, rule_of
from tests import factories

# Views we did not write: what they allow, by route prefix.
THIRD_PARTY = {
    "accounts/": "allauth: sign-in, sign-up and account pages (allauth enforces its own rules)",
    "django-admin/": "Django admin: staff only, by Django",
    "i18n/": "language switcher: anyone",
}

PERSONAS = ["anonymous", "learner", "outsider", "manager", "assessor", "issuer_admin"]

# Which personas a role-level rule admits.
ALLOWED: dict[Rule, set[str]] = {
    Rule.PUBLIC: set(PERSONAS),
    Rule.SIGNED_IN: set(PERSONAS) - {"anonymous"},
    Rule.MANAGER: {"manager"},
    Rule.ASSESSOR: {"assessor", "issuer_admin"},
    Rule.ISSUER_ADMIN: {"issuer_admin"},
    Rule.SITE_ADMIN: set(),
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


def is_third_party(route: str) -> bool:
    return any(route.startswith(p) for p in THIRD_PARTY)


def test_every_rosette_url_declares_an_access_rule() -> None:
    undeclared = [
        route
        for route, _, pattern in walk(get_resolver())
        if not is_third_party(route) and rule_of(pattern.callback) is None
    ]
    assert undeclared == []


# Sample URL arguments, and for OWNER rules the persona who owns the object.
Sample = Callable[[dict[str, User]], tuple[dict[str, Any], str | None]]


def _badge_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    badge = Badge.objects.filter(slug="walk-badge").first() or factories.make_badge(
        slug="walk-badge", image=("walk.svg", rosette_svg("Walk", "#000000"))
    )
    return {"slug": badge.slug}, None


def _issuer_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    issuer = Issuer.objects.filter(slug="walk-issuer").first() or factories.make_issuer(
        slug="walk-issuer", image=("logo.svg", rosette_svg("Walk", "#000000"))
    )
    return {"slug": issuer.slug}, None


def _material_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    from rosette.catalogue import services

    badge = factories.make_badge(slug="walk-material")
    material = services.material_add(
        badge=badge, actor=None, title="Handout", filename="h.pdf", content=b"%PDF-1.4\n"
    )
    return {"public_id": material.public_id}, None


def _credential_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    from rosette.credentials.models import AwardCredential
    from rosette.credentials.services import credential_issue
    from rosette.credentials.tests.django_helpers import make_award

    existing = AwardCredential.objects.select_related("award").first()
    if existing is None:
        existing = credential_issue(award=make_award(recipient=people["learner"]))
    return {"code": existing.award.code}, None


def _status_list_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    code = _credential_sample(people)[0]["code"]
    return {"slug": Badge.objects.get(awards__code=code).issuer.slug, "name": "revocation"}, None


def _own_issuer_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    return {"slug": Issuer.objects.get(staff__user=people["issuer_admin"]).slug}, None


def _guide_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    from rosette.demo.video_guide import VIDEO_GUIDE
    from rosette.toolkits import services

    guide = services.guide_import(spec={**VIDEO_GUIDE, "slug": "walk-guide"}, actor=None)
    return {"slug": guide.slug}, None


def _assessment_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    from rosette.toolkits import selectors, services

    _guide, version = selectors.guide_for_public(slug=_guide_sample(people)[0]["slug"])
    assessment = services.assessment_start(
        version=version, actor=people["learner"], setting_name="Walk", setting_kind="service"
    )
    return {"public_id": assessment.public_id}, "learner"


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


def _review_share_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    shared = _review_sample(people)
    return {"public_id": shared.application.public_id, "review_id": shared.public_id}, "learner"


def _review_application_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    return {"public_id": _review_sample(people).application.public_id}, "learner"


def _review_invitation_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    return {"token": _review_sample(people).token}, "manager"


def _review_reviewer_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    return {"public_id": _review_sample(people, accept=True).public_id}, "manager"


def _review_followup_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    from rosette.applications import review

    shared = _review_sample(people, accept=True, actions="Share what I learned.")
    award = factories.give_badge(people["learner"], shared.application.badge)
    [followup] = review.followups_create_for_award(application=shared.application, award=award)
    return {"public_id": followup.public_id}, "manager"


def _application(people: dict[str, User]) -> Any:
    from rosette.applications import services

    return services.application_start(learner=people["learner"], badge=factories.make_badge())


def _application_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    return {"public_id": _application(people).public_id}, "learner"


def _start_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    return {"slug": factories.make_badge().slug}, None


def _conflict_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
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
    return {"public_id": application.public_id, "snapshot_id": snapshot.public_id}, "learner"


def _wav() -> io.BytesIO:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(8000)
        sound.writeframes(b"\x00\x00" * 8000)
    buffer.seek(0)
    return buffer


def _media_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    from rosette.applications import services

    application = _application(people)
    answer = services.answer_media_attach(
        application=application, actor=people["learner"], question_id=None, upload=_wav()
    )
    return {"public_id": application.public_id, "answer_id": answer.pk}, "learner"


def _media_remove_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    return {"public_id": _application(people).public_id, "question": "whole"}, "learner"


def _attachment_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
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
    }, "learner"


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


def _assess_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    return {"public_id": _assessed(people).public_id}, None


def _assess_media_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    application = _assessed(people)
    answer = application.attempts.get().answers.get(question=None)
    return {"public_id": application.public_id, "answer_id": answer.pk}, None


def _assess_file_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    application = _assessed(people)
    attachment = application.attempts.get().attachments.get()
    return {"public_id": application.public_id, "attachment_id": attachment.public_id}, None


def _assessment_issuer_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    return {"slug": Issuer.objects.get(staff__user=people["issuer_admin"]).slug}, None


def _moderation_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
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
    return {"public_id": decision.moderation.public_id}, None


def _walk_award(people: dict[str, User]) -> Any:
    """The learner's award (with a recording as evidence) of a badge of the admin's issuer,
    its page open to anyone with the link, the learner on the manager's staff."""
    from rosette.applications import services
    from rosette.awards.models import Award
    from rosette.awards.services import award_create
    from rosette.teams import services as teams
    from rosette.teams.models import Membership

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
    organisation = Membership.objects.get(user=people["manager"], role="manager").organisation
    membership = teams.membership_invite(
        organisation=organisation, user=people["learner"], role="staff", actor=people["manager"]
    )
    teams.membership_accept(membership=membership, actor=people["learner"])
    return award_create(
        recipient=people["learner"], badge=badge, actor=None, application=application
    )


def _award_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    return {"code": _walk_award(people).code}, "learner"


def _award_evidence_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    award = _walk_award(people)
    item = award.evidence.filter(answer__media__gt="", withdrawn_at__isnull=True).first()
    if item is None:  # withdrawn by an earlier walk of the withdraw URL: evidence anew
        from rosette.awards.models import Evidence

        answer = award.application.attempts.get().answers.get(question=None)
        item = Evidence.objects.create(award=award, answer=answer)  # walker set-up only
    return {"code": award.code, "public_id": item.public_id}, "learner"


def _award_endorsement_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    from rosette.awards import services

    award = _walk_award(people)
    endorsement = award.endorsements.confirmed().first()
    if endorsement is None:
        endorsement = services.endorsement_create_by_manager(
            award=award, actor=people["manager"], message="Well done: this shows in your work."
        )
    return {"code": award.code, "public_id": endorsement.public_id}, "learner"


def _endorsement_token_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    from rosette.awards import services

    award = _walk_award(people)
    endorsement = services.endorsement_create(
        award=award, name="A colleague", email="colleague@example.org", relationship="colleague",
        message="A thoughtful piece of work that changed how we run calls.",
    )  # fmt: skip
    return {"token": services.confirmation_token(endorsement)}, None


def _award_issuer_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    award = _walk_award(people)
    return {"slug": award.badge.issuer.slug, "code": award.code}, None


def _award_rule_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    award = _walk_award(people)
    return {"slug": award.badge.issuer.slug, "badge": award.badge.slug}, None


def _review_media_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    from rosette.applications import services

    shared = _review_sample(people, accept=True)
    answer = services.answer_media_attach(
        application=shared.application, actor=people["learner"], question_id=None, upload=_wav()
    )
    return {"public_id": shared.public_id, "answer_id": answer.pk}, "manager"


def _review_file_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    from rosette.applications import services

    shared = _review_sample(people, accept=True)
    attachment = services.attachment_add(
        application=shared.application,
        actor=people["learner"],
        title="Handout",
        upload=io.BytesIO(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"),
    )
    return {"public_id": shared.public_id, "attachment_id": attachment.public_id}, "manager"


def _staff_invitation(people: dict[str, User]) -> Any:
    from rosette.accounts import services

    issuer = Issuer.objects.get(staff__user=people["issuer_admin"])
    return services.staff_invite(
        issuer=issuer,
        actor=people["issuer_admin"],
        email="walk-invitee@example.org",
        role="assessor",
    )


def _staff_invitation_token_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    return {"token": _staff_invitation(people).token}, None


def _staff_invitation_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    invitation = _staff_invitation(people)
    return {"slug": invitation.issuer.slug, "public_id": invitation.public_id}, None


def _staff_member_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    from rosette.catalogue.models import IssuerStaff

    staff = IssuerStaff.objects.get(user=people["assessor"])
    return {"slug": staff.issuer.slug, "pk": staff.pk}, None


def _claim_reassign_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    application = _assessed(people)
    return {"slug": application.badge.issuer.slug, "public_id": application.public_id}, None


def _report_csv_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    return {**_own_issuer_sample(people)[0], "key": "awards"}, None


SAMPLES: dict[str, Sample] = {
    "workspace_people:accept": _staff_invitation_token_sample,
    "workspace_people:people": _own_issuer_sample,
    "workspace_people:member": _staff_member_sample,
    "workspace_people:invitation_withdraw": _staff_invitation_sample,
    "workspace_people:claim_reassign": _claim_reassign_sample,
    "workspace_reports:reports": _own_issuer_sample,
    "workspace_reports:report_csv": _report_csv_sample,
    "workspace_audit:audit": _own_issuer_sample,
    "reviews:review_media": _review_media_sample,
    "reviews:review_file": _review_file_sample,
    "applications:start": _start_sample,
    "applications:detail": _application_sample,
    "applications:edit": _application_sample,
    "applications:autosave": _application_sample,
    "applications:conflict": _conflict_sample,
    "applications:check": _application_sample,
    "applications:submit": _application_sample,
    "applications:withdraw": _application_sample,
    "applications:attach_assessment": _application_sample,
    "applications:dismiss_finding": _application_sample,
    "applications:media": _media_sample,
    "applications:media_remove": _media_remove_sample,
    "applications:attachment_download": _attachment_sample,
    "applications:attachment_remove": _attachment_sample,
    "reviews:share": _review_application_sample,
    "reviews:revoke": _review_share_sample,
    "reviews:accept": _review_invitation_sample,
    "reviews:review": _review_reviewer_sample,
    "reviews:followup": _review_followup_sample,
    "credentials:did_document": _issuer_sample,
    "credentials:issuer_keys": _own_issuer_sample,
    "credentials:ob2_issuer": _issuer_sample,
    "credentials:ob2_revocations": _issuer_sample,
    "credentials:ob2_badge": _badge_sample,
    "credentials:ob2_assertion": _credential_sample,
    "credentials:ob2_baked_png": _credential_sample,
    "credentials:ob3_credential": _credential_sample,
    "credentials:ob3_baked_png": _credential_sample,
    "credentials:ob3_baked_svg": _credential_sample,
    "credentials:status_list": _status_list_sample,
    "catalogue:badge_detail": _badge_sample,
    "catalogue:badge_image": _badge_sample,
    "catalogue:issuer_detail": _issuer_sample,
    "catalogue:issuer_image": _issuer_sample,
    "catalogue:material_download": _material_sample,
    "toolkits:guide_detail": _guide_sample,
    "toolkits:assessment_start": _guide_sample,
    "toolkits:assessment_edit": _assessment_sample,
    "toolkits:assessment_setting": _assessment_sample,
    "toolkits:assessment_summary": _assessment_sample,
    "toolkits:assessment_pdf": _assessment_sample,
    "toolkits:assessment_share": _assessment_sample,
    "assessment:queue": _assessment_issuer_sample,
    "assessment:service_levels": _assessment_issuer_sample,
    "assessment:settings": _assessment_issuer_sample,
    "assessment:assess": _assess_sample,
    "assessment:media": _assess_media_sample,
    "assessment:attachment": _assess_file_sample,
    "assessment:moderation_detail": _moderation_sample,
    "awards:award_detail": _award_sample,
    "awards:endorse": _award_sample,
    "awards:certificate": _award_sample,
    "awards:settings": _award_sample,
    "awards:endorsements": _award_sample,
    "awards:evidence_file": _award_evidence_sample,
    "awards:evidence_withdraw": _award_evidence_sample,
    "awards:endorsement_decide": _award_endorsement_sample,
    "awards:endorsement_confirm": _endorsement_token_sample,
    "awards:team_endorse": _award_sample,
    "awards:issuer_awards": _own_issuer_sample,
    "awards:issuer_award_status": _award_issuer_sample,
    "awards:issuer_endorsement_rule": _award_rule_sample,
}


def _drained(response: Any) -> Any:
    """Read a file response to the end, which closes its file (the test client's wrapper
    does so without closing the test's database connection, unlike response.close())."""
    if response.streaming:
        b"".join(response.streaming_content)
    return response


@pytest.mark.django_db
def test_every_url_answers_each_persona_as_its_rule_says(
    client: Client,
    learner: User,
    outsider: User,
    manager: User,
    assessor: User,
    issuer_admin: User,
) -> None:
    people = {
        "learner": learner,
        "outsider": outsider,
        "manager": manager,
        "assessor": assessor,
        "issuer_admin": issuer_admin,
    }
    failures = []
    checked = 0
    for route, name, pattern in walk(get_resolver()):
        if is_third_party(route):
            continue
        rule = rule_of(pattern.callback)
        assert rule is not None
        if "<" in route and name not in SAMPLES:
            failures.append(f"{name}: add sample arguments to SAMPLES")
            continue
        kwargs, owner = SAMPLES[name](people) if name in SAMPLES else ({}, None)
        url = reverse(name, kwargs=kwargs)
        for persona in PERSONAS:
            client.logout()
            if persona != "anonymous":
                client.force_login(people[persona])
            response = _drained(client.get(url))
            if response.status_code == 405:  # a POST-only action: try it with an empty form
                response = _drained(client.post(url, {}))
            allowed = persona == owner if rule is Rule.OWNER else persona in ALLOWED[rule]
            status = response.status_code
            reached = status in (200, 400) or (
                status == 302 and "/accounts/login/" not in response["Location"]
            )
            if allowed and not reached:
                failures.append(f"{url} as {persona}: {rule} allows, got {status}")
            elif not allowed and persona == "anonymous":
                if status != 302 or "/accounts/login/" not in response["Location"]:
                    failures.append(f"{url} anonymous: should be sent to sign in, got {status}")
            elif not allowed and status not in (403, 404):
                failures.append(f"{url} as {persona}: {rule} forbids, got {status}")
            checked += 1
    assert failures == []
    assert checked > 0
