"""What a learner shares with colleagues, each by their own choice: offers to coach on a badge
they hold (tip 7) and awards shown in an organisation's celebration feed (tip 8); the feed, and
the monthly summary a manager copies into a newsletter or downloads."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from rosette.accounts.http import AuthenticatedHttpRequest
from rosette.awards.models import Award
from rosette.core.access import Rule, access
from rosette.core.downloads import csv_response
from rosette.managers import selectors, services
from rosette.teams.models import Organisation

ACTIONS = {"offer", "withdraw_offer", "celebrate", "withdraw_celebration"}


def _own_award(request: AuthenticatedHttpRequest) -> Award:
    award = (
        Award.objects.filter(code=request.POST.get("award", ""), recipient=request.user)
        .select_related("badge")
        .first()
    )
    if award is None:
        raise Http404
    return award


def _own_organisation(request: AuthenticatedHttpRequest) -> Organisation:
    return selectors.organisation_for_member(
        user=request.user, slug=request.POST.get("organisation", "")
    )


@access(Rule.SIGNED_IN)
def sharing(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Your badges and what you share of them with colleagues: all opt-in, all withdrawable."""
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in ACTIONS:
            messages.error(request, _("Choose what to share."))
            return redirect("managers:sharing")
        award = _own_award(request)
        try:
            if action == "offer":
                services.coaching_offer(user=request.user, badge=award.badge)
            elif action == "withdraw_offer":
                services.coaching_withdraw(user=request.user, badge=award.badge)
            elif action == "celebrate":
                services.celebration_agree(
                    award=award, organisation=_own_organisation(request), user=request.user
                )
            else:
                services.celebration_withdraw(
                    award=award, organisation=_own_organisation(request), user=request.user
                )
        except services.SharingError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Your choice is saved."))
        return redirect("managers:sharing")
    return render(
        request, "managers/sharing.html", {"shared": selectors.sharing_of(user=request.user)}
    )


@access(Rule.SIGNED_IN)
def coaching(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Colleagues who hold a badge you are working on and offered to help."""
    return render(
        request, "managers/coaching.html", {"coaches": selectors.coaches_for(user=request.user)}
    )


@access(Rule.OWNER)
def celebrate(request: AuthenticatedHttpRequest, *, slug: str) -> HttpResponse:
    """The organisation's celebration feed: awards its people chose to share with it."""
    organisation = selectors.organisation_for_member(user=request.user, slug=slug)
    now = timezone.localdate()
    return render(
        request,
        "managers/celebrate.html",
        {
            "organisation": organisation,
            "awards": selectors.celebrations(organisation=organisation),
            "this_month": (now.year, now.month),
            "is_manager": selectors.organisation_for_manager_or_none(user=request.user, slug=slug)
            is not None,
        },
    )


def _month(year: int, month: int) -> tuple[int, int]:
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise Http404
    return year, month


@access(Rule.OWNER)
def summary(request: AuthenticatedHttpRequest, *, slug: str, year: int, month: int) -> HttpResponse:
    """A month's celebrations for a manager to copy into a newsletter."""
    organisation = selectors.organisation_for_manager(user=request.user, slug=slug)
    period = _month(year, month)
    return render(
        request,
        "managers/summary.html",
        {
            "organisation": organisation,
            "awards": selectors.celebrations(organisation=organisation, month=period),
            "month": date(period[0], period[1], 1),
            "year": year,
            "month_number": month,
        },
    )


SUMMARY_COLUMNS = ["name", "badge", "issuer", "awarded", "award page"]


@access(Rule.OWNER)
def summary_csv(
    request: AuthenticatedHttpRequest, *, slug: str, year: int, month: int
) -> HttpResponse:
    organisation = selectors.organisation_for_manager(user=request.user, slug=slug)
    period = _month(year, month)
    rows = [
        [
            a.recipient_name,
            a.badge.name,
            a.badge.issuer.name,
            a.awarded_at.date().isoformat(),
            request.build_absolute_uri(a.get_absolute_url()),
        ]
        for a in selectors.celebrations(organisation=organisation, month=period)
    ]
    return csv_response(
        f"{organisation.slug}-celebrations-{year}-{month:02d}.csv", SUMMARY_COLUMNS, rows
    )
