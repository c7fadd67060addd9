"""Every change to an application: start, save drafts, evidence files, submit, withdraw.

Business rules of applications live here (and the transition table in workflow.py).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import IO, Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from rosette.accounts.models import User
from rosette.applications import screening, uploads, workflow
from rosette.applications.models import (
    Answer,
    Application,
    Attachment,
    Attempt,
    DraftSnapshot,
    PrivacyDismissal,
)
from rosette.applications.wordcount import count_words
from rosette.catalogue.models import Badge, BadgeVersion, Issuer, Question, declaration_points
from rosette.catalogue.selectors import (
    SUSPENDED,
    award_statuses,
    current_version,
    held_badge_ids,
)
from rosette.core.email import send_email_on_commit
from rosette.core.models import record_event
from rosette.toolkits.selectors import assessment_pdf, assessments_attachable

# The declaration of shared/seeds/000_…, shown at submission and stored with each attempt.
DECLARATION_VERSION = "2026-11"
MAX_ANSWER_CHARS = 50_000
# Files attached to one attempt: enough for a handout, a certificate and a few photos; in all
# no more than the issuer's largest single upload.
MAX_ATTACHMENTS = 10
IDENTIFIES_INDIVIDUALS = "identifies_individuals"


class ApplicationError(Exception):
    """A rule of applications was broken; the message is for the person who tried."""


class TextTooLong(ApplicationError):
    """A text is over MAX_ANSWER_CHARS. It is refused whole, never cut short."""


class DraftConflict(ApplicationError):
    """The draft changed since this save's revision: the text is kept in a snapshot."""

    def __init__(self, snapshot: DraftSnapshot) -> None:
        super().__init__(_("This draft was changed in another tab or window."))
        self.snapshot = snapshot


@dataclass(frozen=True)
class Problem:
    """Something that stops a submission: which field, and what to do about it."""

    field: str
    message: str


class DraftClosed(ApplicationError):
    """The application stopped being a draft (submitted, in another tab or at the same
    moment) before this save: its text is kept in a snapshot, shown on the application's
    page, and not added to the application."""

    def __init__(self, snapshot: DraftSnapshot, status: str) -> None:
        if status == Application.Status.SUBMITTED:
            message = _(
                "Your application was submitted before these changes were saved, so they were "
                "not added to it. Nothing is lost: your text is kept on the application’s page."
            )
        else:
            message = _(
                "Your application was %(status)s before these changes were saved, so they were "
                "not added to it. Nothing is lost: your text is kept on the application’s page."
            ) % {"status": Application.Status(status).label.lower()}
        super().__init__(message)
        self.snapshot = snapshot


class SubmissionRefused(ApplicationError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(_("The application cannot be submitted yet."))
        self.problems = problems


class DeclineNotConfirmed(ApplicationError):
    """Under the issuer's "decline automatically" rule, evidence that could identify someone
    is declined without feedback the moment it is submitted: never without the learner
    having been told exactly what was found, and having confirmed."""

    def __init__(self, checks: list[AnswerCheck]) -> None:
        super().__init__(
            _(
                "Submitting now means a decline with no feedback. Confirm it, or change your "
                "evidence."
            )
        )
        self.checks = [check for check in checks if check.findings]


def declaration_text(issuer: Issuer, version: BadgeVersion | None = None) -> str:
    """What the learner confirms (catalogue.models.declaration_points), one point a line."""
    return "\n".join(declaration_points(issuer, version))


def _require_learner(application: Application, actor: User) -> None:
    if actor is None or actor.pk != application.learner_id:
        raise PermissionError("Only the learner can change their application.")


def _require_editable(application: Application) -> None:
    if not application.is_editable:
        raise ApplicationError(
            _("This application is %(status)s and can no longer be changed.")
            % {"status": application.get_status_display().lower()}
        )


def current_attempt(application: Application) -> Attempt:
    attempt = application.attempts.order_by("-number").first()
    assert attempt is not None, "every application has an attempt"
    return attempt


@transaction.atomic
def application_start(*, learner: User, badge: Badge) -> Application:
    """Start (or return to) the learner's open application for a badge."""
    existing = Application.objects.open().filter(learner=learner, badge=badge).first()
    if existing is not None:
        return existing
    if badge.is_pathway:
        raise ApplicationError(_("This badge is awarded automatically: you do not apply for it."))
    _refuse_if_awarded(learner, badge)
    version = current_version(badge)
    if version is None or badge.status == Badge.Status.ARCHIVED:  # retired: no new ones
        raise ApplicationError(_("This badge is not open for applications."))
    try:
        with transaction.atomic():
            application = Application.objects.create(learner=learner, badge=badge, version=version)
    except IntegrityError:  # a second tab started one at the same moment
        return Application.objects.open().get(learner=learner, badge=badge)
    attempt = Attempt.objects.create(application=application, number=1)
    Answer.objects.bulk_create(
        [Answer(attempt=attempt, question=q) for q in version.questions.all()]
        + [Answer(attempt=attempt, question=None)]
    )
    record_event(
        action="applications:application:start",
        subject=application,
        actor=learner,
        data={"badge": badge.slug, "version": version.number},
    )
    return application


def _refuse_if_awarded(learner: User, badge: Badge) -> None:
    """An application for a badge the learner has (not revoked) could never be awarded:
    award_create makes one award of a badge per person. A held award (neither suspended nor
    revoked) is what "holds" means; a suspended one is restored by the issuer (or by the
    manager's endorsement), never by applying again."""
    award = badge.awards.current().filter(recipient=learner).first()
    if award is None:
        return
    if award.status == award.Status.SUSPENDED:
        raise ApplicationError(
            _(
                "Your award of this badge is suspended, so you cannot apply for it again. "
                "Its page says why and how it can be restored."
            )
        )
    raise ApplicationError(_("You already hold this badge, so there is nothing to apply for."))


@dataclass(frozen=True)
class DraftInput:
    """What the evidence form sends: texts, links and transcripts per question id (None is
    the whole statement), and the intended actions."""

    texts: Mapping[int | None, str]
    links: Mapping[int | None, str]
    transcripts: Mapping[int | None, str]
    intended_actions: str
    editor: str = ""  # the page (tab) that sent it

    def as_data(self) -> dict[str, Any]:
        def keyed(values: Mapping[int | None, str]) -> dict[str, str]:
            return {("whole" if k is None else str(k)): v for k, v in values.items()}

        return {
            "texts": keyed(self.texts),
            "links": keyed(self.links),
            "transcripts": keyed(self.transcripts),
            "intended_actions": self.intended_actions,
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> DraftInput:
        def unkeyed(values: Mapping[str, str]) -> dict[int | None, str]:
            return {(None if k == "whole" else int(k)): v for k, v in values.items()}

        return cls(
            texts=unkeyed(data.get("texts", {})),
            links=unkeyed(data.get("links", {})),
            transcripts=unkeyed(data.get("transcripts", {})),
            intended_actions=data.get("intended_actions", ""),
        )


def draft_save(
    *, application: Application, actor: User, based_on_revision: int, draft: DraftInput
) -> Attempt:
    """Save the evidence form. No save ever throws words away: one based on an older revision
    than the stored one would overwrite someone's newer words, and one that arrives after the
    application was submitted (a tab left open, or at the same moment) cannot change it. Both
    are refused (DraftConflict, DraftClosed) with their text kept in a committed snapshot."""
    outcome = _draft_save(
        application=application, actor=actor, based_on_revision=based_on_revision, draft=draft
    )
    if isinstance(outcome, DraftSnapshot):
        if outcome.reason == DraftSnapshot.Reason.CONFLICT:
            raise DraftConflict(outcome)
        raise DraftClosed(outcome, outcome.attempt.application.status)
    return outcome


@transaction.atomic
def _draft_save(
    *, application: Application, actor: User, based_on_revision: int, draft: DraftInput
) -> Attempt | DraftSnapshot:
    _require_learner(application, actor)
    application = Application.objects.select_for_update().get(pk=application.pk)
    attempt = current_attempt(application)
    if not application.is_editable:
        if not _differs(attempt, draft):
            _require_editable(application)  # nothing would be lost: say it is closed
        late = DraftSnapshot.Reason.AFTER_SUBMISSION
        return _keep(attempt, actor, based_on_revision, draft, late)
    same_page = bool(draft.editor) and draft.editor == attempt.last_editor
    if based_on_revision != attempt.revision and not same_page and _differs(attempt, draft):
        return _keep(attempt, actor, based_on_revision, draft, DraftSnapshot.Reason.CONFLICT)
    _apply(attempt, draft)
    return attempt


def _keep(
    attempt: Attempt, actor: User, based_on_revision: int, draft: DraftInput, reason: str
) -> DraftSnapshot:
    """Keep a save that could not be applied, for the learner to see (and merge)."""
    snapshot = DraftSnapshot.objects.create(
        attempt=attempt, based_on_revision=based_on_revision, reason=reason, data=draft.as_data()
    )
    record_event(
        action="applications:draft:"
        + ("conflict" if reason == DraftSnapshot.Reason.CONFLICT else "kept"),
        subject=attempt.application,
        actor=actor,
        data={"revision": attempt.revision, "based_on": based_on_revision, "reason": reason},
    )
    return snapshot


def _differs(attempt: Attempt, draft: DraftInput) -> bool:
    """Would this save change anything? (A stale save of the same words is harmless.)"""
    for answer in attempt.answers.all():
        key = answer.question_id
        if draft.texts.get(key, answer.text) != answer.text:
            return True
        if draft.links.get(key, answer.link) != answer.link:
            return True
        if draft.transcripts.get(key, answer.transcript) != answer.transcript:
            return True
    return draft.intended_actions != attempt.intended_actions


def _check_length(text: str, where: str) -> str:
    if len(text) > MAX_ANSWER_CHARS:
        raise TextTooLong(
            _(
                "%(where)s would be longer than 50,000 characters, so it was not saved. "
                "Shorten it and save again."
            )
            % {"where": where}
        )
    return text


def _where(answer: Answer) -> str:
    if answer.question is None:
        return str(_("Your whole statement"))
    return str(_("Question %(n)s") % {"n": answer.question.position})


def _apply(attempt: Attempt, draft: DraftInput) -> None:
    """Write the draft over the attempt. Every text is checked before anything is written: a
    text over the limit refuses the whole save (the caller keeps it), it is never cut."""
    answers = {a.question_id: a for a in attempt.answers.select_related("question")}
    changed = []
    for key, answer in answers.items():
        text = _check_length(draft.texts.get(key, answer.text), _where(answer))
        link = draft.links.get(key, answer.link)
        transcript = _check_length(
            draft.transcripts.get(key, answer.transcript),
            _("The transcript for %(where)s") % {"where": _where(answer).lower()},
        )
        if (text, link, transcript) != (answer.text, answer.link, answer.transcript):
            answer.text, answer.link, answer.transcript = text, link, transcript
            changed.append(answer)
    attempt.intended_actions = _check_length(
        draft.intended_actions, _("What you will do differently")
    )
    Answer.objects.bulk_update(changed, ["text", "link", "transcript", "updated_at"])
    attempt.revision += 1
    attempt.last_editor = draft.editor
    attempt.save(update_fields=["intended_actions", "revision", "last_editor", "updated_at"])


@transaction.atomic
def snapshot_resolve(
    *, snapshot: DraftSnapshot, actor: User, choices: Mapping[str, str]
) -> Attempt:
    """Settle a conflict: for each field keep the saved text, the snapshot's, or both."""
    attempt = snapshot.attempt
    application = attempt.application
    _require_learner(application, actor)
    Application.objects.select_for_update().get(pk=application.pk)
    _require_editable(application)
    mine = DraftInput.from_data(snapshot.data)
    answers = {a.question_id: a for a in attempt.answers.all()}

    def pick(field: str, saved: str, theirs: str) -> str:
        choice = choices.get(field, "saved")
        if choice == "mine":
            return theirs
        if choice == "both" and theirs.strip() and theirs.strip() != saved.strip():
            return f"{saved.rstrip()}\n\n{theirs.lstrip()}"
        return saved

    texts = {
        key: pick(f"text-{key or 'whole'}", answer.text, mine.texts.get(key, answer.text))
        for key, answer in answers.items()
    }
    merged = DraftInput(
        texts=texts,
        links=mine.links if choices.get("links") == "mine" else {},
        transcripts={},
        intended_actions=pick("intended_actions", attempt.intended_actions, mine.intended_actions),
    )
    _apply(attempt, merged)
    snapshot.resolved_at = timezone.now()
    snapshot.save(update_fields=["resolved_at"])
    record_event(action="applications:draft:merge", subject=application, actor=actor)
    return attempt


def _release(file: Any, model: type[Answer] | type[Attachment], field: str) -> None:
    """Delete a stored file unless an earlier attempt still refers to it."""
    if file and not model.objects.filter(**{field: file.name}).count() > 1:
        file.delete(save=False)


def _answer(attempt: Attempt, question_id: int | None) -> Answer:
    try:
        return attempt.answers.get(question_id=question_id)  # type: ignore[misc]  # None: whole
    except Answer.DoesNotExist as exc:
        raise ApplicationError(_("That question is not part of this badge.")) from exc


@transaction.atomic
def answer_media_attach(
    *,
    application: Application,
    actor: User,
    question_id: int | None,
    upload: IO[bytes],
    transcript: str = "",
) -> Answer:
    """Attach an audio or video recording to an answer (or to the whole statement)."""
    _require_learner(application, actor)
    application = (
        Application.objects.select_for_update()
        .select_related("badge__issuer")
        .get(pk=application.pk)
    )
    _require_editable(application)
    if not application.version.allow_media:
        raise ApplicationError(_("This badge does not accept audio or video evidence."))
    issuer = application.badge.issuer
    checked = uploads.check_media(
        upload,
        max_bytes=issuer.max_upload_mb * 1_000_000,
        max_seconds=issuer.max_media_minutes * 60,
    )
    answer = _answer(current_attempt(application), question_id)
    _release(answer.media, Answer, "media")
    answer.media_type = checked.content_type
    answer.media_seconds = checked.seconds
    answer.media.save("recording", upload, save=False)  # type: ignore[arg-type]  # any binary file
    if transcript:
        answer.transcript = _check_length(transcript, _("The transcript"))
    answer.save()
    record_event(
        action="applications:evidence:media",
        subject=application,
        actor=actor,
        data={"question": question_id, "type": checked.content_type, "seconds": checked.seconds},
    )
    return answer


@transaction.atomic
def answer_media_remove(*, application: Application, actor: User, question_id: int | None) -> None:
    _require_learner(application, actor)
    _require_editable(application)
    answer = _answer(current_attempt(application), question_id)
    _release(answer.media, Answer, "media")
    answer.media = None  # type: ignore[assignment]  # clears the file
    answer.media_type, answer.media_seconds = "", None
    answer.save()
    record_event(
        action="applications:evidence:media_remove",
        subject=application,
        actor=actor,
        data={"question": question_id},
    )


@transaction.atomic
def attachment_add(
    *, application: Application, actor: User, title: str, upload: IO[bytes]
) -> Attachment:
    """Attach a document, such as the completed handout."""
    _require_learner(application, actor)
    application = (
        Application.objects.select_for_update()
        .select_related("badge__issuer")
        .get(pk=application.pk)
    )
    _require_editable(application)
    if not application.version.allow_files:
        raise ApplicationError(_("This badge does not accept attached files."))
    attempt = current_attempt(application)
    checked = uploads.check_attachment(
        upload, max_bytes=application.badge.issuer.max_upload_mb * 1_000_000
    )
    _check_attachment_room(attempt, checked.size, application.badge.issuer.max_upload_mb)
    attachment = Attachment(
        attempt=attempt,
        title=uploads.clean_title(title) or _("Attachment"),
        content_type=checked.content_type,
        size=checked.size,
    )
    attachment.file.save("attachment", upload, save=False)  # type: ignore[arg-type]  # any binary file
    attachment.save()
    record_event(
        action="applications:evidence:attach",
        subject=application,
        actor=actor,
        data={"title": attachment.title, "type": checked.content_type},
    )
    return attachment


def _check_attachment_room(attempt: Attempt, size: int, limit_mb: int) -> None:
    """At most MAX_ATTACHMENTS files per attempt, and no more than ``limit_mb`` in all."""
    files = attempt.attachments.aggregate(count=Count("pk"), total=Sum("size"))
    if files["count"] >= MAX_ATTACHMENTS:
        raise ApplicationError(
            _("You can attach up to %(n)s files. Remove one before you attach another.")
            % {"n": MAX_ATTACHMENTS}
        )
    if (files["total"] or 0) + size > limit_mb * 1_000_000:
        raise ApplicationError(
            _(
                "Your files can add up to %(limit)s MB in all, and this one would take them "
                "over. Remove a file, or attach a smaller one."
            )
            % {"limit": limit_mb}
        )


def attachment_add_assessment(
    *, application: Application, actor: User, assessment_id: Any
) -> Attachment:
    """Attach a completed safeguarding risk assessment (the toolkit) as the completed
    handout: its action plan PDF, as it stands now."""
    attachable = {
        str(a.public_id): a for a in assessments_attachable(user=actor, badge=application.badge)
    }
    assessment = attachable.get(str(assessment_id))
    if assessment is None:
        raise ApplicationError(_("That risk assessment cannot be attached to this application."))
    title = _("Completed handout: %(guide)s for %(setting)s") % {
        "guide": assessment.guide_version.title,
        "setting": assessment.setting_name,
    }
    return attachment_add(
        application=application,
        actor=actor,
        title=title,
        upload=io.BytesIO(assessment_pdf(assessment=assessment)),
    )


@transaction.atomic
def attachment_remove(*, attachment: Attachment, actor: User) -> None:
    application = attachment.attempt.application
    _require_learner(application, actor)
    _require_editable(application)
    if attachment.attempt_id != current_attempt(application).pk:
        raise ApplicationError(_("Files of an earlier attempt cannot be removed."))
    _release(attachment.file, Attachment, "file")
    attachment.delete()
    record_event(
        action="applications:evidence:detach",
        subject=application,
        actor=actor,
        data={"title": attachment.title},
    )


@transaction.atomic
def privacy_finding_dismiss(
    *,
    application: Application,
    actor: User,
    question_id: int | None,
    key: str,
    label: str,
    text: str,
    reason: str,
) -> PrivacyDismissal:
    """The learner says a finding does not identify anyone, and why (the assessor sees it)."""
    _require_learner(application, actor)
    _require_editable(application)
    if not reason.strip():
        raise ApplicationError(_("Say why this does not identify anyone."))
    attempt = current_attempt(application)
    answer = _answer(attempt, question_id)  # a question of this badge, or refused
    dismissal, _created = PrivacyDismissal.objects.update_or_create(
        attempt=attempt,
        question_id=answer.question_id,
        key=key[:300],
        defaults={"label": label[:30], "text": text[:300], "reason": reason.strip()[:300]},
    )
    record_event(
        action="applications:privacy:dismiss",
        subject=application,
        actor=actor,
        data={"question": question_id, "label": label, "reason": dismissal.reason},
    )
    return dismissal


def dismissed_keys(attempt: Attempt) -> dict[int | None, frozenset[str]]:
    keys: dict[int | None, set[str]] = {}
    for question_id, key in attempt.dismissals.values_list("question_id", "key"):
        keys.setdefault(question_id, set()).add(key)
    return {k: frozenset(v) for k, v in keys.items()}


@dataclass(frozen=True)
class AnswerCheck:
    """How an answer stands against its question's requirements."""

    answer: Answer
    words: int
    minimum: int
    met: bool
    findings: list[Any]


def answer_checks(attempt: Attempt) -> list[AnswerCheck]:
    """Each answer (the whole statement last) with its word count and privacy findings."""
    dismissed = dismissed_keys(attempt)
    checks = []
    answers = list(attempt.answers.select_related("question").order_by("question__position"))
    whole = next(a for a in answers if a.question_id is None)
    whole_given = bool(whole.link or whole.media)
    for answer in answers:
        words = count_words(answer.text) + count_words(answer.transcript)
        minimum = answer.question.min_words if answer.question else 0
        alternative = bool(answer.link or answer.media)
        met = words >= minimum or alternative or (answer.question is not None and whole_given)
        keys = dismissed.get(answer.question_id, frozenset())
        findings = screening.screen_text(answer.text, dismissed_keys=keys) + screening.screen_text(
            answer.transcript, dismissed_keys=keys
        )
        checks.append(AnswerCheck(answer, words, minimum, met, findings))
    checks.sort(key=lambda c: (c.answer.question is None, c.answer.question_id or 0))
    return checks


def missing_prerequisites(application: Application) -> list[Badge]:
    """The badges the learner must hold before this application can be submitted: those they
    do not hold now (never awarded, suspended or revoked: ADR 0008)."""
    held = held_badge_ids(application.learner)
    return [b for b in application.badge.prerequisites.order_by("name") if b.id not in held]


def _prerequisite_message(badge: Badge, status: str | None) -> str:
    if status == SUSPENDED:
        return _(
            "Your “%(name)s” badge is suspended, so it does not count until the issuer restores "
            "it. You need it before you can apply for this one."
        ) % {"name": badge.name}
    return _("You need the “%(name)s” badge before you can apply for this one.") % {
        "name": badge.name
    }


def submission_problems(
    *, application: Application, checks: list[AnswerCheck] | None = None
) -> list[Problem]:
    """Everything that stops this application being submitted, each naming its field: the
    prerequisites, the evidence against the badge's requirements, and the privacy screen.
    ``checks`` are the current attempt's answer checks, when the caller has them already."""
    if checks is None:
        checks = answer_checks(current_attempt(application))
    return (
        _prerequisite_problems(application)
        + _evidence_problems(application.version, checks)
        + _privacy_problems(application.badge.issuer, checks)
    )


def _prerequisite_problems(application: Application) -> list[Problem]:
    """A badge the learner must hold now, neither suspended nor revoked (DESIGN rule 3)."""
    missing = missing_prerequisites(application)
    statuses = award_statuses(application.learner) if missing else {}
    return [
        Problem("prerequisites", _prerequisite_message(badge, statuses.get(badge.id)))
        for badge in missing
    ]


def _evidence_problems(version: BadgeVersion, checks: list[AnswerCheck]) -> list[Problem]:
    """Each question answered to its minimum (or by a link or a recording), every recording
    transcribed, and enough words in all (DESIGN rules 1 and 2)."""
    problems = []
    for check in checks:
        answer = check.answer
        key = answer.question_id or "whole"
        if answer.media and not answer.transcript.strip():
            problems.append(
                Problem(
                    f"transcript-{key}",
                    _(
                        "Add a transcript of your recording, so people who cannot hear it can "
                        "read it."
                    ),
                )
            )
        if answer.question is not None and not check.met:
            problems.append(Problem(f"text-{key}", _unmet_message(check, answer.question)))
    total_words = sum(check.words for check in checks)
    any_alternative = any(check.answer.link or check.answer.media for check in checks)
    if (
        version.overall_min_words
        and not any_alternative
        and total_words < version.overall_min_words
    ):
        # Words in all are written in the questions' boxes: the first one is where to start.
        first_text = next(
            (f"text-{c.answer.question_id}" for c in checks if c.answer.question_id), "link-whole"
        )
        problems.append(
            Problem(
                first_text,
                _("Your statement needs at least %(min)s words in all; it has %(words)s.")
                % {"min": version.overall_min_words, "words": total_words},
            )
        )
    return problems


def _unmet_message(check: AnswerCheck, question: Question) -> str:
    if check.words == 0:
        return str(_("Answer question %(n)s.") % {"n": question.position})
    return str(
        _("Question %(n)s needs %(min)s words; it has %(words)s.")
        % {"n": question.position, "min": check.minimum, "words": check.words}
    )


def _privacy_problems(issuer: Issuer, checks: list[AnswerCheck]) -> list[Problem]:
    """What the privacy screen stops (DESIGN rule 5). Text it could not check always stops
    the submission, whatever the policy: it is neither cleared nor declined as identifying.
    Under the block policy, so does each finding the learner has not explained."""
    problems = []
    for check in checks:
        # the whole statement's words are its recording's transcript
        field = (
            f"text-{check.answer.question_id}" if check.answer.question_id else "transcript-whole"
        )
        where = _where(check.answer)
        for finding in check.findings:
            if finding.label == screening.UNCHECKED:
                problems.append(
                    Problem(
                        field,
                        _(
                            "%(where)s is too long to check for anything that could identify "
                            "a person. Shorten it."
                        )
                        % {"where": where},
                    )
                )
            elif issuer.privacy_policy == Issuer.PrivacyPolicy.BLOCK:
                problems.append(
                    Problem(
                        field,
                        _(
                            "%(where)s: “%(text)s” – %(reason)s Change it, or say why it does "
                            "not identify anyone."
                        )
                        % {"where": where, "text": finding.text, "reason": finding.reason},
                    )
                )
    return problems


def _declaration_problems(*, declaration: bool, ai_used: bool | None, ai_use: str) -> list[Problem]:
    """The declaration confirmed (DESIGN rule 4) and the use of AI tools stated (rule 14)."""
    problems = []
    if not declaration:
        problems.append(Problem("declaration", _("Confirm the declaration to submit.")))
    if ai_used is None:
        problems.append(
            Problem("ai_used", _("Say whether you used AI tools to write your evidence."))
        )
    elif ai_used and not ai_use.strip():
        problems.append(Problem("ai_use", _("Say how you used AI tools.")))
    return problems


@transaction.atomic
def application_submit(
    *,
    application: Application,
    actor: User,
    declaration: bool,
    ai_used: bool | None,
    ai_use: str = "",
    accept_decline: bool = False,
) -> Application:
    """Submit the current attempt: it joins the back of the queue with a date a decision is
    due. Submitting twice (a double click) submits once. Evidence that could identify someone,
    under the issuer's "decline automatically" rule, is submitted (and so declined) only with
    ``accept_decline``: the learner saw what was found and confirmed."""
    _require_learner(application, actor)
    locked = (
        Application.objects.select_for_update()
        .select_related("badge__issuer")
        .get(pk=application.pk)
    )
    if locked.status == Application.Status.SUBMITTED:
        return locked  # the first click already did it
    checks = answer_checks(current_attempt(locked))
    problems = submission_problems(application=locked, checks=checks) + _declaration_problems(
        declaration=declaration, ai_used=ai_used, ai_use=ai_use
    )
    if problems:
        raise SubmissionRefused(problems)
    issuer = locked.badge.issuer
    identifying = any(check.findings for check in checks)
    if identifying and issuer.privacy_policy == Issuer.PrivacyPolicy.DECLINE and not accept_decline:
        raise DeclineNotConfirmed(checks)
    now = timezone.now()
    due = now + timedelta(days=issuer.assessment_days)
    locked = workflow.transition(locked, action="submit", actor=actor, submitted_at=now, due_at=due)
    attempt = current_attempt(locked)
    attempt.submitted_at, attempt.due_at = now, due
    attempt.declaration_version = DECLARATION_VERSION
    attempt.declaration_text = declaration_text(issuer, locked.version)
    attempt.ai_used, attempt.ai_use = ai_used, ai_use.strip() if ai_used else ""
    attempt.save()
    findings = [f for c in checks for f in c.findings]
    if findings and issuer.privacy_policy == Issuer.PrivacyPolicy.DECLINE:
        return _decline_identifying(locked, findings)
    send_email_on_commit(
        to=[locked.learner.email],
        subject=_("We have your application for %(badge)s") % {"badge": locked.badge.name},
        template="email/application_submitted.txt",
        context={"application": locked, "attempt": attempt},
    )
    return locked


def _decline_identifying(application: Application, findings: list[Any]) -> Application:
    declined = workflow.transition(
        application,
        action="decline",
        actor=None,
        note="identifies individuals",
        decline_reason=IDENTIFIES_INDIVIDUALS,
        decided_at=timezone.now(),
    )
    send_email_on_commit(
        to=[declined.learner.email],
        subject=_("Your application for %(badge)s was declined") % {"badge": declined.badge.name},
        template="email/application_declined_privacy.txt",
        context={"application": declined, "count": len(findings)},
    )
    return declined


@transaction.atomic
def application_withdraw(*, application: Application, actor: User) -> Application:
    """The learner withdraws before a decision. If an assessor decides at the same moment,
    whichever commits first wins and the other is told."""
    _require_learner(application, actor)
    return workflow.transition(application, action="withdraw", actor=actor)


@transaction.atomic
def attempt_open_next(*, application: Application) -> Attempt:
    """After a return: a new attempt, starting from the previous evidence (files included)."""
    previous = current_attempt(application)
    attempt = Attempt.objects.create(
        application=application,
        number=previous.number + 1,
        intended_actions=previous.intended_actions,
    )
    Answer.objects.bulk_create(
        Answer(
            attempt=attempt,
            question_id=a.question_id,
            text=a.text,
            link=a.link,
            media=a.media.name,
            media_type=a.media_type,
            media_seconds=a.media_seconds,
            transcript=a.transcript,
        )
        for a in previous.answers.all()
    )
    Attachment.objects.bulk_create(
        Attachment(
            attempt=attempt,
            title=f.title,
            file=f.file.name,
            content_type=f.content_type,
            size=f.size,
        )
        for f in previous.attachments.all()
    )
    return attempt
