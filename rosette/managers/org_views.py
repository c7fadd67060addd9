"""Pages of organisations: a person's own memberships (join, answer, leave), a join link, and
the organisation admin's people page (invite staff, share a join link, appoint managers)."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rosette.accounts.http import AuthenticatedHttpRequest
from rosette.accounts.models import User
from rosette.core.access import Rule, access
from rosette.managers.forms import InvitationForm
from rosette.teams import selectors, services
from rosette.teams.models import Membership

# What an organisation's managers see of a member of staff: said on the page where people join
# and leave, and true of the manager's home (managers/selectors.py).
MANAGERS_SEE = [
    gettext_lazy("the badges you hold, unless you make a badge’s page private"),
    gettext_lazy(
        "which badges you have applied for, and whether each is submitted, returned or awarded"
    ),
    gettext_lazy("when a manager’s endorsement of one of your badges is due"),
    gettext_lazy("a draft, only if you share it with them"),
]
MANAGERS_NEVER_SEE = [
    gettext_lazy("drafts you have not shared with them"),
    gettext_lazy("an application that was declined"),
    gettext_lazy("the assessor’s feedback, unless you choose to show it to them"),
]


def verified_emails(user: User) -> set[str]:
    return {
        e.lower()
        for e in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    }


def _answer(request: AuthenticatedHttpRequest) -> bool | None:
    value = request.POST.get("answer")
    return {"accept": True, "decline": False}.get(value or "")


@access(Rule.SIGNED_IN)
def organisations(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Your organisations: where you work, what each can see, invitations to answer."""
    memberships = selectors.memberships_of(user=request.user)
    return render(
        request,
        "managers/organisations.html",
        {
            "active": [m for m in memberships if m.status == Membership.Status.ACTIVE],
            "invited": [m for m in memberships if m.status == Membership.Status.INVITED],
            "invitations": selectors.invitations_for(emails=verified_emails(request.user)),
            "administered": selectors.organisations_administered_by(user=request.user),
            "managers_see": MANAGERS_SEE,
            "managers_never_see": MANAGERS_NEVER_SEE,
        },
    )


@access(Rule.OWNER)
def invitation_answer(request: AuthenticatedHttpRequest, *, public_id: Any) -> HttpResponse:
    """Accept or decline an invitation sent to one of your verified addresses."""
    emails = verified_emails(request.user)
    invitation = selectors.invitation_for(public_id=public_id, emails=emails)
    accept = _answer(request) if request.method == "POST" else None
    if accept is None:
        return render(
            request,
            "managers/answer.html",
            {
                "organisation": invitation.organisation,
                "role": Membership.Role.STAFF.label,
                "action": reverse("managers:invitation_answer", kwargs={"public_id": public_id}),
                "managers_see": MANAGERS_SEE,
                "managers_never_see": MANAGERS_NEVER_SEE,
                "problem": request.method == "POST",
            },
            status=200,
        )
    try:
        services.invitation_answer(
            invitation=invitation, actor=request.user, accept=accept, verified_emails=emails
        )
    except services.TeamsError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            (_("You have joined %(name)s.") if accept else _("You declined to join %(name)s."))
            % {"name": invitation.organisation.name},
        )
    return redirect("managers:organisations")


@access(Rule.OWNER)
def membership_answer(request: AuthenticatedHttpRequest, *, public_id: Any) -> HttpResponse:
    """Accept or decline a role you were invited to (such as being appointed a manager)."""
    membership = selectors.membership_of(user=request.user, public_id=public_id)
    accept = _answer(request) if request.method == "POST" else None
    if accept is None or membership.status != Membership.Status.INVITED:
        if membership.status != Membership.Status.INVITED:
            return redirect("managers:organisations")
        return render(
            request,
            "managers/answer.html",
            {
                "organisation": membership.organisation,
                "role": membership.get_role_display(),
                "action": reverse("managers:membership_answer", kwargs={"public_id": public_id}),
                "managers_see": MANAGERS_SEE,
                "managers_never_see": MANAGERS_NEVER_SEE,
                "problem": request.method == "POST",
            },
        )
    if accept:
        services.membership_accept(membership=membership, actor=request.user)
        messages.success(
            request,
            _("You are now %(role)s at %(name)s.")
            % {"role": membership.get_role_display().lower(), "name": membership.organisation.name},
        )
    else:
        services.membership_decline(membership=membership, actor=request.user)
        messages.success(request, _("You declined."))
    return redirect("managers:organisations")


@access(Rule.OWNER)
def leave(request: AuthenticatedHttpRequest, *, public_id: Any) -> HttpResponse:
    """Leave an organisation (or give up a role there): a confirmation page, then POST."""
    membership = selectors.membership_of(user=request.user, public_id=public_id)
    if membership.status != Membership.Status.ACTIVE:
        return redirect("managers:organisations")
    if request.method == "POST":
        services.membership_leave(membership=membership, actor=request.user)
        text = (
            _("You have left %(name)s. Your badges are still yours.")
            if membership.role == Membership.Role.STAFF
            else _("You are no longer %(role)s at %(name)s.")
        )
        messages.success(
            request,
            text
            % {"name": membership.organisation.name, "role": membership.get_role_display().lower()},
        )
        return redirect("managers:organisations")
    return render(request, "managers/leave.html", {"membership": membership})


@access(Rule.SIGNED_IN)
def join(request: AuthenticatedHttpRequest, *, token: str) -> HttpResponse:
    """A join link: what joining means, then a button (the person's consent)."""
    link = services.join_link_for_token(token)
    if request.method == "POST":
        services.join_link_use(link=link, actor=request.user)
        messages.success(request, _("You have joined %(name)s.") % {"name": link.organisation.name})
        return redirect("managers:organisations")
    return render(
        request,
        "managers/join.html",
        {
            "organisation": link.organisation,
            "managers_see": MANAGERS_SEE,
            "managers_never_see": MANAGERS_NEVER_SEE,
        },
    )


# --- the organisation admin ---------------------------------------------------------------------


def _people_page(
    request: AuthenticatedHttpRequest, organisation: Any, form: InvitationForm, status: int = 200
) -> HttpResponse:
    people = selectors.people_of(organisation=organisation)
    manager_ids = {m.user_id for m in people if m.role == Membership.Role.MANAGER}
    return render(
        request,
        "managers/people.html",
        {
            "organisation": organisation,
            "form": form,
            "staff": [m for m in people if m.role == Membership.Role.STAFF],
            "managers": [m for m in people if m.role == Membership.Role.MANAGER],
            "manager_ids": manager_ids,
            "invitations": selectors.pending_invitations(organisation=organisation),
            "links": [
                (
                    link,
                    request.build_absolute_uri(
                        reverse("managers:join", kwargs={"token": services.join_link_token(link)})
                    ),
                )
                for link in selectors.usable_join_links(organisation=organisation)
            ],
        },
        status=status,
    )


@access(Rule.OWNER)
def people(request: AuthenticatedHttpRequest, *, slug: str) -> HttpResponse:
    """The organisation admin's page: who has joined, invitations, join links, managers."""
    organisation = selectors.organisation_for_admin(user=request.user, slug=slug)
    if request.method != "POST":
        return _people_page(request, organisation, InvitationForm())
    form = InvitationForm(request.POST)
    if not form.is_valid():
        return _people_page(request, organisation, form)
    try:
        services.invitation_create(
            organisation=organisation,
            email=form.cleaned_data["email"],
            actor=request.user,
            organisations_url=reverse("managers:organisations"),
        )
    except services.TeamsError as exc:
        form.add_error("email", str(exc))
        return _people_page(request, organisation, form)
    messages.success(
        request, _("We have invited %(email)s.") % {"email": form.cleaned_data["email"]}
    )
    return redirect("managers:people", slug=organisation.slug)


@access(Rule.OWNER)
def appoint(request: AuthenticatedHttpRequest, *, slug: str, public_id: Any) -> HttpResponse:
    """Appoint a member of staff as a manager (they accept it themselves)."""
    organisation = selectors.organisation_for_admin(user=request.user, slug=slug)
    membership = selectors.membership_in(organisation=organisation, public_id=public_id)
    if request.method == "POST":
        try:
            services.manager_appoint(
                organisation=organisation, user=membership.user, actor=request.user
            )
        except services.TeamsError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("We have asked %(name)s to be a manager. They will see it when they sign in.")
                % {"name": membership.user.name or membership.user.email},
            )
        return redirect("managers:people", slug=organisation.slug)
    return render(
        request, "managers/appoint.html", {"organisation": organisation, "membership": membership}
    )


@access(Rule.OWNER)
def join_link_create(request: AuthenticatedHttpRequest, *, slug: str) -> HttpResponse:
    organisation = selectors.organisation_for_admin(user=request.user, slug=slug)
    if request.method == "POST":
        services.join_link_create(organisation=organisation, actor=request.user)
        messages.success(request, _("Your new join link is below. Share it with your staff."))
    return redirect("managers:people", slug=organisation.slug)


@access(Rule.OWNER)
def join_link_revoke(
    request: AuthenticatedHttpRequest, *, slug: str, public_id: Any
) -> HttpResponse:
    organisation = selectors.organisation_for_admin(user=request.user, slug=slug)
    link = selectors.join_link_in(organisation=organisation, public_id=public_id)
    if request.method == "POST":
        services.join_link_revoke(link=link, actor=request.user)
        messages.success(request, _("The join link no longer works."))
        return redirect("managers:people", slug=organisation.slug)
    return render(
        request, "managers/revoke_link.html", {"organisation": organisation, "link": link}
    )


@access(Rule.OWNER)
def invitation_withdraw(
    request: AuthenticatedHttpRequest, *, slug: str, public_id: Any
) -> HttpResponse:
    organisation = selectors.organisation_for_admin(user=request.user, slug=slug)
    invitation = selectors.invitation_in(organisation=organisation, public_id=public_id)
    if request.method == "POST":
        services.invitation_withdraw(invitation=invitation, actor=request.user)
        messages.success(
            request, _("The invitation to %(email)s is withdrawn.") % {"email": invitation.email}
        )
    return redirect("managers:people", slug=organisation.slug)
