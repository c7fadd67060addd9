from __future__ import annotations

import io
import re
import wave
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rosette.accounts.models import User
from rosette.applications import services as applications
from rosette.applications.models import Application
from rosette.assessment import services
from rosette.assessment.models import Claim
from rosette.catalogue.models import Issuer
from tests import factories

from .conftest import EVIDENCE, scores_for

pytestmark = pytest.mark.django_db


def _queue(issuer: Issuer) -> str:
    return reverse("assessment:queue", kwargs={"slug": issuer.slug})


def _assess(application: Application) -> str:
    return reverse("assessment:assess", kwargs={"public_id": application.public_id})


def _decide(application: Application, **data: Any) -> dict[str, Any]:
    rubric = services.rubric_ensure(version=application.version)
    post: dict[str, Any] = {"action": "decide"}
    for qr in services.question_rubrics(rubric):
        post[f"score-{qr.question_id}"] = data.pop("score", 1)
    post.update(data)
    return post


def test_outsiders_and_learners_are_refused_the_queue(
    client: Client, outsider: User, learner: User, issuer: Issuer
) -> None:
    assert client.get(_queue(issuer)).status_code == 302
    for person in (outsider, learner):
        client.force_login(person)
        assert client.get(_queue(issuer)).status_code == 403


def test_an_assessor_of_another_issuer_gets_404(
    client: Client, issuer: Issuer, make_submitted: Callable[..., Application]
) -> None:
    application = make_submitted()
    other = factories.make_staff(factories.make_issuer())
    client.force_login(other)
    assert client.get(_queue(issuer)).status_code == 404
    assert client.get(_assess(application)).status_code == 404


def test_the_queue_shows_waiting_applications_without_links_to_pick_from(
    client: Client, assessor: User, issuer: Issuer, make_submitted: Callable[..., Application]
) -> None:
    older = make_submitted(days=20)
    newer = make_submitted(days=2)
    client.force_login(assessor)
    response = client.get(_queue(issuer))
    body = response.content.decode()
    assert response.status_code == 200
    assert body.index(older.reference) < body.index(newer.reference)
    assert _assess(older) not in body and _assess(newer) not in body
    assert "Assess next" in body


def test_days_left_of_28_is_28_on_the_day_of_submission(
    client: Client, assessor: User, issuer: Issuer, make_submitted: Callable[..., Application]
) -> None:
    make_submitted(days=30)
    make_submitted(days=28, minutes=-1)  # due in a minute: today
    make_submitted(days=1)
    make_submitted()
    client.force_login(assessor)
    body = client.get(_queue(issuer)).content.decode()
    cells = [
        re.sub(r"<[^>]+>|\s+", " ", cell).split()
        for cell in re.findall(r'(?s)<td data-heading="Days left of 28">(.*?)</td>', body)
    ]
    assert [" ".join(words) for words in cells] == [
        "Overdue 2 days late",
        "Due today",
        "27",
        "28",
    ]


def test_assess_next_claims_the_oldest_and_opens_it(
    client: Client, assessor: User, issuer: Issuer, make_submitted: Callable[..., Application]
) -> None:
    oldest = make_submitted(days=9)
    make_submitted(days=1)
    client.force_login(assessor)
    response = client.post(_queue(issuer))
    assert response.status_code == 302 and response["Location"] == _assess(oldest)
    page = client.get(_assess(oldest))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Record decision" in body and "Score for question 1" in body
    assert "Not met (0)" in body


def test_another_assessor_cannot_open_or_decide_a_claimed_application(
    client: Client,
    assessor: User,
    second_assessor: User,
    issuer_admin: User,
    issuer: Issuer,
    make_submitted: Callable[..., Application],
) -> None:
    application = make_submitted()
    services.claim_next(issuer=issuer, assessor=assessor)
    client.force_login(second_assessor)
    assert client.get(_assess(application)).status_code == 403
    assert (
        client.post(_assess(application), _decide(application, outcome="award")).status_code == 403
    )
    client.force_login(issuer_admin)
    page = client.get(_assess(application))
    assert page.status_code == 200
    assert "Record decision" not in page.content.decode()
    assert "Reassign" in page.content.decode()


def test_checking_the_score_says_whether_the_pass_mark_is_reached(
    client: Client, assessor: User, issuer: Issuer, make_submitted: Callable[..., Application]
) -> None:
    application = make_submitted()
    services.claim_next(issuer=issuer, assessor=assessor)
    client.force_login(assessor)
    passed = client.post(_assess(application), _decide(application, action="check", score=1))
    assert _pass_status(passed) == "Total 2 points: the pass mark is reached."
    assert "Choose a decision" not in passed.content.decode()  # not asked for one yet
    rubric = services.rubric_ensure(version=application.version)
    nothing = {f"score-{qr.question_id}": 0 for qr in services.question_rubrics(rubric)}
    failed = client.post(_assess(application), {"action": "check", **nothing})
    assert _pass_status(failed) == "Total 0 points: the pass mark is not reached."


def _pass_status(response: Any) -> str:
    """What the pass-mark line says as served (not its templates for the script)."""
    found = re.search(r'(?s)<div id="pass-status"[^>]*>(.*?)</div>', response.content.decode())
    assert found
    return " ".join(found.group(1).split())


def test_award_through_the_page(
    client: Client, assessor: User, issuer: Issuer, make_submitted: Callable[..., Application]
) -> None:
    application = make_submitted()
    services.claim_next(issuer=issuer, assessor=assessor)
    client.force_login(assessor)
    response = client.post(_assess(application), _decide(application, outcome="award"), follow=True)
    assert f"You awarded Video chats for {application.reference}" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Application.Status.AWARDED


def test_a_return_without_feedback_shows_the_errors_and_keeps_the_scores(
    client: Client, assessor: User, issuer: Issuer, make_submitted: Callable[..., Application]
) -> None:
    application = make_submitted()
    services.claim_next(issuer=issuer, assessor=assessor)
    client.force_login(assessor)
    response = client.post(_assess(application), _decide(application, outcome="return", score=0))
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "Write feedback on question 1" in body and "Write feedback on question 2" in body
    assert body.count("checked") >= 2  # both scores kept
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_the_loser_of_two_decisions_is_told_plainly(
    client: Client, assessor: User, issuer: Issuer, make_submitted: Callable[..., Application]
) -> None:
    application = make_submitted()
    services.claim_next(issuer=issuer, assessor=assessor)
    client.force_login(assessor)
    client.post(_assess(application), _decide(application, outcome="award"))
    again = client.post(
        _assess(application), _decide(application, outcome="decline", reason="not_own_work"),
        follow=True,
    )  # fmt: skip
    assert "already awarded, so your decision was not recorded" in again.content.decode()


def test_an_assessor_whose_claim_lapsed_and_was_taken_gets_their_words_back(
    client: Client,
    assessor: User,
    second_assessor: User,
    issuer: Issuer,
    make_submitted: Callable[..., Application],
) -> None:
    application = make_submitted()
    services.claim_next(issuer=issuer, assessor=assessor)
    Claim.objects.filter(application=application).update(expires_at=timezone.now())  # lapsed
    assert services.claim_next(issuer=issuer, assessor=second_assessor) == application
    client.force_login(assessor)
    rubric = services.rubric_ensure(version=application.version)
    first = services.question_rubrics(rubric)[0].question_id
    response = client.post(
        _assess(application),
        _decide(
            application,
            outcome="return",
            **{f"feedback-{first}": "Two careful paragraphs written over lunch."},
            note="Check the handout was attached.",
        ),
    )
    body = response.content.decode()
    assert response.status_code == 403
    assert "Another assessor holds this application, so your decision was not recorded" in body
    assert "Your feedback on question 1" in body
    assert "Two careful paragraphs written over lunch." in body
    assert "Check the handout was attached." in body
    assert EVIDENCE not in body  # their words, nothing of the application's
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_release_puts_it_back(
    client: Client, assessor: User, issuer: Issuer, make_submitted: Callable[..., Application]
) -> None:
    application = make_submitted()
    services.claim_next(issuer=issuer, assessor=assessor)
    client.force_login(assessor)
    response = client.post(_assess(application), {"action": "release"}, follow=True)
    assert "It keeps its place in the queue" in response.content.decode()
    assert not hasattr(Application.objects.get(pk=application.pk), "claim")


def test_admin_reassigns_from_the_page(
    client: Client,
    assessor: User,
    second_assessor: User,
    issuer_admin: User,
    issuer: Issuer,
    make_submitted: Callable[..., Application],
) -> None:
    application = make_submitted()
    services.claim_next(issuer=issuer, assessor=assessor)
    client.force_login(issuer_admin)
    response = client.post(
        _assess(application),
        {"action": "reassign", "assessor": str(second_assessor.public_id)},
        follow=True,
    )
    assert "is now with Ruth Second" in response.content.decode()


def test_the_learner_sees_feedback_on_a_return_and_none_on_a_decline(
    client: Client,
    assessor: User,
    issuer: Issuer,
    make_submitted: Callable[..., Application],
) -> None:
    returned = make_submitted(days=2)
    declined = make_submitted(days=1)
    services.claim_next(issuer=issuer, assessor=assessor)
    services.decision_record(
        application=returned,
        actor=assessor,
        outcome="return",
        scores=scores_for(returned, 0),
        feedback={
            str(q): "Give an example from your own practice." for q in scores_for(returned, 0)
        },
    )
    services.claim_next(issuer=issuer, assessor=assessor)
    services.decision_record(
        application=declined,
        actor=assessor,
        outcome="decline",
        scores={},
        feedback={"whole": "Never shown."},
        reason="not_own_work",
    )
    client.force_login(returned.learner)
    body = client.get(returned.get_absolute_url()).content.decode()
    assert "The assessor&#x27;s feedback" in body or "The assessor's feedback" in body
    assert "Give an example from your own practice." in body
    client.force_login(declined.learner)
    body = client.get(declined.get_absolute_url()).content.decode()
    assert "feedback" in body  # "we cannot give feedback" – and none given
    assert "Never shown." not in body and "not_own_work" not in body


def test_the_learner_sees_a_projected_decision_date(
    client: Client, assessor: User, issuer: Issuer, make_submitted: Callable[..., Application]
) -> None:
    first = make_submitted(days=3)
    waiting = make_submitted(days=1)
    services.claim_next(issuer=issuer, assessor=assessor)
    services.decision_record(
        application=first, actor=assessor, outcome="award", scores=scores_for(first, 1),
        feedback={},
    )  # fmt: skip
    client.force_login(waiting.learner)
    assert "Likely decision date" in client.get(waiting.get_absolute_url()).content.decode()


def _award_next(issuer: Issuer, assessor: User) -> None:
    """The assessor takes the oldest waiting application and awards it."""
    application = services.claim_next(issuer=issuer, assessor=assessor)
    assert application is not None
    services.decision_record(
        application=application, actor=assessor, outcome="award",
        scores=scores_for(application, 1), feedback={},
    )  # fmt: skip


def test_a_projection_past_the_due_date_is_told_plainly_to_learner_and_issuer(
    client: Client,
    assessor: User,
    issuer_admin: User,
    issuer: Issuer,
    make_submitted: Callable[..., Application],
) -> None:
    """One decision in four weeks: a decision takes 28 days a place, past the due date."""
    make_submitted(days=3)
    waiting = make_submitted(days=1)
    _award_next(issuer, assessor)
    client.force_login(waiting.learner)
    body = client.get(waiting.get_absolute_url()).content.decode()
    assert "later than it is due" in body
    assert "The issuer is assessing more slowly than it promised." in body
    client.force_login(issuer_admin)
    levels = client.get(reverse("assessment:service_levels", kwargs={"slug": issuer.slug}))
    assert "You are behind your promise" in levels.content.decode()


def test_a_projection_within_the_due_date_raises_no_alarm(
    client: Client,
    assessor: User,
    issuer_admin: User,
    issuer: Issuer,
    make_submitted: Callable[..., Application],
) -> None:
    for _ in range(10):
        make_submitted(days=5)
    waiting = make_submitted(days=1)
    for _ in range(10):
        _award_next(issuer, assessor)
    client.force_login(waiting.learner)
    body = client.get(waiting.get_absolute_url()).content.decode()
    assert "at the pace of recent decisions" in body
    assert "later than it is due" not in body
    client.force_login(issuer_admin)
    levels = client.get(reverse("assessment:service_levels", kwargs={"slug": issuer.slug}))
    assert "You are behind your promise" not in levels.content.decode()


def _wav() -> io.BytesIO:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\0\0" * 8000)
    buffer.seek(0)
    buffer.name = "recording.wav"
    return buffer


def test_the_holder_can_play_recordings_and_download_files(
    client: Client, assessor: User, issuer: Issuer, learner: User, badge: Any
) -> None:
    application = applications.application_start(learner=learner, badge=badge)
    answer = applications.answer_media_attach(
        application=application, actor=learner, question_id=None, upload=_wav(),
        transcript="What I said in the recording.",
    )  # fmt: skip
    attachment = applications.attachment_add(
        application=application,
        actor=learner,
        title="Handout",
        upload=io.BytesIO(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
    )
    from .conftest import submit

    submit(learner, badge)
    services.claim_next(issuer=issuer, assessor=assessor)
    client.force_login(assessor)
    media_url = reverse(
        "assessment:media", kwargs={"public_id": application.public_id, "answer_id": answer.pk}
    )
    file_url = reverse(
        "assessment:attachment",
        kwargs={"public_id": application.public_id, "attachment_id": attachment.public_id},
    )
    media = client.get(media_url)
    assert media.status_code == 200 and media["Content-Type"] == "audio/x-wav"
    assert media["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert media.getvalue().startswith(b"RIFF")
    download = client.get(file_url)
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    assert download.getvalue().startswith(b"%PDF")
    page = client.get(_assess(application)).content.decode()
    assert "What I said in the recording." in page and media_url in page
    other = factories.make_staff(factories.make_issuer())
    client.force_login(other)
    assert client.get(media_url).status_code == 404


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_queue_page_costs_the_same_at_3_and_30_applications(
    client: Client,
    assessor: User,
    second_assessor: User,
    issuer: Issuer,
    make_submitted: Callable[..., Application],
) -> None:
    for n in range(3):
        make_submitted(days=n)
    services.claim_next(issuer=issuer, assessor=second_assessor)
    client.force_login(assessor)
    few = _count(client, _queue(issuer))
    for n in range(27):
        make_submitted(days=n % 30)
    assert _count(client, _queue(issuer)) == few


def test_the_service_level_page_costs_the_same_at_3_and_30_applications(
    client: Client,
    assessor: User,
    issuer_admin: User,
    issuer: Issuer,
    make_submitted: Callable[..., Application],
) -> None:
    url = reverse("assessment:service_levels", kwargs={"slug": issuer.slug})
    services.assessment_settings_update(
        issuer=issuer, actor=issuer_admin, claim_minutes=240, moderation_percent=100,
        reminder_days_left=7,
    )  # fmt: skip

    def decide_one() -> None:
        application = services.claim_next(issuer=issuer, assessor=assessor)
        assert application is not None
        decision = services.decision_record(
            application=application, actor=assessor, outcome="award",
            scores=scores_for(application, 1), feedback={},
        )  # fmt: skip
        services.moderation_record(
            moderation=decision.moderation, actor=issuer_admin, outcome="disagree", note="No."
        )

    for n in range(3):
        make_submitted(days=n)
    decide_one()
    client.force_login(issuer_admin)
    few = _count(client, url)
    for n in range(27):
        make_submitted(days=n)
    for _ in range(5):
        decide_one()
    assert _count(client, url) == few
    body = client.get(url).content.decode()
    assert "Decisions per day" in body and "<svg" in body and "No." in body


def test_service_levels_are_for_admins_only(client: Client, assessor: User, issuer: Issuer) -> None:
    client.force_login(assessor)
    url = reverse("assessment:service_levels", kwargs={"slug": issuer.slug})
    assert client.get(url).status_code == 403


def test_admins_change_the_settings(client: Client, issuer_admin: User, issuer: Issuer) -> None:
    client.force_login(issuer_admin)
    url = reverse("assessment:settings", kwargs={"slug": issuer.slug})
    bad = client.post(
        url, {"claim_minutes": "1", "moderation_percent": "200", "reminder_days_left": ""}
    )
    assert bad.status_code == 200
    assert "A claim lasts at least 5 minutes." in bad.content.decode()
    good = client.post(
        url,
        {
            "claim_minutes": "60",
            "moderation_percent": "20",
            "moderated_by": "admins",
            "reminder_days_left": "5",
        },
    )
    assert good.status_code == 302
    assert services.settings_for(issuer).claim_minutes == 60
    assert services.settings_for(issuer).moderated_by == "admins"


def test_home_links_assessors_to_the_queue(client: Client, assessor: User, learner: User) -> None:
    client.force_login(assessor)
    response = client.get(reverse("home:home"))
    assert reverse("assessment:home") in response.content.decode()
    client.force_login(learner)
    assert reverse("assessment:home") not in client.get(reverse("home:home")).content.decode()


def test_moderation_pages(
    client: Client,
    assessor: User,
    second_assessor: User,
    issuer_admin: User,
    issuer: Issuer,
    make_submitted: Callable[..., Application],
) -> None:
    services.assessment_settings_update(
        issuer=issuer, actor=issuer_admin, claim_minutes=240, moderation_percent=100,
        reminder_days_left=7,
    )  # fmt: skip
    application = make_submitted()
    services.claim_next(issuer=issuer, assessor=assessor)
    decision = services.decision_record(
        application=application, actor=assessor, outcome="award",
        scores=scores_for(application, 1), feedback={},
    )  # fmt: skip
    url = reverse(
        "assessment:moderation_detail", kwargs={"public_id": decision.moderation.public_id}
    )
    client.force_login(assessor)
    assert client.get(url).status_code == 403
    client.force_login(second_assessor)
    listing = client.get(reverse("assessment:moderation_list")).content.decode()
    assert url in listing
    refused = client.post(url, {"outcome": "disagree", "note": ""})
    assert refused.status_code == 200 and "Say why you disagree." in refused.content.decode()
    done = client.post(url, {"outcome": "agree", "note": ""}, follow=True)
    assert "Your moderation is recorded." in done.content.decode()


def test_a_resubmission_shows_what_changed_and_the_earlier_feedback(
    client: Client,
    assessor: User,
    second_assessor: User,
    issuer: Issuer,
    make_submitted: Callable[..., Application],
) -> None:
    application = make_submitted()
    services.claim_next(issuer=issuer, assessor=assessor)
    services.decision_record(
        application=application, actor=assessor, outcome="return",
        scores=scores_for(application, 0),
        feedback={str(q): "Say what you will change." for q in scores_for(application, 0)},
    )  # fmt: skip
    attempt = applications.current_attempt(application)
    first_question = min(a.question_id for a in attempt.answers.all() if a.question_id)
    applications.draft_save(
        application=application,
        actor=application.learner,
        based_on_revision=attempt.revision,
        draft=applications.DraftInput(
            texts={first_question: "I will now lock every call with a waiting room."},
            links={}, transcripts={}, intended_actions="",
        ),
    )  # fmt: skip
    applications.application_submit(
        application=application, actor=application.learner, declaration=True, ai_used=False
    )
    assert services.claim_next(issuer=issuer, assessor=second_assessor) == application
    client.force_login(second_assessor)
    body = client.get(_assess(application)).content.decode()
    assert "What changed since attempt 1" in body
    assert "[added: </span>" in body and "waiting room" in body
    assert "Feedback given on attempt 1" in body and "Say what you will change." in body


def test_feedback_that_could_identify_someone_is_shown_back_to_change_or_explain(
    client: Client, assessor: User, issuer: Issuer, make_submitted: Callable[..., Application]
) -> None:
    application = make_submitted()
    services.claim_next(issuer=issuer, assessor=assessor)
    client.force_login(assessor)
    data = _decide(application, outcome="return", score=0)
    for key in [k for k in data if k.startswith("score-")]:
        data[key.replace("score-", "feedback-")] = "Say more about what you learned."
    first = next(k for k in data if k.startswith("feedback-"))
    data[first] = "Say more about how you supported Mr Farquharson with the call."
    response = client.post(_assess(application), data)
    body = response.content.decode().replace("&ldquo;", "“").replace("&rdquo;", "”")
    assert response.status_code == 200
    assert "supported “Mr Farquharson” with the call" in body
    assert "If none of this feedback identifies anyone, say why" in body
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED

    data["privacy_reason"] = "The learner named him in her own evidence and explained it"
    response = client.post(_assess(application), data)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status != Application.Status.SUBMITTED


def test_the_decision_service_refuses_unexplained_identifying_feedback(
    assessor: User, issuer: Issuer, make_submitted: Callable[..., Application]
) -> None:
    application = make_submitted()
    services.claim_next(issuer=issuer, assessor=assessor)
    questions = list(application.version.questions.values_list("id", flat=True))
    with pytest.raises(services.DecisionRefused) as refused:
        services.decision_record(
            application=application,
            actor=assessor,
            outcome="return",
            scores={q: 0 for q in questions},
            feedback={str(q): "Ask Kezia Gilfillan to check it." for q in questions},
        )
    assert [p.field for p in refused.value.problems] == ["privacy_reason"]
