"""The manager's home: everything waiting for them, in one place (issue 15)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from rosette.accounts.http import AuthenticatedHttpRequest
from rosette.applications import review
from rosette.core.access import Rule, access
from rosette.managers import digest, selectors
from rosette.managers.forms import DigestForm
from rosette.managers.org_views import verified_emails


def rule_12() -> dict[str, Any]:
    return {"not_competence": review.NOT_COMPETENCE, "never_compulsory": review.NEVER_COMPULSORY}


@access(Rule.MANAGER)
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Review invitations, shared drafts, the team's applications and awards, endorsements
    due and follow-ups. No "assign" and no deadline of the manager's making (rule 12)."""
    emails = sorted(verified_emails(request.user))
    return render(
        request,
        "managers/home.html",
        {
            "home": selectors.manager_home(user=request.user, emails=emails),
            "managed": selectors.organisations_managed_by(user=request.user),
            **rule_12(),
        },
    )


@access(Rule.OWNER)
def review_invitation(request: AuthenticatedHttpRequest, *, public_id: Any) -> HttpResponse:
    """An invitation to check a draft, opened from the manager's home rather than the email:
    it was sent to an address verified on this account, so no link is needed."""
    invitation = review.invitation_for_invitee(
        public_id=public_id, emails=sorted(verified_emails(request.user))
    )
    problem = review.acceptance_problem(review=invitation, user=request.user)
    if request.method == "POST" and problem is None:
        try:
            accepted = review.review_accept(review=invitation, actor=request.user)
        except review.WrongAccount as exc:
            problem = str(exc)
        else:
            return redirect(accepted)
    return render(
        request,
        "applications/review/accept.html",
        {
            "invitation": invitation,
            "application": invitation.application,
            "problem": problem,
            **rule_12(),
        },
        status=403 if problem else 200,
    )


@access(Rule.MANAGER)
def notifications(request: AuthenticatedHttpRequest) -> HttpResponse:
    """How often the manager hears of what waits: weekly by default, daily at most, or never."""
    current = digest.settings_for(request.user)
    form = DigestForm(
        request.POST if request.method == "POST" else None,
        initial={"frequency": current.frequency},
    )
    if request.method == "POST" and form.is_valid():
        digest.digest_settings_update(user=request.user, frequency=form.cleaned_data["frequency"])
        messages.success(request, _("Your choice is saved."))
        return redirect("managers:home")
    return render(request, "managers/notifications.html", {"form": form})
