"""Reads of applications, shaped for pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from rosette.accounts.models import User
from rosette.applications.models import (
    Answer,
    Application,
    Attachment,
    Attempt,
    DraftSnapshot,
)
from rosette.catalogue.models import Badge, Question


def application_for_learner(*, user: User, public_id: Any) -> Application:
    """The learner's own application, or 404 (STYLE.md point 3)."""
    try:
        return (
            Application.objects.select_related("badge__issuer", "version", "learner")
            .prefetch_related(
                Prefetch("version__questions", queryset=Question.objects.order_by("position"))
            )
            .get(public_id=public_id, learner=user)
        )
    except (Application.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def attachment_for_learner(*, user: User, public_id: Any) -> Attachment:
    try:
        return Attachment.objects.select_related("attempt__application").get(
            public_id=public_id, attempt__application__learner=user
        )
    except (Attachment.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def open_application_for(*, user: User, badge: Badge) -> Application | None:
    """The signed-in person's open application for the badge (answers the catalogue's hook)."""
    return Application.objects.open().filter(learner=user, badge=badge).first()


def queue_position(application: Application) -> int | None:
    """Where a submitted application stands in its issuer's queue: 1 is next."""
    if application.status != Application.Status.SUBMITTED or application.submitted_at is None:
        return None
    ahead = (
        Application.objects.waiting()
        .filter(badge__issuer_id=application.badge.issuer_id)
        .filter(submitted_at__lt=application.submitted_at)
        .count()
    )
    return ahead + 1


@dataclass(frozen=True)
class HomeApplications:
    drafts: list[Application]
    submitted: list[Application]
    returned: list[Application]
    awarded: list[Application]
    declined: list[Application]
    withdrawn: list[Application]


def applications_for_home(*, user: User) -> HomeApplications:
    """The learner's applications by state, for their home page (one query)."""
    rows = list(
        Application.objects.filter(learner=user).select_related("badge").order_by("-updated_at")
    )
    by: dict[str, list[Application]] = {}
    for row in rows:
        by.setdefault(row.status, []).append(row)
    S = Application.Status
    return HomeApplications(
        drafts=by.get(S.DRAFT, []),
        submitted=by.get(S.SUBMITTED, []),
        returned=by.get(S.RETURNED, []),
        awarded=by.get(S.AWARDED, []),
        declined=by.get(S.DECLINED, []),
        withdrawn=by.get(S.WITHDRAWN, []),
    )


def attempts_with_evidence(application: Application) -> list[Attempt]:
    """Every attempt, newest first, with its answers and attachments."""
    return list(
        application.attempts.order_by("-number").prefetch_related(
            "answers__question", "attachments", "dismissals"
        )
    )


@dataclass(frozen=True)
class KeptText:
    """Text the learner sent after the application was submitted, by question."""

    label: str
    text: str


def kept_after_submission(
    application: Application,
) -> list[tuple[DraftSnapshot, list[KeptText]]]:
    """Saves that arrived after submission (a tab left open), newest first, each with the
    texts, links and transcripts that differ from what was submitted. Kept so that no word
    is lost."""
    snapshots = list(
        DraftSnapshot.objects.filter(
            attempt__application=application, reason=DraftSnapshot.Reason.AFTER_SUBMISSION
        ).prefetch_related("attempt__answers__question")
    )
    kept = []
    for snapshot in snapshots:
        texts = _kept_texts(snapshot)
        if texts:
            kept.append((snapshot, texts))
    return kept


def _place(answer: Answer) -> str:
    if answer.question is None:
        return str(_("Your whole statement"))
    return str(_("Question %(n)s") % {"n": answer.question.position})


def _kept_texts(snapshot: DraftSnapshot) -> list[KeptText]:
    """What of one kept save differs from what was submitted, each labelled by its place."""
    answers = {a.question_id: a for a in snapshot.attempt.answers.all()}
    draft = snapshot.data
    texts = []
    for field in ("texts", "links", "transcripts"):
        for key, text in (draft.get(field) or {}).items():
            answer = answers.get(None if key == "whole" else int(key))
            if answer is None or not text.strip() or text == _submitted(answer, field):
                continue
            place = _place(answer)
            if field == "links":
                place = _("Link for %(where)s") % {"where": place.lower()}
            elif field == "transcripts":
                place = _("Transcript for %(where)s") % {"where": place.lower()}
            texts.append(KeptText(str(place), text))
    actions = draft.get("intended_actions") or ""
    if actions.strip() and actions != snapshot.attempt.intended_actions:
        texts.append(KeptText(str(_("What you will do differently")), actions))
    return texts


def _submitted(answer: Answer, field: str) -> str:
    return {"texts": answer.text, "links": answer.link, "transcripts": answer.transcript}[field]


def decided_after_due(application: Application, projected: date | None) -> bool:
    """Whether the likely decision date falls after the date the decision is due."""
    if projected is None or application.due_at is None:
        return False
    return projected > timezone.localdate(application.due_at)
