"""Manager review (C4): sharing a draft, the invitation, comments beside the questions,
follow-ups after the award, and who may see what."""

from __future__ import annotations

import re
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rosette.accounts.models import User
from rosette.applications import review, services
from rosette.applications.models import Application, FollowUp, Review
from rosette.applications.tests.conftest import fill
from rosette.awards.services import award_create
from rosette.catalogue.models import Badge
from rosette.core.models import AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db


def share(application: Application, email: str = "manager@example.org", **kwargs: Any) -> Any:
    return review.review_invite(
        application=application, actor=application.learner, email=email, **kwargs
    )


def accepted(application: Application, reviewer: User, **kwargs: Any) -> Review:
    invitation = share(application, email=reviewer.email, **kwargs)
    return review.review_accept(review=invitation, actor=reviewer)


def first_question(application: Application) -> Any:
    return application.version.questions.order_by("position").first()


def send_comments(client: Client, shared: Review, comment: str, verdict: str = "needs_work") -> Any:
    question = first_question(shared.application)
    return client.post(
        shared.get_absolute_url(),
        {
            f"comment-{question.id}": comment,
            "checklist": ["criteria", "identifying"],
            "overall_note": "A good start.",
            "verdict": verdict,
        },
    )


def write_actions(application: Application, actions: str) -> None:
    attempt = services.current_attempt(application)
    services.draft_save(
        application=application,
        actor=application.learner,
        based_on_revision=attempt.revision,
        draft=services.DraftInput(texts={}, links={}, transcripts={}, intended_actions=actions),
    )


# --- the invitation ---------------------------------------------------------------------


def test_the_invitation_link_survives_sign_in_and_opens_the_draft(
    client: Client, application: Application, manager: User, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        share(application)
    message = mail.outbox[-1]
    assert message.to == ["manager@example.org"]
    assert "Badges show learning, not competence" in message.body
    match = re.search(r"https?://[^/\s]+(/reviews/invitations/\S+)", str(message.body))
    assert match is not None
    path = match.group(1)

    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=" in response["Location"]

    client.force_login(manager)
    page = client.get(path)
    assert page.status_code == 200
    assert "Read the draft" in page.content.decode()
    response = client.post(path)
    shared = Review.objects.get()
    assert response["Location"] == shared.get_absolute_url()
    assert shared.reviewer == manager
    html = client.get(shared.get_absolute_url()).content.decode()
    assert "What did you learn?" in html
    assert "Badges show learning, not competence" in html
    assert "do the activities" in html  # the badge criteria


def test_someone_else_is_told_which_address_to_use_and_cannot_accept(
    client: Client, application: Application, outsider: User
) -> None:
    invitation = share(application, email="jo.manager@example.org")
    client.force_login(outsider)
    url = review.invitation_url(invitation.token)
    response = client.get(url)
    assert response.status_code == 403
    assert "This invitation was sent to j***@example.org" in response.content.decode()
    assert client.post(url).status_code == 403
    with pytest.raises(review.WrongAccount):
        review.review_accept(review=invitation, actor=outsider)
    assert Review.objects.get().reviewer is None


def test_an_unconfirmed_address_is_not_enough(application: Application) -> None:
    person = factories.make_user(email="other@example.org")
    EmailAddress.objects.create(user=person, email="jo.manager@example.org", verified=False)
    invitation = share(application, email="jo.manager@example.org")
    with pytest.raises(review.WrongAccount, match="Confirm that address first"):
        review.review_accept(review=invitation, actor=person)
    EmailAddress.objects.filter(email="jo.manager@example.org").update(verified=True)
    assert review.review_accept(review=invitation, actor=person).reviewer == person


def test_a_second_verified_address_of_the_reviewer_matches(application: Application) -> None:
    person = factories.make_user(email="callum@work.example")
    EmailAddress.objects.create(user=person, email="callum@home.example", verified=True)
    invitation = share(application, email="Callum@Home.example")
    assert review.review_accept(review=invitation, actor=person).reviewer == person


def test_once_accepted_the_link_is_no_use_to_anyone_else(
    client: Client, application: Application, manager: User, outsider: User
) -> None:
    invitation = share(application)
    review.review_accept(review=invitation, actor=manager)
    EmailAddress.objects.create(user=outsider, email="manager@example.org2", verified=True)
    client.force_login(outsider)
    assert client.get(review.invitation_url(invitation.token)).status_code == 404
    assert client.get(invitation.get_absolute_url()).status_code == 404


def test_the_learner_cannot_review_their_own_draft(
    client: Client, application: Application, learner: User
) -> None:
    with pytest.raises(review.ReviewError, match="not your own"):
        share(application, email=learner.email)
    invitation = share(application)
    client.force_login(learner)
    response = client.get(review.invitation_url(invitation.token))
    assert response.status_code == 403
    assert "This is your own draft" in response.content.decode()


def test_inviting_again_sends_a_new_link_and_the_old_one_stops_working(
    client: Client, application: Application, manager: User
) -> None:
    first = share(application)
    second = share(application)
    assert first.pk == second.pk
    client.force_login(manager)
    assert client.get(review.invitation_url(first.token)).status_code == 404
    assert client.get(review.invitation_url(second.token)).status_code == 200


def test_invitations_are_limited_per_learner_per_day(application: Application) -> None:
    for n in range(review.INVITES_PER_DAY):
        share(application, email=f"person{n}@example.org")
    with pytest.raises(review.ReviewError, match="You can send more tomorrow"):
        share(application, email="one-more@example.org")


def test_the_share_form_says_what_is_wrong_and_keeps_what_was_typed(
    client: Client, application: Application, learner: User
) -> None:
    client.force_login(learner)
    url = reverse("reviews:share", kwargs={"public_id": application.public_id})
    response = client.post(url, {"email": "not an address"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter an email address in the correct format" in page
    assert 'value="not an address"' in page
    response = client.post(url, {"email": "manager@example.org", "share_with_issuer": "on"})
    assert response.status_code == 302
    assert Review.objects.get().share_with_issuer


def test_only_the_learner_can_share_their_draft(
    client: Client, application: Application, outsider: User
) -> None:
    client.force_login(outsider)
    url = reverse("reviews:share", kwargs={"public_id": application.public_id})
    assert client.get(url).status_code == 404
    assert client.post(url, {"email": "x@example.org"}).status_code == 404
    with pytest.raises(PermissionError):
        review.review_invite(application=application, actor=outsider, email="x@example.org")


# --- revoking -------------------------------------------------------------------------------


def test_revoking_gives_the_reviewer_404_everywhere(
    client: Client, application: Application, learner: User, manager: User
) -> None:
    shared = accepted(application, manager)
    client.force_login(learner)
    revoke_url = reverse(
        "reviews:revoke", kwargs={"public_id": application.public_id, "review_id": shared.public_id}
    )
    assert client.get(revoke_url).status_code == 200
    assert client.post(revoke_url).status_code == 302
    client.force_login(manager)
    assert client.get(shared.get_absolute_url()).status_code == 404
    assert send_comments(client, shared, "Too late").status_code == 404
    assert review.reviews_for_learner(application=application) == []


def test_an_outsider_cannot_stop_someone_elses_share(
    client: Client, application: Application, manager: User, outsider: User
) -> None:
    shared = accepted(application, manager)
    client.force_login(outsider)
    url = reverse(
        "reviews:revoke", kwargs={"public_id": application.public_id, "review_id": shared.public_id}
    )
    assert client.post(url).status_code == 404
    assert Review.objects.active().count() == 1


# --- comments -------------------------------------------------------------------------------


def test_comments_appear_beside_the_question_for_the_learner(
    client: Client,
    application: Application,
    learner: User,
    manager: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    fill(application)
    shared = accepted(application, manager)
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = send_comments(client, shared, "Say which policy this relates to.")
    assert response.status_code == 302
    assert mail.outbox[-1].to == [learner.email]
    assert "needs work" in mail.outbox[-1].body

    question = first_question(application)
    [summary] = review.reviews_for_learner(application=application)
    assert summary.comments_by_question == {question.id: "Say which policy this relates to."}
    assert summary.verdict == Review.Verdict.NEEDS_WORK

    client.force_login(learner)
    page = client.get(reverse("applications:edit", kwargs={"public_id": application.public_id}))
    html = page.content.decode()
    assert "Comments from Callum Manager" in html
    comment = re.search(
        rf'<a href="#question-{question.id}">Question 1</a></h3>\s*'
        rf'<div class="rosette-review-comment" data-question="{question.id}">(.*?)</div>',
        html,
        re.S,
    )
    assert comment and "Say which policy this relates to." in comment.group(1)


def test_sending_again_replaces_the_comments(
    client: Client, application: Application, manager: User
) -> None:
    shared = accepted(application, manager)
    client.force_login(manager)
    send_comments(client, shared, "First thoughts")
    send_comments(client, shared, "", verdict="ready")
    [summary] = review.reviews_for_learner(application=application)
    assert summary.comments == []
    assert summary.ready


def test_the_review_needs_a_verdict_and_keeps_the_comments(
    client: Client, application: Application, manager: User
) -> None:
    shared = accepted(application, manager)
    client.force_login(manager)
    question = first_question(application)
    response = client.post(shared.get_absolute_url(), {f"comment-{question.id}": "Kept"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Say whether the draft is ready to submit or needs work." in html
    assert "Kept</textarea>" in html


def test_a_comment_that_could_identify_someone_is_shown_back_to_change_or_explain(
    client: Client, application: Application, manager: User
) -> None:
    shared = accepted(application, manager)
    client.force_login(manager)
    response = send_comments(client, shared, "As you did with Mrs Ogston last week, well done.")
    assert response.status_code == 200
    html = response.content.decode()
    assert "As you did with “Mrs Ogston” last week" in html.replace("&ldquo;", "“").replace(
        "&rdquo;", "”"
    )
    assert "This looks like a person&#x27;s name." in html
    assert "If none of this identifies anyone, say why" in html
    assert not shared.comments.exists()

    question = first_question(application)
    response = client.post(
        shared.get_absolute_url(),
        {
            f"comment-{question.id}": "As you did with Mrs Ogston last week, well done.",
            "overall_note": "A good start.",
            "verdict": "needs_work",
            "privacy_reason": "Mrs Ogston is the learner's supervisor, named in her draft too",
        },
    )
    assert response.status_code == 302
    [summary] = review.reviews_for_learner(application=application)
    assert summary.comments_by_question == {
        question.id: "As you did with Mrs Ogston last week, well done."
    }
    event = AuditEvent.objects.get(action="applications:review:submit")
    assert event.data["privacy_reason"].startswith("Mrs Ogston is the learner")
    assert event.data["privacy_findings"] == 1


def test_the_service_refuses_unexplained_findings_whatever_the_form(
    application: Application, manager: User
) -> None:
    shared = accepted(application, manager)
    question = first_question(application)
    with pytest.raises(review.ReviewError, match="could identify someone"):
        review.review_submit(
            review=shared,
            actor=manager,
            comments={question.id: "Fine"},
            checklist=[],
            overall_note="Ask Kezia Gilfillan to check it.",
            verdict="ready",
        )


def test_the_reviewer_sees_the_privacy_screen_findings(
    client: Client, application: Application, manager: User
) -> None:
    fill(application, text="I phoned Mrs Jean Robertson on 07700 900123 about her care plan.")
    shared = accepted(application, manager)
    client.force_login(manager)
    html = client.get(shared.get_absolute_url()).content.decode()
    assert "This could identify someone" in html
    assert '<mark class="rosette-finding">' in html


def test_no_comments_once_the_application_is_submitted(
    client: Client, application: Application, manager: User
) -> None:
    from rosette.applications.tests.conftest import ready

    shared = accepted(application, manager)
    ready(application)
    services.application_submit(
        application=application, actor=application.learner, declaration=True, ai_used=False
    )
    client.force_login(manager)
    page = client.get(shared.get_absolute_url()).content.decode()
    assert "has submitted this application" in page
    with pytest.raises(review.ReviewError):
        review.review_submit(
            review=shared,
            actor=manager,
            comments={},
            checklist=[],
            overall_note="",
            verdict="ready",
        )


def test_reviews_are_shared_with_the_issuer_only_when_the_learner_chose(
    application: Application, manager: User
) -> None:
    private = accepted(application, manager)
    other = factories.make_user(email="tutor@example.org")
    public = accepted(application, other, share_with_issuer=True)
    for shared, person in ((private, manager), (public, other)):
        review.review_submit(
            review=shared,
            actor=person,
            comments={},
            checklist=[],
            overall_note="Ok",
            verdict="ready",
        )
    shown = review.reviews_shared_with_issuer(application=application)
    assert [s.review.pk for s in shown] == [public.pk]


# --- follow-ups -----------------------------------------------------------------------------


def hold_prerequisites(application: Application) -> None:
    """The learner holds what the badge requires, as they must to be awarded it (rule 3)."""
    for prerequisite in application.badge.prerequisites.all():
        factories.give_badge(application.learner, prerequisite)


def test_intended_actions_become_follow_ups_after_the_award(
    client: Client,
    application: Application,
    badge: Badge,
    manager: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    shared = accepted(application, manager)
    write_actions(application, "Talk to the team about video call settings.")
    hold_prerequisites(application)
    with django_capture_on_commit_callbacks(execute=True):
        # Awarding the badge turns the intended actions into the reviewer's follow-up.
        award = award_create(
            recipient=application.learner, badge=badge, actor=None, application=application
        )
    [followup] = FollowUp.objects.filter(review=shared)
    assert followup.review == shared
    assert followup.actions == "Talk to the team about video call settings."
    assert mail.outbox[-1].to == [manager.email]
    assert review.followups_create_for_award(application=application, award=award) == []

    client.force_login(manager)
    home = client.get(reverse("home:home")).content.decode()
    assert "Follow-ups" in home
    assert "Talk to the team about video call settings." in home
    assert "Badges show learning, not competence, and never replace mandatory training." in home

    url = reverse("reviews:followup", kwargs={"public_id": followup.public_id})
    assert client.get(url).status_code == 200
    response = client.post(url, {"done": "on", "note": "Discussed in supervision."})
    assert response.status_code == 302
    followup.refresh_from_db()
    assert followup.done_at is not None
    assert followup.note == "Discussed in supervision."
    listing = client.get(reverse("reviews:list")).content.decode()
    assert "Discussed in supervision." in listing
    assert "deadline" not in listing.replace("given deadlines", "")


def test_no_follow_up_without_intended_actions_or_after_revoking(
    application: Application, badge: Badge, manager: User, outsider: User, client: Client
) -> None:
    shared = accepted(application, manager)
    hold_prerequisites(application)
    award = award_create(recipient=application.learner, badge=badge, actor=None)
    assert review.followups_create_for_award(application=application, award=award) == []
    write_actions(application, "Read the policy again.")
    [followup] = review.followups_create_for_award(application=application, award=award)
    client.force_login(outsider)
    url = reverse("reviews:followup", kwargs={"public_id": followup.public_id})
    assert client.get(url).status_code == 404
    review.review_revoke(review=shared, actor=application.learner)
    client.force_login(manager)
    assert client.get(url).status_code == 404
    assert review.lists_for_reviewer(user=manager).followups == []


def _shared_drafts(manager: User, count: int) -> None:
    for n in range(count):
        badge = factories.make_badge()
        learner = factories.make_user()
        application = services.application_start(learner=learner, badge=badge)
        shared = accepted(application, manager)
        write_actions(application, f"Action {n}")
        review.review_submit(
            review=shared,
            actor=manager,
            comments={},
            checklist=[],
            overall_note="",
            verdict="ready",
        )
        other = services.application_start(learner=learner, badge=factories.make_badge())
        accepted(other, manager)
        write_actions(other, f"Other action {n}")
        award = award_create(recipient=learner, badge=other.badge, actor=None)
        review.followups_create_for_award(application=other, award=award)


def test_the_reviewers_list_costs_the_same_queries_for_many_rows(
    client: Client, manager: User
) -> None:
    client.force_login(manager)
    url = reverse("reviews:list")
    _shared_drafts(manager, 1)
    client.get(url)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _shared_drafts(manager, 6)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.content.decode().count("Other action") == 7
    assert len(many) == len(few)
    home = reverse("home:home")
    with CaptureQueriesContext(connection) as home_queries:
        client.get(home)
    _shared_drafts(manager, 2)
    with CaptureQueriesContext(connection) as home_more:
        client.get(home)
    assert len(home_more) == len(home_queries)


def test_people_nobody_asked_see_nothing_of_reviews_at_home(client: Client, outsider: User) -> None:
    client.force_login(outsider)
    home = client.get(reverse("home:home")).content.decode()
    assert "Drafts shared with you" not in home
    assert FollowUp.objects.count() == 0


def test_the_invitation_link_survives_creating_an_account(
    client: Client, application: Application
) -> None:
    invitation = share(application, email="new.tutor@example.org")
    url = review.invitation_url(invitation.token)
    login = client.get(url)["Location"]
    page = client.get(login).content.decode()
    # "please sign up first" on the sign-in page carries the invitation along.
    assert 'href="/accounts/signup/?next=%2Freviews%2Finvitations%2F' in page


def test_the_comment_partial_shows_each_question_its_own_comment(
    application: Application, manager: User
) -> None:
    from django.template.loader import render_to_string

    shared = accepted(application, manager)
    questions = list(application.version.questions.order_by("position"))
    review.review_submit(
        review=shared,
        actor=manager,
        comments={questions[1].id: "Name the policy."},
        checklist=[],
        overall_note="",
        verdict="needs_work",
    )
    reviews = review.reviews_for_learner(application=application)
    first = render_to_string(
        "applications/review/_question_comments.html",
        {"reviews": reviews, "question": questions[0]},
    )
    second = render_to_string(
        "applications/review/_question_comments.html",
        {"reviews": reviews, "question": questions[1]},
    )
    assert "Name the policy." not in first
    assert "Callum Manager commented:" in second and "Name the policy." in second


def test_a_new_reviewer_signs_up_confirms_their_address_and_lands_on_the_invitation(
    client: Client, application: Application
) -> None:
    invitation = share(application, email="new.tutor@example.org")
    url = review.invitation_url(invitation.token)
    signup = f"{reverse('account_signup')}?next={url}"
    response = client.post(
        signup,
        {
            "name": "Nina Tutor",
            "email": "new.tutor@example.org",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
            "next": url,
        },
    )
    assert response.status_code == 302
    match = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", str(mail.outbox[-1].body))
    assert match is not None
    response = client.post(match.group(1))
    assert response["Location"] == url
    assert client.get(url).status_code == 200


def test_the_reviewer_can_play_recordings_and_open_files_of_the_draft(
    client: Client, application: Application, manager: User, outsider: User
) -> None:
    import io
    import wave

    from rosette.applications import services

    shared = accepted(application, manager)
    sound = io.BytesIO()
    with wave.open(sound, "wb") as recording:
        recording.setnchannels(1)
        recording.setsampwidth(2)
        recording.setframerate(8000)
        recording.writeframes(b"\x00\x00" * 8000)
    sound.seek(0)
    answer = services.answer_media_attach(
        application=application, actor=application.learner, question_id=None, upload=sound
    )
    pdf = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
    attachment = services.attachment_add(
        application=application, actor=application.learner, title="Handout", upload=io.BytesIO(pdf)
    )
    media_url = reverse(
        "reviews:review_media", kwargs={"public_id": shared.public_id, "answer_id": answer.pk}
    )
    file_url = reverse(
        "reviews:review_file",
        kwargs={"public_id": shared.public_id, "attachment_id": attachment.public_id},
    )
    client.force_login(manager)
    page = client.get(reverse("reviews:review", kwargs={"public_id": shared.public_id}))
    assert media_url in page.content.decode()
    assert file_url in page.content.decode()
    response = client.get(media_url)
    assert response["Content-Type"] == "audio/x-wav"
    assert b"".join(response.streaming_content).startswith(b"RIFF")  # type: ignore[attr-defined]
    response = client.get(file_url)
    assert b"".join(response.streaming_content) == pdf  # type: ignore[attr-defined]
    client.force_login(outsider)
    assert client.get(media_url).status_code == 404
    assert client.get(file_url).status_code == 404
