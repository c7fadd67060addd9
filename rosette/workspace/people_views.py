"""The issuer's people: invite assessors and admins, see their MFA state and work, suspend,
restore or remove them, and reassign an application someone is assessing (ADR 0015).

Thin: the rules are in ``accounts.services`` (invitations) and ``assessment.services`` (roles,
claims); every change there is audited."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from rosette.accounts import selectors as accounts_selectors
from rosette.accounts import services as accounts
from rosette.accounts.http import AuthenticatedHttpRequest
from rosette.accounts.services import mask_email
from rosette.assessment import selectors, services
from rosette.assessment.forms import ReassignForm
from rosette.assessment.models import Claim
from rosette.catalogue.models import Issuer
from rosette.core.access import Rule, access
from rosette.workspace.people_forms import StaffActionForm, StaffInviteForm


def _people_page(
    request: AuthenticatedHttpRequest, issuer: Issuer, form: StaffInviteForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "workspace/people/people.html",
        {
            "issuer": issuer,
            "form": form,
            "rows": selectors.staff_overview(issuer=issuer),
            "invitations": accounts_selectors.pending_staff_invitations(issuer=issuer),
            "claims": selectors.claims_of_issuer(issuer=issuer),
            "settings": services.settings_for(issuer),
        },
        status=status,
    )


@access(Rule.ISSUER_ADMIN)
def people(request: AuthenticatedHttpRequest, *, slug: str) -> HttpResponse:
    issuer = selectors.issuer_for_admin(user=request.user, slug=slug)
    form = StaffInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            accounts.staff_invite(
                issuer=issuer,
                actor=request.user,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
        except accounts.StaffInvitationError as exc:
            form.add_error("email", str(exc))
        else:
            messages.success(
                request,
                _("We have sent an invitation to %(email)s.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("workspace_people:people", slug=issuer.slug)
    return _people_page(request, issuer, form)


@access(Rule.ISSUER_ADMIN)
def member(request: AuthenticatedHttpRequest, *, slug: str, pk: int) -> HttpResponse:
    """One role at the issuer: suspend, restore or remove it."""
    issuer = selectors.issuer_for_admin(user=request.user, slug=slug)
    staff = selectors.staff_for_admin(user=request.user, issuer=issuer, pk=pk)
    error = None
    if request.method == "POST":
        form = StaffActionForm(request.POST)
        if form.is_valid():
            action = form.cleaned_data["action"]
            change = {
                "suspend": services.staff_suspend,
                "restore": services.staff_restore,
                "remove": services.staff_remove,
            }[action]
            try:
                change(staff=staff, actor=request.user)
            except services.AssessmentError as exc:
                error = str(exc)
            else:
                done = {
                    "suspend": _("%(name)s is suspended. Anything they held is back in the queue."),
                    "restore": _("%(name)s can work again."),
                    "remove": _("%(name)s no longer has that role."),
                }[action]
                messages.success(request, done % {"name": staff.user.name or staff.user.email})
                return redirect("workspace_people:people", slug=issuer.slug)
        else:
            error = _("Choose what to do.")
    return render(
        request,
        "workspace/people/member.html",
        {"issuer": issuer, "staff": staff, "error": error},
        status=400 if error else 200,
    )


@access(Rule.ISSUER_ADMIN)
def invitation_withdraw(
    request: AuthenticatedHttpRequest, *, slug: str, public_id: uuid.UUID
) -> HttpResponse:
    issuer = selectors.issuer_for_admin(user=request.user, slug=slug)
    invitation = accounts_selectors.staff_invitation_of(issuer=issuer, public_id=public_id)
    if request.method == "POST":
        accounts.staff_invitation_revoke(invitation=invitation, actor=request.user)
        messages.success(
            request,
            _("The invitation to %(email)s is withdrawn.") % {"email": invitation.email},
        )
        return redirect("workspace_people:people", slug=issuer.slug)
    return render(
        request,
        "workspace/people/withdraw.html",
        {"issuer": issuer, "invitation": invitation},
    )


@access(Rule.ISSUER_ADMIN)
def claim_reassign(
    request: AuthenticatedHttpRequest, *, slug: str, public_id: uuid.UUID
) -> HttpResponse:
    """Move an application someone is assessing to another assessor."""
    issuer = selectors.issuer_for_admin(user=request.user, slug=slug)
    claim = (
        Claim.objects.select_related("application__badge", "assessor")
        .filter(issuer=issuer, application__public_id=public_id)
        .first()
    )
    if claim is None:
        raise Http404
    application = claim.application
    form = ReassignForm(request.POST or None, assessors=selectors.assessors_of(issuer))
    if request.method == "POST" and form.is_valid():
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
            return redirect("workspace_people:people", slug=issuer.slug)
    return render(
        request,
        "workspace/people/reassign.html",
        {"issuer": issuer, "claim": claim, "application": application, "form": form},
    )


@access(Rule.SIGNED_IN)
def accept(request: AuthenticatedHttpRequest, *, token: str) -> HttpResponse:
    """The invitation link. Signed out, the access rule sends the person to sign in (or sign
    up) with this page as ``next``; signed in with the invited address, they accept, and are
    then asked to set up multi-factor authentication (accounts.middleware)."""
    invitation = accounts.staff_invitation_for_token(token=token)
    problem = accounts.staff_acceptance_problem(invitation=invitation, user=request.user)
    if request.method == "POST" and problem is None:
        try:
            accounts.staff_invitation_accept(invitation=invitation, actor=request.user)
        except accounts.StaffInvitationError as exc:
            problem = str(exc)
        else:
            messages.success(
                request,
                _("You have joined %(issuer)s. Set up your authenticator app to start.")
                % {"issuer": invitation.issuer.name},
            )
            return redirect("assessment:home")
    return render(
        request,
        "workspace/people/accept.html",
        {
            "invitation": invitation,
            "masked_email": mask_email(invitation.email),
            "problem": problem,
        },
        status=403 if problem and request.method == "POST" else 200,
    )
