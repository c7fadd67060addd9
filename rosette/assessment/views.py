from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models.fields.files import FieldFile
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from rosette.accounts import roles
from rosette.accounts.http import AuthenticatedHttpRequest
from rosette.applications import uploads
from rosette.applications.models import Answer, Application, Attachment
from rosette.applications.workflow import TransitionError
from rosette.assessment import selectors, services
from rosette.assessment.forms import DecisionForm, ModerationForm, ReassignForm, SettingsForm
from rosette.assessment.models import DeclineReason
from rosette.catalogue.models import Issuer
from rosette.core.access import Rule, access


@access(Rule.ASSESSOR)
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    issuers = selectors.issuers_for_assessor(user=request.user)
    if len(issuers) == 1:
        return redirect("assessment:queue", slug=issuers[0].slug)
    return render(request, "assessment/home.html", {"issuers": issuers})


@access(Rule.ASSESSOR)
def queue(request: AuthenticatedHttpRequest, *, slug: str) -> HttpResponse:
    """The issuer's queue, oldest first. Assessors cannot open an application from it: "Assess
    next" gives them the oldest nobody holds."""
    issuer = selectors.issuer_for_assessor(user=request.user, slug=slug)
    if request.method == "POST":
        application = services.claim_next(issuer=issuer, assessor=request.user)
        if application is None:
            messages.success(request, _("There is nothing waiting to be assessed."))
            return redirect("assessment:queue", slug=issuer.slug)
        return redirect("assessment:assess", public_id=application.public_id)
    stats = selectors.queue_stats(issuer=issuer)
    return render(
        request,
        "assessment/queue.html",
        {
            "issuer": issuer,
            "stats": stats,
            "page": selectors.queue_page(
                issuer=issuer, page=request.GET.get("page"), count=stats.waiting
            ),
            "own_claim": selectors.claim_held_by(user=request.user, issuer=issuer),
            "is_admin": roles.is_issuer_admin(request.user, issuer),
            "settings": services.settings_for(issuer),
        },
    )


def _decision_form(application: Application, data: Any = None) -> DecisionForm:
    rubric = services.rubric_ensure(version=application.version)
    reasons = services.decline_reasons_ensure(issuer=application.badge.issuer)
    return DecisionForm(data, question_rubrics=services.question_rubrics(rubric), reasons=reasons)


def _assess_page(
    request: AuthenticatedHttpRequest,
    application: Application,
    form: DecisionForm,
    *,
    result: services.ScoreResult | None = None,
    reassign_form: ReassignForm | None = None,
) -> HttpResponse:
    issuer = application.badge.issuer
    claim = getattr(application, "claim", None)
    holds = claim is not None and claim.assessor_id == request.user.pk
    is_admin = roles.is_issuer_admin(request.user, issuer)
    view = selectors.assessment_view(application=application)
    rubric = services.rubric_ensure(version=application.version)
    fields = {
        qid: (form[f"score-{qid}"], form[f"feedback-{qid}"])
        for qid in (qr.question_id for qr in form.question_rubrics)
    }
    items = [
        {
            "item": item,
            "score": fields[item.question.id][0] if item.question else None,
            "feedback": fields[item.question.id][1] if item.question else form["feedback-whole"],
        }
        for item in view.items
    ]
    if reassign_form is None and is_admin and claim is not None:
        reassign_form = ReassignForm(assessors=selectors.assessors_of(issuer))
    return render(
        request,
        "assessment/assess.html",
        {
            "application": application,
            "issuer": issuer,
            "view": view,
            "items": items,
            "form": form,
            "rubric": rubric,
            "result": result,
            "claim": claim,
            "holds": holds,
            "is_admin": is_admin,
            "reassign_form": reassign_form,
            "waiting": application.status == Application.Status.SUBMITTED,
            "crumbs": [
                (_("Assessment queue"), reverse("assessment:queue", kwargs={"slug": issuer.slug})),
                (application.reference, None),
            ],
        },
    )


@access(Rule.ASSESSOR)
def assess(request: AuthenticatedHttpRequest, *, public_id: Any) -> HttpResponse:
    """One application for the assessor who holds it: the evidence, the rubric, and the
    decision. An issuer admin who does not hold it sees who does, and may reassign it, but
    not its evidence. Nobody else at the issuer reads it, on any method."""
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "reassign":
            return _reassign(request, public_id)
        application = selectors.application_to_decide(user=request.user, public_id=public_id)
        if not selectors.holds_claim(user=request.user, application=application):
            return _not_held(request, application, action=action)
        if action == "release":
            return _release(request, application)
        return _decide(request, application, check_only=action == "check")
    try:
        application = selectors.application_for_assessor(user=request.user, public_id=public_id)
    except PermissionDenied:
        application = selectors.application_for_reassignment(user=request.user, public_id=public_id)
        return _reassign_page(request, application, _reassign_form(application))
    services.claim_touch(application=application, assessor=request.user)
    return _assess_page(request, application, _decision_form(application))


def _not_held(
    request: AuthenticatedHttpRequest, application: Application, *, action: str
) -> HttpResponse:
    """A decision, a check or a release from someone who does not hold the application:
    refused, saying why, and showing nothing of it."""
    claim = getattr(application, "claim", None)
    if action == "decide":
        unrecorded = _("so your decision was not recorded")
    else:
        unrecorded = _("so nothing was recorded")
    if application.status != Application.Status.SUBMITTED:
        reason = _("This application is already %(status)s, %(unrecorded)s.") % {
            "status": application.get_status_display().lower(),
            "unrecorded": unrecorded,
        }
    elif claim is not None:
        reason = _("Another assessor holds this application, %(unrecorded)s.") % {
            "unrecorded": unrecorded
        }
    else:
        reason = _(
            "You do not hold this application (it was released, or taken after your claim "
            "lapsed), %(unrecorded)s. Take the next one from the queue."
        ) % {"unrecorded": unrecorded}
    return render(
        request,
        "assessment/not_held.html",
        {"application": application, "reason": reason, "typed": _typed(application, request)},
        status=403,
    )


def _typed(application: Application, request: AuthenticatedHttpRequest) -> list[tuple[str, str]]:
    """What the assessor typed into the refused form, to give back to them: their own words,
    nothing of the application's."""
    positions = {str(q.id): q.position for q in application.version.questions.all()}
    typed = []
    for key in request.POST:
        value = request.POST.get(key, "")  # the last value sent, as items() gives it
        if not value.strip():
            continue
        if key.startswith("feedback-"):
            which = key.removeprefix("feedback-")
            if which in positions:
                label = _("Your feedback on question %(n)s") % {"n": positions[which]}
            else:
                label = _("Your feedback on the application as a whole")
            typed.append((str(label), value))
        elif key in ("note", "privacy_reason"):
            label = _("Your note for the issuer") if key == "note" else _("Your privacy reason")
            typed.append((str(label), value))
    return typed


def _reassign_form(application: Application, data: Any = None) -> ReassignForm:
    return ReassignForm(data, assessors=selectors.assessors_of(application.badge.issuer))


def _reassign_page(
    request: AuthenticatedHttpRequest, application: Application, form: ReassignForm
) -> HttpResponse:
    """What an admin sees of an application someone else holds: no learner, no evidence."""
    issuer = application.badge.issuer
    return render(
        request,
        "assessment/reassign.html",
        {
            "application": application,
            "claim": application.claim,
            "reassign_form": form,
            "crumbs": [
                (_("Assessment queue"), reverse("assessment:queue", kwargs={"slug": issuer.slug})),
                (application.reference, None),
            ],
        },
    )


def _release(request: AuthenticatedHttpRequest, application: Application) -> HttpResponse:
    try:
        services.claim_release(application=application, actor=request.user)
    except services.AssessmentError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("You released %(ref)s. It keeps its place in the queue.")
            % {"ref": application.reference},
        )
    return redirect("assessment:queue", slug=application.badge.issuer.slug)


def _reassign(request: AuthenticatedHttpRequest, public_id: Any) -> HttpResponse:
    application = selectors.application_for_reassignment(user=request.user, public_id=public_id)
    issuer = application.badge.issuer
    form = _reassign_form(application, request.POST)
    if form.is_valid():
        try:
            services.claim_reassign(
                application=application, assessor=form.person(), actor=request.user
            )
        except services.AssessmentError as exc:
            form.add_error("assessor", str(exc))
        else:
            messages.success(
                request,
                _("%(ref)s is now with %(name)s.")
                % {"ref": application.reference, "name": form.person().name},
            )
            return redirect("assessment:queue", slug=issuer.slug)
    if selectors.holds_claim(user=request.user, application=application):
        return _assess_page(request, application, _decision_form(application), reassign_form=form)
    return _reassign_page(request, application, form)


def _decide(
    request: AuthenticatedHttpRequest, application: Application, *, check_only: bool
) -> HttpResponse:
    form = _decision_form(application, request.POST)
    if check_only:  # "Check the score" asks about the scores only, not for a decision yet
        form.fields["outcome"].required = False
    queue_url = reverse("assessment:queue", kwargs={"slug": application.badge.issuer.slug})
    valid = form.is_valid()
    rubric = services.rubric_ensure(version=application.version)
    scores = form.scores() if valid else {}
    result = services.score(rubric, form.question_rubrics, scores)
    if check_only or not valid:
        services.claim_touch(application=application, assessor=request.user)
        return _assess_page(request, application, form, result=result)
    try:
        decision = services.decision_record(
            application=application,
            actor=request.user,
            outcome=form.cleaned_data["outcome"],
            scores=scores,
            feedback=form.feedback(),
            reason=form.cleaned_data.get("reason", ""),
            note=form.cleaned_data.get("note", ""),
            privacy_reason=form.cleaned_data.get("privacy_reason", ""),
        )
    except services.DecisionRefused as refused:
        for problem in refused.problems:
            form.add_error(problem.field if problem.field in form.fields else None, problem.message)
        return _assess_page(request, application, form, result=result)
    except (services.AssessmentError, TransitionError) as exc:
        messages.error(request, str(exc))
        return redirect(queue_url)
    done = {
        "award": _("You awarded %(badge)s for %(ref)s."),
        "return": _("You returned %(ref)s for further evidence. The learner has your feedback."),
        "decline": _("You declined %(ref)s."),
    }[decision.outcome]
    messages.success(
        request, done % {"badge": application.badge.name, "ref": application.reference}
    )
    return redirect(queue_url)


def _serve(file: FieldFile, content_type: str, title: str | None) -> HttpResponse:
    """Stored evidence with its sniffed type, never as something a browser would run."""
    # A streaming response, where views are typed as returning HttpResponse (core.access).
    return cast(HttpResponse, uploads.serve_evidence(file, content_type, title))


@access(Rule.ASSESSOR)
def media(request: AuthenticatedHttpRequest, *, public_id: Any, answer_id: int) -> HttpResponse:
    application = selectors.application_for_assessor(user=request.user, public_id=public_id)
    answer = get_object_or_404(Answer, pk=answer_id, attempt__application=application, media__gt="")
    return _serve(answer.media, answer.media_type, None)


@access(Rule.ASSESSOR)
def attachment(
    request: AuthenticatedHttpRequest, *, public_id: Any, attachment_id: Any
) -> HttpResponse:
    application = selectors.application_for_assessor(user=request.user, public_id=public_id)
    found = get_object_or_404(Attachment, public_id=attachment_id, attempt__application=application)
    return _serve(found.file, found.content_type, found.title)


@access(Rule.ASSESSOR)
def moderation_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "assessment/moderation_list.html",
        {"moderations": selectors.moderation_queue(user=request.user)},
    )


@access(Rule.ASSESSOR)
def moderation_detail(request: AuthenticatedHttpRequest, *, public_id: Any) -> HttpResponse:
    moderation = selectors.moderation_for_assessor(user=request.user, public_id=public_id)
    form = ModerationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.moderation_record(
                moderation=moderation,
                actor=request.user,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
            )
        except services.DecisionRefused as refused:
            for problem in refused.problems:
                form.add_error(problem.field, problem.message)
        except services.AssessmentError as exc:
            messages.error(request, str(exc))
            return redirect("assessment:moderation_list")
        else:
            messages.success(request, _("Your moderation is recorded."))
            return redirect("assessment:moderation_list")
    decision = moderation.decision
    application = decision.application
    answers = sorted(
        decision.attempt.answers.select_related("question"),
        key=lambda a: (a.question is None, a.question.position if a.question else 0),
    )
    rows = [
        {
            "answer": a,
            "score": decision.scores.get(str(a.question_id)) if a.question_id else None,
            "feedback": decision.feedback_for(a.question_id),
        }
        for a in answers
    ]
    return render(
        request,
        "assessment/moderation_detail.html",
        {
            "moderation": moderation,
            "decision": decision,
            "application": application,
            "rows": rows,
            "form": form,
        },
    )


@access(Rule.ISSUER_ADMIN)
def service_levels(request: AuthenticatedHttpRequest, *, slug: str) -> HttpResponse:
    issuer = selectors.issuer_for_admin(user=request.user, slug=slug)
    return render(
        request,
        "assessment/service_levels.html",
        {
            "issuer": issuer,
            "levels": selectors.service_levels(issuer=issuer),
            "settings": services.settings_for(issuer),
        },
    )


@access(Rule.ISSUER_ADMIN)
def settings(request: AuthenticatedHttpRequest, *, slug: str) -> HttpResponse:
    issuer: Issuer = selectors.issuer_for_admin(user=request.user, slug=slug)
    current = services.settings_for(issuer)
    form = SettingsForm(request.POST or None, instance=current)
    if request.method == "POST":
        if form.is_valid():
            services.assessment_settings_update(
                issuer=issuer,
                actor=request.user,
                claim_minutes=form.cleaned_data["claim_minutes"],
                moderation_percent=form.cleaned_data["moderation_percent"],
                reminder_days_left=form.cleaned_data["reminder_days_left"],
                moderated_by=form.cleaned_data["moderated_by"],
            )
            messages.success(request, _("The assessment settings are saved."))
            return redirect("assessment:service_levels", slug=issuer.slug)
        return render(request, "assessment/settings.html", {"issuer": issuer, "form": form})
    reasons = DeclineReason.objects.filter(issuer=issuer).active()
    return render(
        request, "assessment/settings.html", {"issuer": issuer, "form": form, "reasons": reasons}
    )
