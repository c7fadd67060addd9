"""Pages of manager review: the learner shares and stops sharing; the reviewer accepts the
invitation, reads the draft against the checklist, comments, and follows up."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from rosette.accounts.http import AuthenticatedHttpRequest
from rosette.applications import discussion as discussions
from rosette.applications import review, selectors, services, uploads
from rosette.applications.models import Answer, Application, Attachment, FollowUp, Review
from rosette.applications.review_forms import (
    DiscussionForm,
    FollowUpForm,
    InviteForm,
    ReviewForm,
    comment_field_name,
)
from rosette.applications.services import current_attempt
from rosette.core.access import Rule, access


def _rule_12() -> dict[str, Any]:
    return {"not_competence": review.NOT_COMPETENCE, "never_compulsory": review.NEVER_COMPULSORY}


# --- the learner ----------------------------------------------------------------------------


# Forms with errors come back with 200, the Django way: the page is a good answer to show.


def _share_page(request: HttpRequest, application: Application, form: InviteForm) -> HttpResponse:
    return render(
        request,
        "applications/review/share.html",
        {
            "application": application,
            "form": form,
            "shares": review.shares_of(application=application),
        },
    )


@access(Rule.OWNER)
def share(request: AuthenticatedHttpRequest, *, public_id: Any) -> HttpResponse:
    """Ask a manager or tutor to check the draft; see who it is shared with."""
    application = selectors.application_for_learner(user=request.user, public_id=public_id)
    if request.method != "POST":
        return _share_page(request, application, InviteForm())
    form = InviteForm(request.POST)
    if not form.is_valid():
        return _share_page(request, application, form)
    try:
        review.review_invite(
            application=application,
            actor=request.user,
            email=form.cleaned_data["email"],
            share_with_issuer=form.cleaned_data["share_with_issuer"],
        )
    except review.ReviewError as exc:
        form.add_error("email", str(exc))
        return _share_page(request, application, form)
    messages.success(
        request,
        _("We have sent an invitation to %(email)s.") % {"email": form.cleaned_data["email"]},
    )
    return redirect("reviews:share", public_id=application.public_id)


@access(Rule.OWNER)
def revoke(request: AuthenticatedHttpRequest, *, public_id: Any, review_id: Any) -> HttpResponse:
    """Stop sharing the draft with one person (a confirmation page, then POST)."""
    application = selectors.application_for_learner(user=request.user, public_id=public_id)
    shared = review.review_for_learner(application=application, public_id=review_id)
    if request.method == "POST":
        review.review_revoke(review=shared, actor=request.user)
        messages.success(
            request,
            _("%(email)s can no longer see your draft.") % {"email": shared.invited_email},
        )
        return redirect("reviews:share", public_id=application.public_id)
    return render(
        request, "applications/review/revoke.html", {"application": application, "share": shared}
    )


@access(Rule.OWNER)
def ask_again(request: AuthenticatedHttpRequest, *, public_id: Any, review_id: Any) -> HttpResponse:
    """After the reviewer's comments, ask them to look again (POST; GET goes to the list)."""
    application = selectors.application_for_learner(user=request.user, public_id=public_id)
    shared = review.review_for_learner(application=application, public_id=review_id)
    if request.method == "POST":
        try:
            review.review_ask_again(review=shared, actor=request.user)
        except review.ReviewError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("We have asked %(name)s to look again.")
                % {"name": shared.reviewer.name if shared.reviewer else shared.invited_email},
            )
    return redirect("reviews:share", public_id=application.public_id)


@access(Rule.OWNER)
def share_feedback(request: AuthenticatedHttpRequest, *, public_id: Any) -> HttpResponse:
    """Show the assessor's feedback to your managers, or stop (POST; GET goes back)."""
    application = selectors.application_for_learner(user=request.user, public_id=public_id)
    if request.method == "POST":
        share = request.POST.get("share") == "yes"
        try:
            review.feedback_share(application=application, actor=request.user, share=share)
        except review.ReviewError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Your managers can now read the feedback.")
                if share
                else _("Your managers can no longer read the feedback."),
            )
    return redirect(application)


# --- the reviewer ---------------------------------------------------------------------------


@access(Rule.OWNER)
def accept(request: AuthenticatedHttpRequest, *, token: str) -> HttpResponse:
    """The invitation link. Signed out, the access rule sends the person to sign in (or sign
    up) with this page as ``next``; signed in with the invited address, they open the draft."""
    invitation = review.invitation_for_token(token=token)
    if invitation.reviewer_id == request.user.pk:
        return redirect(invitation)
    problem = review.acceptance_problem(review=invitation, user=request.user)
    if request.method == "POST" and problem is None:
        try:
            accepted = review.review_accept(review=invitation, actor=request.user)
        except review.WrongAccount as exc:
            problem = str(exc)
        else:
            return redirect(accepted)
    context = {"invitation": invitation, "application": invitation.application, "problem": problem}
    return render(
        request,
        "applications/review/accept.html",
        {**context, **_rule_12()},
        status=403 if problem else 200,
    )


def _review_page(request: HttpRequest, shared: Review, form: ReviewForm | None) -> HttpResponse:
    application = shared.application
    attempt = services.current_attempt(application)
    checks = services.answer_checks(attempt)
    changed = review.changes_since_review(shared)
    items = []
    for check in checks:
        question = check.answer.question
        field = form[comment_field_name(question)] if form is not None and question else None
        key = str(question.id) if question else "whole"
        items.append(
            {"check": check, "question": question, "field": field, "changes": changed.get(key)}
        )
    return render(
        request,
        "applications/review/review.html",
        {
            "review": shared,
            "application": application,
            "attempt": attempt,
            "items": items,
            "form": form,
            "dismissals": list(attempt.dismissals.all()),
            "attachments": list(attempt.attachments.all()),
            "findings_total": sum(len(c.findings) for c in checks),
            "changed_since": shared.reviewed_at is not None
            and attempt.updated_at > shared.reviewed_at,
            **_rule_12(),
        },
    )


@access(Rule.OWNER)
def review_page(request: AuthenticatedHttpRequest, *, public_id: Any) -> HttpResponse:
    """The draft read-only, the badge criteria, the checklist, and the reviewer's comments."""
    shared = review.review_for_reviewer(user=request.user, public_id=public_id)
    application = shared.application
    questions = list(application.version.questions.all())
    if not application.is_editable:
        return _review_page(request, shared, None)
    if request.method != "POST":
        form = ReviewForm(initial=ReviewForm.initial_for(shared), questions=questions)
        return _review_page(request, shared, form)
    form = ReviewForm(request.POST, questions=questions)
    if not form.is_valid():
        return _review_page(request, shared, form)
    try:
        review.review_submit(
            review=shared,
            actor=request.user,
            comments=form.comments(),
            checklist=form.cleaned_data["checklist"],
            overall_note=form.cleaned_data["overall_note"],
            verdict=form.cleaned_data["verdict"],
            privacy_reason=form.cleaned_data["privacy_reason"],
        )
    except review.ReviewError as exc:
        messages.error(request, str(exc))
        return redirect(shared)
    messages.success(
        request,
        _("We have sent your comments to %(name)s.") % {"name": application.learner.name},
    )
    return redirect("reviews:list")


def _followup_form(followup: FollowUp, data: Any = None) -> FollowUpForm:
    return FollowUpForm(
        data,
        initial={"done": followup.done_at is not None, "note": followup.note},
        auto_id=f"followup-{followup.public_id}-%s",
    )


@access(Rule.SIGNED_IN)
def reviewer_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Drafts shared with you and your follow-ups. Anyone can be asked to check a draft."""
    lists = review.lists_for_reviewer(user=request.user)
    followups = [(f, _followup_form(f)) for f in lists.followups]
    return render(
        request,
        "applications/review/list.html",
        {"drafts": lists.drafts, "followups": followups, **_rule_12()},
    )


@access(Rule.OWNER)
def followup(request: AuthenticatedHttpRequest, *, public_id: Any) -> HttpResponse:
    """One follow-up: mark it done and keep a note."""
    item = review.followup_for_reviewer(user=request.user, public_id=public_id)
    form = _followup_form(item, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        review.followup_update(
            followup=item,
            actor=request.user,
            done=form.cleaned_data["done"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("Your follow-up is saved."))
        return redirect("reviews:list")
    return render(
        request,
        "applications/review/followup.html",
        {"followup": item, "form": form, **_rule_12()},
    )


@access(Rule.OWNER)
def review_media(
    request: AuthenticatedHttpRequest, *, public_id: Any, answer_id: int
) -> HttpResponseBase:
    """A recording in the draft, for the reviewer to play (the learner's own view is
    applications:media)."""
    shared = review.review_for_reviewer(user=request.user, public_id=public_id)
    attempt = current_attempt(shared.application)
    answer = get_object_or_404(Answer, pk=answer_id, attempt=attempt, media__gt="")
    return uploads.serve_evidence(answer.media, answer.media_type, None)


@access(Rule.OWNER)
def review_file(
    request: AuthenticatedHttpRequest, *, public_id: Any, attachment_id: Any
) -> HttpResponseBase:
    """A file attached to the draft, such as the completed handout, for the reviewer."""
    shared = review.review_for_reviewer(user=request.user, public_id=public_id)
    attempt = current_attempt(shared.application)
    attachment = get_object_or_404(Attachment, public_id=attachment_id, attempt=attempt)
    return uploads.serve_evidence(attachment.file, attachment.content_type, attachment.title)


# --- discussion tasks (rule 18) ----------------------------------------------------------------


def _discussion_page(
    request: HttpRequest, application: Application, form: DiscussionForm
) -> HttpResponse:
    return render(
        request,
        "applications/discussion/record.html",
        {
            "application": application,
            "form": form,
            "discussion": discussions.discussion_of(application),
        },
    )


@access(Rule.OWNER)
def discussion(request: AuthenticatedHttpRequest, *, public_id: Any) -> HttpResponse:
    """Record the badge's discussion task and ask someone who took part to confirm it."""
    application = selectors.application_for_learner(user=request.user, public_id=public_id)
    if not application.version.discussion_task:
        raise Http404
    current = discussions.discussion_of(application)
    if request.method != "POST":
        initial = (
            {
                "participants": current.participants,
                "held_on": current.held_on.strftime("%d/%m/%Y"),
                "agreed": current.agreed,
                "show_on_award": current.show_on_award,
                "confirmer_email": current.confirmer_email,
            }
            if current
            else {}
        )
        return _discussion_page(request, application, DiscussionForm(initial=initial))
    form = DiscussionForm(request.POST)
    if not form.is_valid():
        return _discussion_page(request, application, form)
    data = form.cleaned_data
    try:
        recorded = discussions.discussion_record(
            application=application,
            actor=request.user,
            participants=data["participants"],
            held_on=data["held_on"],
            agreed=data["agreed"],
            show_on_award=data["show_on_award"],
        )
        email = data["confirmer_email"].strip().lower()
        if email and email != recorded.confirmer_email:
            discussions.discussion_ask_confirmation(
                discussion=recorded, actor=request.user, email=email
            )
    except discussions.DiscussionError as exc:
        form.add_error(None, str(exc))
        return _discussion_page(request, application, form)
    messages.success(request, _("Your discussion is saved."))
    return redirect("reviews:discussion", public_id=application.public_id)


def _verified(user: Any) -> list[str]:
    return list(
        EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    )


@access(Rule.OWNER)
def discussion_confirm(request: AuthenticatedHttpRequest, *, public_id: Any) -> HttpResponse:
    """The person asked reads the record and confirms the discussion took place."""
    emails = _verified(request.user)
    item = discussions.discussion_for_confirmer(public_id=public_id, emails=emails)
    if request.method == "POST":
        discussions.discussion_confirm(discussion=item, actor=request.user, verified_emails=emails)
        messages.success(
            request,
            _("Thank you: you confirmed the discussion with %(name)s.")
            % {"name": item.application.learner.name},
        )
        return redirect("reviews:discussion_confirm", public_id=item.public_id)
    return render(
        request, "applications/discussion/confirm.html", {"discussion": item, **_rule_12()}
    )
