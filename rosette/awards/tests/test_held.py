"""Held means valid now (ADR 0008): a suspended or revoked award counts nowhere, and a pathway
badge follows the badges it was built from, as the status page says it will before the issuer
confirms."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from rosette.accounts.models import User
from rosette.applications import services as applications
from rosette.awards import selectors, services
from rosette.awards.models import Award, Evidence
from rosette.catalogue.models import Badge, Issuer
from rosette.catalogue.selectors import held_badge_ids
from tests import factories
from tests.signin import SignInClient

pytestmark = pytest.mark.django_db


def _change(award: Award, admin: User, action: str, reason: str = "Under review") -> None:
    services.award_status_change(award=award, actor=admin, action=action, reason=reason)


# --- prerequisites (rule 3) ----------------------------------------------------------------------


@pytest.fixture
def intro(issuer: Issuer) -> Badge:
    return factories.make_badge(issuer=issuer, name="Getting started", slug="getting-started")


@pytest.fixture
def video(issuer: Issuer, intro: Badge) -> Badge:
    return factories.make_badge(
        issuer=issuer,
        name="Video chats",
        slug="video-chats",
        questions=[("What did you learn?", 3)],
        prerequisites=[intro],
    )


def _submit(application: Any) -> list[str]:
    """Try to submit (evidence written, declaration made); the problems, if refused."""
    attempt = applications.current_attempt(application)
    applications.draft_save(
        application=application,
        actor=application.learner,
        based_on_revision=attempt.revision,
        draft=applications.DraftInput(
            texts={
                a.question_id: "I learned to check the settings." for a in attempt.answers.all()
            },
            links={},
            transcripts={},
            intended_actions="",
        ),
    )
    try:
        applications.application_submit(
            application=application, actor=application.learner, declaration=True, ai_used=False
        )
    except applications.SubmissionRefused as refused:
        return [p.message for p in refused.problems]
    return []


def test_a_suspended_prerequisite_counts_nowhere_until_it_is_restored(
    client: Client, learner: User, issuer_admin: User, intro: Badge, video: Badge
) -> None:
    held = factories.give_badge(learner, intro)
    client.force_login(learner)
    page = client.get(reverse("catalogue:badge_detail", kwargs={"slug": video.slug}))
    assert [p.held for p in page.context["page"].prerequisites] == [True]

    _change(held, issuer_admin, "suspend")
    assert held_badge_ids(learner) == set()
    page = client.get(reverse("catalogue:badge_detail", kwargs={"slug": video.slug}))
    html = page.content.decode()
    assert "You hold this" not in html and "Suspended: does not count" in html
    assert page.context["page"].missing_prerequisites == [intro]
    intro_page = client.get(reverse("catalogue:badge_detail", kwargs={"slug": intro.slug}))
    assert "You hold this badge." not in intro_page.content.decode()
    assert "Your award of this badge is suspended" in intro_page.content.decode()

    application = applications.application_start(learner=learner, badge=video)
    problems = _submit(application)
    assert any("“Getting started” badge is suspended" in p for p in problems), problems
    with pytest.raises(services.AwardError, match="Getting started"):
        services.award_create(recipient=learner, badge=video, actor=None)

    _change(held, issuer_admin, "restore", reason="")
    assert _submit(application) == []
    assert services.award_create(recipient=learner, badge=video, actor=None).is_active


def test_a_revoked_prerequisite_is_not_held_either(
    learner: User, issuer_admin: User, intro: Badge, video: Badge
) -> None:
    _change(factories.give_badge(learner, intro), issuer_admin, "revoke", reason="Copied")
    application = applications.application_start(learner=learner, badge=video)
    assert any("You need the “Getting started” badge" in p for p in _submit(application))
    with pytest.raises(services.AwardError):
        services.award_create(recipient=learner, badge=video, actor=None)


# --- pathway badges (C8) ------------------------------------------------------------------------


def _earn_all(learner: User, components: list[Badge]) -> list[Award]:
    return [factories.give_badge(learner, c) for c in components]


def test_a_pathway_badge_is_suspended_with_a_revoked_badge_and_restored_when_earned_again(
    client: Client, learner: User, issuer_admin: User, pathway: tuple[Badge, list[Badge]]
) -> None:
    oss, components = pathway
    earned = _earn_all(learner, components)
    meta = Award.objects.get(recipient=learner, badge=oss)
    assert meta.is_active

    _change(earned[2], issuer_admin, "revoke", reason="The evidence was copied.")
    meta.refresh_from_db()
    assert meta.status == Award.Status.SUSPENDED and meta.suspended_by_pathway
    assert "Component 3" in meta.status_reason
    assert oss.pk not in held_badge_ids(learner)
    [progress] = selectors.pathway_progress(user=learner)
    assert (progress.held_count, progress.required) == (7, 8)
    html = client.get(meta.get_absolute_url()).content.decode()
    assert "This badge is suspended" in html and "Revoked: no longer counts" in html
    assert "It is restored by itself as soon as its rule is met again" in html

    again = factories.give_badge(learner, components[2])  # earned again, a new award
    meta.refresh_from_db()
    assert meta.is_active and not meta.suspended_by_pathway
    assert Evidence.objects.filter(award=meta, contribution=again).exists()
    assert Award.objects.filter(recipient=learner, badge=oss).count() == 1


def test_a_pathway_badge_is_suspended_and_restored_with_a_contributing_badge(
    learner: User, issuer_admin: User, pathway: tuple[Badge, list[Badge]]
) -> None:
    oss, components = pathway
    earned = _earn_all(learner, components)
    meta = Award.objects.get(recipient=learner, badge=oss)
    _change(earned[0], issuer_admin, "suspend")
    meta.refresh_from_db()
    assert meta.status == Award.Status.SUSPENDED
    with pytest.raises(services.AwardError, match="rule is not met"):
        _change(meta, issuer_admin, "restore", reason="")
    _change(earned[0], issuer_admin, "restore", reason="")
    meta.refresh_from_db()
    assert meta.is_active

    # The issuer's own suspension of the pathway badge is never lifted by the rule.
    _change(meta, issuer_admin, "suspend", reason="Checking the whole pathway")
    _change(earned[1], issuer_admin, "suspend")
    _change(earned[1], issuer_admin, "restore", reason="")
    meta.refresh_from_db()
    assert meta.status == Award.Status.SUSPENDED and not meta.suspended_by_pathway


def test_an_n_of_pathway_stays_while_its_rule_is_still_met(
    learner: User, issuer_admin: User, issuer: Issuer
) -> None:
    components = [factories.make_badge(issuer=issuer) for _ in range(3)]
    meta_badge = factories.make_badge(issuer=issuer, components=components, components_required=2)
    earned = _earn_all(learner, components)
    meta = Award.objects.get(recipient=learner, badge=meta_badge)
    _change(earned[0], issuer_admin, "revoke", reason="Copied")
    meta.refresh_from_db()
    assert meta.is_active
    _change(earned[1], issuer_admin, "suspend")
    meta.refresh_from_db()
    assert meta.status == Award.Status.SUSPENDED


def test_a_pathway_of_pathways_follows_too(
    learner: User, issuer_admin: User, issuer: Issuer
) -> None:
    parts = [factories.make_badge(issuer=issuer) for _ in range(2)]
    inner = factories.make_badge(issuer=issuer, components=parts)
    outer = factories.make_badge(issuer=issuer, components=[inner])
    earned = _earn_all(learner, parts)
    _change(earned[0], issuer_admin, "suspend")
    statuses = dict(
        Award.objects.filter(recipient=learner, badge__in=[inner, outer]).values_list(
            "badge", "status"
        )
    )
    assert statuses == {inner.pk: "suspended", outer.pk: "suspended"}
    _change(earned[0], issuer_admin, "restore", reason="")
    assert set(
        Award.objects.filter(recipient=learner, badge__in=[inner, outer]).values_list(
            "status", flat=True
        )
    ) == {"active"}


def test_a_pathway_met_when_a_suspended_badge_is_restored_is_awarded_then(
    learner: User, issuer_admin: User, issuer: Issuer
) -> None:
    parts = [factories.make_badge(issuer=issuer) for _ in range(2)]
    meta = factories.make_badge(issuer=issuer, components=parts)
    first = factories.give_badge(learner, parts[0])
    _change(first, issuer_admin, "suspend")
    factories.give_badge(learner, parts[1])
    assert not Award.objects.filter(recipient=learner, badge=meta).exists()
    _change(first, issuer_admin, "restore", reason="")
    assert Award.objects.get(recipient=learner, badge=meta).is_active


NOTHING_ELSE = (
    "Nothing else changes: no pathway badge of this person is awarded, suspended or restored "
    "with it."
)


def test_the_status_page_says_what_else_will_change_before_the_issuer_confirms(
    client: SignInClient,
    learner: User,
    issuer_admin: User,
    issuer: Issuer,
    pathway: tuple[Badge, list[Badge]],
) -> None:
    oss, components = pathway
    earned = _earn_all(learner, components)
    url = reverse(
        "awards:issuer_award_status", kwargs={"slug": issuer.slug, "code": earned[2].code}
    )
    client.force_login(issuer_admin)
    client.reauthenticate(issuer_admin)
    html = client.get(url).content.decode()
    said = "The pathway badge “Online safety and security” will be suspended too"
    assert html.count(said) == 2  # if suspended, and if revoked
    assert "Not held then: Component 3" in html
    response = client.post(url, {"action": "revoke", "reason": "The evidence was copied."})
    assert response.status_code == 302
    assert Award.objects.get(recipient=learner, badge=oss).status == Award.Status.SUSPENDED

    other = reverse(
        "awards:issuer_award_status", kwargs={"slug": issuer.slug, "code": earned[0].code}
    )
    _change(earned[0], issuer_admin, "suspend")
    html = client.get(other).content.decode()
    assert "If you restore it" in html
    assert NOTHING_ELSE in html  # still 7 of 8

    lone = factories.give_badge(learner, factories.make_badge(issuer=issuer, name="Lone"))
    html = client.get(
        reverse("awards:issuer_award_status", kwargs={"slug": issuer.slug, "code": lone.code})
    ).content.decode()
    assert html.count(NOTHING_ELSE) == 2
