"""Who at the issuer reads an application (issue 12, finding 4): only the assessor who holds
its claim; nobody reads a draft. Checked on every method and on the files."""

from __future__ import annotations

import io
import wave
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from rosette.accounts.models import User
from rosette.applications import services as applications
from rosette.applications.models import Application
from rosette.assessment import services
from rosette.catalogue.models import Badge, Issuer
from tests import factories

from .conftest import EVIDENCE, feedback_for, scores_for

pytestmark = pytest.mark.django_db

NAME = "Seonaid Private"
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def _wav() -> io.BytesIO:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(8000)
        sound.writeframes(b"\x00\x00" * 8000)
    buffer.seek(0)
    return buffer


def _with_files(application: Application) -> tuple[str, str]:
    """A recording and a file in the application's current attempt: their assessor URLs."""
    learner = application.learner
    answer = applications.answer_media_attach(
        application=application, actor=learner, question_id=None, upload=_wav(),
        transcript="What I said.",
    )  # fmt: skip
    attachment = applications.attachment_add(
        application=application, actor=learner, title="Handout", upload=io.BytesIO(PDF)
    )
    kwargs = {"public_id": application.public_id}
    return (
        reverse("assessment:media", kwargs={**kwargs, "answer_id": answer.pk}),
        reverse("assessment:attachment", kwargs={**kwargs, "attachment_id": attachment.public_id}),
    )


def _draft(badge: Badge) -> Application:
    learner = factories.make_user(name=NAME)
    application = applications.application_start(learner=learner, badge=badge)
    attempt = applications.current_attempt(application)
    applications.draft_save(
        application=application,
        actor=learner,
        based_on_revision=attempt.revision,
        draft=applications.DraftInput(
            texts={a.question_id: EVIDENCE for a in attempt.answers.all() if a.question_id},
            links={}, transcripts={}, intended_actions="",
        ),
    )  # fmt: skip
    return application


def _submitted(badge: Badge) -> tuple[Application, tuple[str, str]]:
    application = _draft(badge)
    files = _with_files(application)
    applications.application_submit(
        application=application, actor=application.learner, declaration=True, ai_used=False
    )
    return application, files


def _assess(application: Application) -> str:
    return reverse("assessment:assess", kwargs={"public_id": application.public_id})


def _check(application: Application) -> dict[str, str]:
    return {"action": "check", **{f"score-{q}": "1" for q in scores_for(application, 1)}}


def _shows_nothing(response: object) -> None:
    body = response.content.decode()  # type: ignore[attr-defined]
    assert NAME not in body and "waiting room" not in body


def test_an_assessor_cannot_read_ahead_in_the_queue_by_posting(
    client: Client, assessor: User, badge: Badge
) -> None:
    first, _ = _submitted(badge)
    waiting, (media, attachment) = _submitted(badge)
    services.claim_next(issuer=badge.issuer, assessor=assessor)  # takes the first
    client.force_login(assessor)
    assert client.get(_assess(waiting)).status_code == 403
    for data in (_check(waiting), {"action": "decide"}, {"action": "release"}, {}):
        response = client.post(_assess(waiting), data)
        assert response.status_code == 403, data
        _shows_nothing(response)
        assert "You do not hold this application" in response.content.decode()
    assert client.get(media).status_code == 403
    assert client.get(attachment).status_code == 403
    assert client.get(_assess(first)).status_code == 200  # the one they hold


def test_nobody_at_the_issuer_opens_a_draft_or_its_files(
    client: Client, assessor: User, issuer_admin: User, badge: Badge
) -> None:
    draft = _draft(badge)
    media, attachment = _with_files(draft)
    for person in (assessor, issuer_admin):
        client.force_login(person)
        assert client.get(_assess(draft)).status_code == 404
        for data in (_check(draft), {"action": "decide"}, {"action": "reassign"}):
            assert client.post(_assess(draft), data).status_code == 404, data
        assert client.get(media).status_code == 404
        assert client.get(attachment).status_code == 404


def test_a_returned_application_is_a_draft_again(
    client: Client, assessor: User, issuer_admin: User, badge: Badge, issuer: Issuer
) -> None:
    application, (media, _) = _submitted(badge)
    claimed = services.claim_next(issuer=issuer, assessor=assessor)
    assert claimed is not None
    services.decision_record(
        application=claimed, actor=assessor, outcome="return",
        scores=scores_for(claimed, 0), feedback=feedback_for(claimed),
    )  # fmt: skip
    for person in (assessor, issuer_admin):
        client.force_login(person)
        assert client.get(_assess(application)).status_code == 404
        assert client.post(_assess(application), _check(application)).status_code == 404
        assert client.get(media).status_code == 404


def test_an_admin_sees_who_holds_an_application_but_not_the_evidence(
    client: Client,
    assessor: User,
    issuer_admin: User,
    badge: Badge,
    issuer: Issuer,
    make_submitted: Callable[..., Application],
) -> None:
    application, (media, attachment) = _submitted(badge)
    services.claim_next(issuer=issuer, assessor=assessor)
    client.force_login(issuer_admin)
    page = client.get(_assess(application))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Reassign" in body and assessor.name in body and application.reference in body
    _shows_nothing(page)
    _shows_nothing(client.post(_assess(application), {"action": "reassign", "assessor": "x"}))
    response = client.post(_assess(application), _check(application))
    assert response.status_code == 403
    assert client.get(media).status_code == 403
    assert client.get(attachment).status_code == 403


def test_an_admin_cannot_open_an_application_nobody_holds(
    client: Client, issuer_admin: User, badge: Badge
) -> None:
    waiting, _ = _submitted(badge)
    client.force_login(issuer_admin)
    assert client.get(_assess(waiting)).status_code == 403
    response = client.post(_assess(waiting), _check(waiting))
    assert response.status_code == 403
    _shows_nothing(response)
