from __future__ import annotations

import functools
import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models.fields.files import FieldFile
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rosette.accounts.http import AuthenticatedHttpRequest
from rosette.accounts.services import user_language_note
from rosette.applications import hooks, selectors, services, stash, uploads
from rosette.applications.forms import (
    AttachmentForm,
    DeclarationForm,
    DismissFindingForm,
    EvidenceForm,
)
from rosette.applications.models import Application, DraftSnapshot
from rosette.applications.review import reviews_for_learner
from rosette.applications.workflow import TransitionError
from rosette.catalogue.selectors import badge_for_public
from rosette.core.access import Rule, access
from rosette.core.forms import ErrorSummaryItem
from rosette.toolkits.selectors import assessments_attachable


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def keep_text_when_signed_out(view: Any) -> Any:
    """A save sent after the session ended is kept in the (new) session and restored once the
    learner signs in again, so the words typed are never lost (DESIGN rule 17; what is kept,
    and for how long: rosette/applications/stash.py)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *, public_id: Any) -> HttpResponse:
        if request.method == "POST" and not request.user.is_authenticated:
            kept = stash.keep(request, public_id=public_id)
            edit = reverse("applications:edit", kwargs={"public_id": public_id})
            if _is_htmx(request):
                return render(
                    request,
                    "applications/_save_status.html",
                    {"signed_out": True, "kept": kept, "next": edit},
                )
            return redirect_to_login(edit)
        return view(request, public_id=public_id)

    return wrapped


@require_POST
@access(Rule.SIGNED_IN)
def start(request: AuthenticatedHttpRequest, *, slug: str) -> HttpResponse:
    badge = badge_for_public(slug=slug)
    try:
        application = services.application_start(
            learner=request.user,  # type: ignore[arg-type]  # @access: signed in
            badge=badge,
        )
    except services.ApplicationError as exc:
        messages.error(request, str(exc))
        return redirect(badge)
    return redirect("applications:edit", public_id=application.public_id)


def _edit_context(
    request: AuthenticatedHttpRequest,
    application: Application,
    form: EvidenceForm,
    attachment_form: AttachmentForm | None = None,
) -> dict[str, Any]:
    attempt = services.current_attempt(application)
    checks = {c.answer.question_id: c for c in services.answer_checks(attempt)}
    questions = list(application.version.questions.all())
    items = []
    for question in [*questions, None]:
        key = "whole" if question is None else str(question.id)
        items.append(
            {
                "question": question,
                "key": key,
                "text_name": f"text-{key}",
                "link_name": f"link-{key}",
                "media_name": f"media-{key}",
                "transcript_name": f"transcript-{key}",
                "check": checks[question.id if question else None],
            }
        )
    return {
        "application": application,
        "attempt": attempt,
        "form": form,
        "attachment_form": attachment_form or AttachmentForm(),
        "items": items,
        "findings_total": sum(len(c.findings) for c in checks.values()),
        "missing_prerequisites": services.missing_prerequisites(application),
        "attachments": list(attempt.attachments.all()),
        "reviews": reviews_for_learner(application=application),
        "attachable": _attachable(request, application),
        "keep": stash.token_for(application),
    }


def _attachable(request: AuthenticatedHttpRequest, application: Application) -> list[Any]:
    """Completed toolkit risk assessments the learner could attach as the handout."""
    return [
        {"assessment": a}
        for a in assessments_attachable(user=request.user, badge=application.badge)
    ]


def _question_id(key: str) -> int | None:
    """The question a form or address names: ``whole`` (the whole statement) or its number.
    Anything else no page of ours sends: not found, rather than Python's words for it."""
    if key == "whole":
        return None
    if not key.isascii() or not key.isdigit() or len(key) > 18:  # 18 digits: any database id
        raise Http404
    return int(key)


def _conflict_url(application: Application, conflict: services.DraftConflict) -> str:
    return reverse(
        "applications:conflict",
        kwargs={"public_id": application.public_id, "snapshot_id": conflict.snapshot.public_id},
    )


def _save_draft(
    request: AuthenticatedHttpRequest, application: Application, form: EvidenceForm
) -> HttpResponse | None:
    """Save the form's text; on a conflict, the page where the learner merges the two; when
    the application was submitted first (in another tab, or at this very moment), its page,
    where the text is kept, with a message saying so."""
    try:
        services.draft_save(
            application=application,
            actor=request.user,
            based_on_revision=form.cleaned_data["revision"],
            draft=form.draft(),
        )
    except services.DraftConflict as conflict:
        return redirect(_conflict_url(application, conflict))
    except services.DraftClosed as closed:
        messages.warning(request, str(closed))
        return redirect(application)
    except services.ApplicationError as exc:
        messages.error(request, str(exc))
        return redirect(application)
    return None


def _save_late(request: AuthenticatedHttpRequest, application: Application) -> HttpResponse:
    """A save from a page opened before the application was submitted: kept, not lost. What
    the form cannot read (a mistyped link) is named; the rest is kept all the same."""
    attempt = services.current_attempt(application)
    form = EvidenceForm(request.POST, version=application.version, attempt=attempt)
    for name in list(form.fields):
        if name.startswith("media-"):
            del form.fields[name]  # files are never kept for a closed application
    if not form.is_valid():
        if "revision" not in form.cleaned_data:  # not a save from our page
            return redirect(application)
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else str(error))
    # Never saved (the application is closed): kept, and the learner told where.
    return _save_draft(request, application, form) or redirect(application)


def _restore_stash(
    request: AuthenticatedHttpRequest, application: Application
) -> HttpResponse | None:
    query = stash.take(request, application)
    if query is None:
        return None
    attempt = services.current_attempt(application)
    form = EvidenceForm(query, version=application.version, attempt=attempt)
    if not form.is_valid():
        return None
    conflict = _save_draft(request, application, form)
    if conflict is not None:
        return conflict
    messages.success(request, _("We saved the text you typed before you were signed out."))
    return redirect("applications:edit", public_id=application.public_id)


@keep_text_when_signed_out
@access(Rule.OWNER)
def edit(request: AuthenticatedHttpRequest, *, public_id: Any) -> HttpResponse:
    application = selectors.application_for_learner(user=request.user, public_id=public_id)
    if not application.is_editable:
        if request.method == "POST":
            return _save_late(request, application)
        return redirect(application)
    restored = _restore_stash(request, application)
    if restored is not None:
        return restored
    attempt = services.current_attempt(application)
    if request.method != "POST":
        form = EvidenceForm(
            initial=EvidenceForm.initial_for(attempt), version=application.version, attempt=attempt
        )
        return render(request, "applications/edit.html", _edit_context(request, application, form))

    form = EvidenceForm(request.POST, request.FILES, version=application.version, attempt=attempt)
    attachment_form = None
    if form.is_valid():
        conflict = _save_draft(request, application, form)
        if conflict is not None:
            return conflict
        for question_id, upload in form.media_uploads().items():
            key = "whole" if question_id is None else str(question_id)
            try:
                services.answer_media_attach(
                    application=application,
                    actor=request.user,
                    question_id=question_id,
                    upload=upload,
                )
            except (uploads.UploadRejected, services.ApplicationError) as exc:
                # The error summary lists every field's errors: say which answer it is.
                form.add_error(f"media-{key}", f"{form.place(question_id)}: {exc}")
        if request.FILES.get("attachment") or request.POST.get("attachment_title"):
            attachment_form = AttachmentForm(request.POST, request.FILES)
            if attachment_form.is_valid():
                try:
                    services.attachment_add(
                        application=application,
                        actor=request.user,
                        title=attachment_form.cleaned_data["attachment_title"],
                        upload=attachment_form.cleaned_data["attachment"],
                    )
                except (uploads.UploadRejected, services.ApplicationError) as exc:
                    attachment_form.add_error("attachment", str(exc))
                else:
                    attachment_form = None
        if not form.errors and attachment_form is None:
            if request.POST.get("action") == "check":
                return redirect("applications:check", public_id=application.public_id)
            messages.success(request, _("Your draft is saved."))
            return redirect("applications:edit", public_id=application.public_id)
        # The text is saved; show the file problems with the saved revision.
        attempt.refresh_from_db()
        data = request.POST.copy()
        data["revision"] = str(attempt.revision)
        errors = form.errors.copy()
        form = EvidenceForm(data, version=application.version, attempt=attempt)
        form.is_valid()
        for field, field_errors in errors.items():
            for error in field_errors:
                form.add_error(field, error)
    context = _edit_context(request, application, form, attachment_form)
    return render(request, "applications/edit.html", context)


@require_POST
@keep_text_when_signed_out
@access(Rule.OWNER)
def autosave(request: AuthenticatedHttpRequest, *, public_id: Any) -> HttpResponse:
    """Saves the draft as the learner types (htmx). Answers with a status line."""
    application = selectors.application_for_learner(user=request.user, public_id=public_id)
    attempt = services.current_attempt(application)
    form = EvidenceForm(request.POST, version=application.version, attempt=attempt)
    # Files are never sent by autosave; their fields are simply absent.
    for name in list(form.fields):
        if name.startswith("media-"):
            del form.fields[name]
    if not form.is_valid():
        return render(
            request, "applications/_save_status.html", {"errors": form.errors}, status=200
        )
    try:
        attempt = services.draft_save(
            application=application,
            actor=request.user,
            based_on_revision=form.cleaned_data["revision"],
            draft=form.draft(),
        )
    except services.DraftConflict as conflict:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = _conflict_url(application, conflict)
        return response
    except services.DraftClosed as closed:
        return render(
            request,
            "applications/_save_status.html",
            {"closed_kept": str(closed), "application": application},
        )
    except services.ApplicationError as exc:
        return render(request, "applications/_save_status.html", {"error": str(exc)})
    checks = services.answer_checks(attempt)
    return render(
        request,
        "applications/_save_status.html",
        {"attempt": attempt, "saved_at": timezone.now(), "checks": checks},
    )


@access(Rule.OWNER)
def conflict(
    request: AuthenticatedHttpRequest, *, public_id: Any, snapshot_id: Any
) -> HttpResponse:
    application = selectors.application_for_learner(user=request.user, public_id=public_id)
    snapshot = get_object_or_404(
        DraftSnapshot, public_id=snapshot_id, attempt__application=application
    )
    if snapshot.resolved_at is not None:
        return redirect("applications:edit", public_id=application.public_id)
    attempt = services.current_attempt(application)
    if request.method == "POST":
        try:
            services.snapshot_resolve(snapshot=snapshot, actor=request.user, choices=request.POST)
        except services.TextTooLong as exc:  # nothing was saved: choose again
            messages.error(request, str(exc))
            return redirect(request.path)
        except services.ApplicationError as exc:
            messages.error(request, str(exc))
            return redirect(application)
        messages.success(request, _("Your draft is saved with the text you chose."))
        return redirect("applications:edit", public_id=application.public_id)
    mine = services.DraftInput.from_data(snapshot.data)
    rows = []
    for answer in attempt.answers.select_related("question").order_by("question__position"):
        if answer.question_id is None:
            continue
        theirs = mine.texts.get(answer.question_id, answer.text)
        if theirs != answer.text:
            rows.append(
                {
                    "field": f"text-{answer.question_id}",
                    "question": answer.question,
                    "saved": answer.text,
                    "mine": theirs,
                }
            )
    if mine.intended_actions != attempt.intended_actions:
        rows.append(
            {
                "field": "intended_actions",
                "question": None,
                "saved": attempt.intended_actions,
                "mine": mine.intended_actions,
            }
        )
    return render(
        request,
        "applications/conflict.html",
        {"application": application, "snapshot": snapshot, "rows": rows, "attempt": attempt},
    )


@access(Rule.OWNER)
def check(request: AuthenticatedHttpRequest, *, public_id: Any) -> HttpResponse:
    """Check your answers, then the declaration and the AI-use statement."""
    application = selectors.application_for_learner(user=request.user, public_id=public_id)
    if not application.is_editable:
        return redirect(application)
    return _check_page(request, application, DeclarationForm())


def _check_page(
    request: HttpRequest, application: Application, form: DeclarationForm
) -> HttpResponse:
    attempt = services.current_attempt(application)
    checks = services.answer_checks(attempt)
    problems = services.submission_problems(application=application, checks=checks)
    edit_url = reverse("applications:edit", kwargs={"public_id": application.public_id})
    return render(
        request,
        "applications/check.html",
        {
            "application": application,
            "attempt": attempt,
            "checks": checks,
            "findings_left": any(c.findings for c in checks),
            "problems": [
                ErrorSummaryItem(
                    "prerequisites", problem.message, application.badge.get_absolute_url()
                )
                if problem.field == "prerequisites"
                else ErrorSummaryItem(f"id_{problem.field}", problem.message, edit_url)
                for problem in problems
            ],
            "declaration_points": services.declaration_text(
                application.badge.issuer, application.version
            ).split("\n"),
            "form": form,
            "attachments": list(attempt.attachments.all()),
        },
    )


@require_POST
@access(Rule.OWNER)
def submit(request: AuthenticatedHttpRequest, *, public_id: Any) -> HttpResponse:
    application = selectors.application_for_learner(user=request.user, public_id=public_id)
    if application.status == Application.Status.SUBMITTED:
        return redirect(application)  # a second click of the same button
    form = DeclarationForm(request.POST)
    if not form.is_valid():
        return _check_page(request, application, form)
    try:
        application = services.application_submit(
            application=application,
            actor=request.user,
            declaration=form.cleaned_data["declaration"],
            ai_used=form.cleaned_data["ai_used"],
            ai_use=form.cleaned_data.get("ai_use", ""),
            accept_decline=form.cleaned_data["accept_decline"],
        )
    except services.SubmissionRefused:
        return _check_page(request, application, form)
    except services.DeclineNotConfirmed as stop:
        if "confirming" in request.POST:  # the box was left unticked on the page below
            form.refuse_unconfirmed_decline()
        return render(
            request,
            "applications/decline_warning.html",
            {"application": application, "checks": stop.checks, "form": form},
        )
    except (services.ApplicationError, TransitionError) as exc:
        messages.error(request, str(exc))
        return redirect(application)
    # The decision will be emailed from the assessor's request: in the learner's language.
    user_language_note(user=request.user, language=translation.get_language())
    return redirect(application)


@access(Rule.OWNER)
def detail(request: AuthenticatedHttpRequest, *, public_id: Any) -> HttpResponse:
    application = selectors.application_for_learner(user=request.user, public_id=public_id)
    projected = hooks.projected_decision_date.call(application=application)
    return render(
        request,
        "applications/detail.html",
        {
            "application": application,
            "attempts": selectors.attempts_with_evidence(application),
            "kept": selectors.kept_after_submission(application),
            "queue_position": selectors.queue_position(application),
            "projected": projected,
            "projected_late": selectors.decided_after_due(application, projected),
        },
    )


@access(Rule.OWNER)
def withdraw(request: AuthenticatedHttpRequest, *, public_id: Any) -> HttpResponse:
    application = selectors.application_for_learner(user=request.user, public_id=public_id)
    if request.method == "POST":
        try:
            services.application_withdraw(application=application, actor=request.user)
        except (TransitionError, PermissionError) as exc:
            messages.error(request, str(exc))
            return redirect(application)
        messages.success(request, _("Your application is withdrawn."))
        return redirect("home:home")
    return render(request, "applications/withdraw.html", {"application": application})


@require_POST
@access(Rule.OWNER)
def dismiss_finding(request: AuthenticatedHttpRequest, *, public_id: Any) -> HttpResponse:
    application = selectors.application_for_learner(user=request.user, public_id=public_id)
    form = DismissFindingForm(request.POST)
    if form.is_valid():
        question = form.cleaned_data["question"]
        try:
            services.privacy_finding_dismiss(
                application=application,
                actor=request.user,
                question_id=_question_id(question),
                key=form.cleaned_data["key"],
                label=form.cleaned_data["label"],
                text=form.cleaned_data["text"],
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("Noted: the assessor will see your reason."))
        except services.ApplicationError as exc:
            messages.error(request, str(exc))
    else:
        # Shown at the field it is about, on the page it was typed on, as any form error is.
        slot = f"dismiss-{request.POST.get('question', '')}-{request.POST.get('slot', '')}"
        if re.fullmatch(r"dismiss-(whole|[0-9]+)-[0-9]+", slot):
            form = DismissFindingForm(request.POST, auto_id=slot + "-%s")
            attempt = services.current_attempt(application)
            evidence = EvidenceForm(
                initial=EvidenceForm.initial_for(attempt),
                version=application.version,
                attempt=attempt,
            )
            context = _edit_context(request, application, evidence)
            context.update(dismiss_form=form, dismiss_slot=slot)
            return render(request, "applications/edit.html", context)
        messages.error(request, _("Say why this does not identify anyone."))
    return redirect(reverse("applications:edit", kwargs={"public_id": public_id}) + "#privacy")


@require_POST
@access(Rule.OWNER)
def attach_assessment(request: AuthenticatedHttpRequest, *, public_id: Any) -> HttpResponse:
    application = selectors.application_for_learner(user=request.user, public_id=public_id)
    try:
        attachment = services.attachment_add_assessment(
            application=application,
            actor=request.user,
            assessment_id=request.POST.get("assessment", ""),
        )
        messages.success(request, _("Attached: %(title)s.") % {"title": attachment.title})
    except (services.ApplicationError, uploads.UploadRejected) as exc:
        messages.error(request, str(exc))
    return redirect(
        reverse("applications:edit", kwargs={"public_id": public_id}) + "#files-heading"
    )


@require_POST
@access(Rule.OWNER)
def attachment_remove(
    request: AuthenticatedHttpRequest, *, public_id: Any, attachment_id: Any
) -> HttpResponse:
    attachment = selectors.attachment_for_learner(user=request.user, public_id=attachment_id)
    if str(attachment.attempt.application.public_id) != str(public_id):
        raise Http404
    try:
        services.attachment_remove(attachment=attachment, actor=request.user)
        messages.success(request, _("The file is removed."))
    except services.ApplicationError as exc:
        messages.error(request, str(exc))
    return redirect("applications:edit", public_id=public_id)


@require_POST
@access(Rule.OWNER)
def media_remove(
    request: AuthenticatedHttpRequest, *, public_id: Any, question: str
) -> HttpResponse:
    application = selectors.application_for_learner(user=request.user, public_id=public_id)
    question_id = _question_id(question)
    try:
        services.answer_media_remove(
            application=application, actor=request.user, question_id=question_id
        )
        messages.success(request, _("The recording is removed."))
    except services.ApplicationError as exc:
        messages.error(request, str(exc))
    return redirect("applications:edit", public_id=public_id)


@access(Rule.OWNER)
def attachment_download(
    request: AuthenticatedHttpRequest, *, public_id: Any, attachment_id: Any
) -> HttpResponseBase:
    attachment = selectors.attachment_for_learner(user=request.user, public_id=attachment_id)
    if str(attachment.attempt.application.public_id) != str(public_id):
        raise Http404
    return _download(attachment.file, attachment.content_type, attachment.title)


@access(Rule.OWNER)
def media(request: AuthenticatedHttpRequest, *, public_id: Any, answer_id: int) -> HttpResponseBase:
    application = selectors.application_for_learner(user=request.user, public_id=public_id)
    answer = get_object_or_404(
        services.Answer, pk=answer_id, attempt__application=application, media__gt=""
    )
    return _download(answer.media, answer.media_type, None)


def _download(file: FieldFile, content_type: str, title: str | None) -> HttpResponseBase:
    return uploads.serve_evidence(file, content_type, title)
