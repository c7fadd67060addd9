from __future__ import annotations

from typing import Any

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rosette.accounts.http import AuthenticatedHttpRequest
from rosette.accounts.models import User
from rosette.applications import uploads
from rosette.awards import selectors, services
from rosette.awards.forms import (
    HONEYPOT,
    AwardSettingsForm,
    AwardStatusForm,
    EndorsementDecisionForm,
    EndorsementForm,
    EndorsementRuleForm,
    ManagerEndorsementForm,
)
from rosette.awards.models import Award, BadgeEndorsementRule
from rosette.core.access import Rule, access
from rosette.core.downloads import csv_response
from rosette.core.public_cache import CATALOGUE, award_stamp, public_cache
from rosette.core.ratelimit import client_key


def _noindex(response: HttpResponse, award: Award) -> HttpResponse:
    if award.visibility != Award.Visibility.PUBLIC or not award.is_active:
        response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    return response


@access(Rule.PUBLIC)
@public_cache(lambda code: [award_stamp(code), CATALOGUE])
def award_detail(request: HttpRequest, *, code: str) -> HttpResponse:
    """The award page: 404 for a private page unless it is yours (as for a wrong code)."""
    award = selectors.award_for_viewer(code=code, user=request.user)
    page = selectors.award_page(award=award, user=request.user)
    form = EndorsementForm() if page.can_endorse else None
    return _noindex(_render_page(request, page, form), award)


def _render_page(
    request: HttpRequest, page: selectors.AwardPage, form: Any, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "awards/award_detail.html",
        {"page": page, "award": page.award, "form": form, "honeypot": HONEYPOT,
         "not_competence": selectors.NOT_COMPETENCE},
        status=status,
    )  # fmt: skip


@require_POST
@access(Rule.PUBLIC)
def endorse(request: HttpRequest, *, code: str) -> HttpResponse:
    """Leave an endorsement from the award page; the endorser confirms by email."""
    award = selectors.award_for_viewer(code=code, user=request.user)
    page = selectors.award_page(award=award, user=request.user)
    if not page.can_endorse:
        messages.error(request, _("This badge is not taking endorsements."))
        return redirect(award)
    if request.POST.get(HONEYPOT):  # a bot: say the same as to a person, keep nothing
        return render(request, "awards/endorsement_sent.html", {"award": award})
    form = EndorsementForm(request.POST)
    if not form.is_valid():
        return _noindex(_render_page(request, page, form, status=400), award)
    try:
        user = request.user
        if isinstance(user, User) and selectors.manages_recipient(award=award, user=user):
            services.manager_endorsement_rate_limit(actor=user)
        else:
            services.endorsement_rate_limit(
                email=form.cleaned_data["email"], client=client_key(request)
            )
        services.endorsement_create(award=award, **form.cleaned_data)
    except services.EndorsementRefused as exc:
        form.add_error(None, str(exc))
        return _noindex(_render_page(request, page, form, status=429), award)
    return render(request, "awards/endorsement_sent.html", {"award": award})


@access(Rule.PUBLIC)
def endorsement_confirm(request: HttpRequest, *, token: str) -> HttpResponse:
    """The link in the endorser's email. GET asks (mail scanners open links); POST confirms."""
    try:
        endorsement = services.endorsement_for_token(token=token)
    except services.TokenProblem as exc:
        return render(request, "awards/endorsement_confirm.html", {"problem": str(exc)}, status=400)
    if request.method == "POST":
        endorsement = services.endorsement_confirm(endorsement=endorsement)
        return render(
            request, "awards/endorsement_confirm.html", {"endorsement": endorsement, "done": True}
        )
    return render(request, "awards/endorsement_confirm.html", {"endorsement": endorsement})


@access(Rule.PUBLIC)
def evidence_file(request: HttpRequest, *, code: str, public_id: Any) -> HttpResponseBase:
    """A recording or file of the evidence, served as evidence: never run, never inline HTML."""
    award = selectors.award_for_viewer(code=code, user=request.user)
    evidence = selectors.evidence_for_viewer(award=award, public_id=public_id, user=request.user)
    if evidence.attachment is not None:
        file, content_type, title = (
            evidence.attachment.file,
            evidence.attachment.content_type,
            evidence.attachment.title,
        )
    else:
        assert evidence.answer is not None
        file, content_type, title = evidence.answer.media, evidence.answer.media_type, None
    return uploads.serve_evidence(file, content_type, title)


@access(Rule.PUBLIC)
def certificate(request: HttpRequest, *, code: str) -> HttpResponse:
    """The certificate PDF of an award that is held (not for a suspended or revoked one)."""
    award = selectors.award_for_viewer(code=code, user=request.user)
    if not award.is_active:
        messages.error(request, _("There is no certificate for a badge that is not held."))
        return redirect(award)
    pdf = selectors.certificate_pdf(award=award)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{award.badge.slug}-certificate.pdf"'
    response["X-Robots-Tag"] = "noindex"
    return response


# --- the learner's own pages -------------------------------------------------------------------


@access(Rule.SIGNED_IN)
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The learner's badges: every award, its visibility, and progress towards pathways."""
    return render(
        request, "awards/mine.html", {"badges": selectors.learner_badges(user=request.user)}
    )


RECORD_COLUMNS = [
    "badge",
    "issuer",
    "awarded",
    "status",
    "hours of learning",
    "criteria",
    "award page",
]


@access(Rule.SIGNED_IN)
def record_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The learner's record for registration (PRTL), as a spreadsheet: one badge a row."""
    record = selectors.learner_record(user=request.user)
    rows = [
        [
            entry.award.badge.name,
            entry.award.badge.issuer.name,
            entry.award.awarded_at.date().isoformat(),
            entry.award.status,
            "" if entry.hours is None else f"{entry.hours:g}",
            "; ".join(entry.criteria),
            entry.url,
        ]
        for entry in record.entries
    ]
    return csv_response(f"badges-record-{record.made_at:%Y%m%d}.csv", RECORD_COLUMNS, rows)


@access(Rule.SIGNED_IN)
def record_pdf(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The learner's record for registration (PRTL), as a PDF to keep."""
    record = selectors.learner_record(user=request.user)
    response = HttpResponse(
        selectors.learner_record_pdf(record=record), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="badges-record-{record.made_at:%Y%m%d}.pdf"'
    )
    return response


@access(Rule.OWNER)
def award_settings(request: AuthenticatedHttpRequest, *, code: str) -> HttpResponse:
    award = selectors.award_for_recipient(code=code, user=request.user)
    evidence = selectors.evidence_for_settings(award)
    shown = [str(e.public_id) for e in evidence if e.visible]
    initial = {
        "visibility": award.visibility,
        "name_display": award.name_display,
        "endorsements_open": award.endorsements_open,
        "shown": shown,
    }
    form = AwardSettingsForm(request.POST or None, initial=initial, evidence=evidence)
    if request.method == "POST" and form.is_valid():
        services.award_settings_update(
            award=award,
            actor=request.user,
            visibility=form.cleaned_data["visibility"],
            name_display=form.cleaned_data["name_display"],
            endorsements_open=form.cleaned_data["endorsements_open"],
            hidden_evidence=form.hidden_evidence(),
        )
        messages.success(request, _("Your award page settings are saved."))
        return redirect("awards:settings", code=award.code)
    withdrawn = [e for e in evidence if e.withdrawn_at is not None]
    current = [e for e in evidence if e.withdrawn_at is None]
    return render(
        request,
        "awards/settings.html",
        {"award": award, "form": form, "evidence": current, "withdrawn": withdrawn},
        status=400 if form.errors else 200,
    )


@require_POST
@access(Rule.OWNER)
def evidence_withdraw(
    request: AuthenticatedHttpRequest, *, code: str, public_id: Any
) -> HttpResponse:
    award = selectors.award_for_recipient(code=code, user=request.user)
    evidence = selectors.evidence_for_viewer(award=award, public_id=public_id, user=request.user)
    services.evidence_withdraw(evidence=evidence, actor=request.user)
    messages.success(request, _("That evidence is withdrawn from your award page."))
    return redirect("awards:settings", code=award.code)


@access(Rule.OWNER)
def endorsements(request: AuthenticatedHttpRequest, *, code: str) -> HttpResponse:
    """The learner publishes or hides each confirmed endorsement."""
    award = selectors.award_for_recipient(code=code, user=request.user)
    rows = selectors.endorsements_for_learner(award)
    return render(
        request,
        "awards/endorsements.html",
        {
            "award": award,
            "rows": [(e, EndorsementDecisionForm(prefix=str(e.public_id))) for e in rows],
        },
    )


@require_POST
@access(Rule.OWNER)
def endorsement_decide(
    request: AuthenticatedHttpRequest, *, code: str, public_id: Any
) -> HttpResponse:
    award = selectors.award_for_recipient(code=code, user=request.user)
    endorsement = selectors.endorsement_for_learner(award=award, public_id=public_id)
    form = EndorsementDecisionForm(request.POST, prefix=str(endorsement.public_id))
    if form.is_valid():
        try:
            services.endorsement_decide(
                endorsement=endorsement,
                actor=request.user,
                publish=form.cleaned_data["decision"] == "publish",
                dismiss_reason=form.cleaned_data["dismiss_reason"],
            )
        except services.AwardError as exc:
            form.add_error("dismiss_reason", str(exc))
        else:
            messages.success(
                request,
                _("The endorsement is published.")
                if form.cleaned_data["decision"] == "publish"
                else _("The endorsement is hidden."),
            )
            return redirect("awards:endorsements", code=award.code)
    rows = [
        (e, form if e.pk == endorsement.pk else EndorsementDecisionForm(prefix=str(e.public_id)))
        for e in selectors.endorsements_for_learner(award)
    ]
    return render(
        request, "awards/endorsements.html", {"award": award, "rows": rows, "failed": form},
        status=400,
    )  # fmt: skip


# --- managers ----------------------------------------------------------------------------------


@access(Rule.MANAGER)
def team(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The badges of the people a manager manages, each with an Endorse action."""
    return render(
        request,
        "awards/team.html",
        {
            "awards": selectors.team_awards(user=request.user),
            "not_competence": selectors.NOT_COMPETENCE,
        },
    )


@access(Rule.MANAGER)
def team_endorse(request: AuthenticatedHttpRequest, *, code: str) -> HttpResponse:
    award = selectors.award_for_manager(code=code, user=request.user)
    form = ManagerEndorsementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.manager_endorsement_rate_limit(actor=request.user)
            services.endorsement_create_by_manager(
                award=award, actor=request.user, message=form.cleaned_data["message"]
            )
        except services.EndorsementRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Thank you. %(name)s can now publish your endorsement on their award page.")
                % {"name": award.recipient.get_short_name()},
            )
            return redirect("awards:team")
    return render(
        request,
        "awards/team_endorse.html",
        {"award": award, "form": form, "not_competence": selectors.NOT_COMPETENCE},
        status=400 if form.errors else 200,
    )


# --- issuer admins -----------------------------------------------------------------------------


@access(Rule.ISSUER_ADMIN)
def issuer_awards(request: AuthenticatedHttpRequest, *, slug: str) -> HttpResponse:
    """The issuer's awards, to suspend, revoke or restore one; and the endorsement rules."""
    issuer = selectors.issuer_for_admin(slug=slug, user=request.user)
    status = request.GET.get("status", "")
    page = Paginator(selectors.issuer_awards(issuer=issuer, status=status), 50).get_page(
        request.GET.get("page")
    )
    badges = issuer.badges.select_related("endorsement_rule").order_by("position", "name")
    return render(
        request,
        "awards/issuer_awards.html",
        {"issuer": issuer, "page": page, "status": status, "statuses": Award.Status.choices,
         "badges": badges},
    )  # fmt: skip


@access(Rule.ISSUER_ADMIN)
@reauthentication_required(allow_get=True)
def issuer_award_status(request: AuthenticatedHttpRequest, *, slug: str, code: str) -> HttpResponse:
    """Suspend, revoke or restore an award, with a reason (after signing in again)."""
    issuer = selectors.issuer_for_admin(slug=slug, user=request.user)
    award = selectors.award_for_issuer_admin(issuer=issuer, code=code)
    form = AwardStatusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.award_status_change(
                award=award,
                actor=request.user,
                action=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
            )
        except services.AwardError as exc:
            form.add_error("action", str(exc))
        else:
            messages.success(request, _("The award is %(status)s.") % {
                "status": Award.objects.get(pk=award.pk).get_status_display().lower()})  # fmt: skip
            return redirect("awards:issuer_awards", slug=issuer.slug)
    return render(
        request,
        "awards/issuer_award_status.html",
        {"issuer": issuer, "award": award, "form": form,
         "effects": selectors.status_change_effects(award=award)},
        status=400 if form.errors else 200,
    )  # fmt: skip


@access(Rule.ISSUER_ADMIN)
def issuer_endorsement_rule(
    request: AuthenticatedHttpRequest, *, slug: str, badge: str
) -> HttpResponse:
    """Require a manager's endorsement of a badge within a number of days (rule 15)."""
    issuer = selectors.issuer_for_admin(slug=slug, user=request.user)
    badge_obj = get_object_or_404(issuer.badges, slug=badge)
    rule = BadgeEndorsementRule.objects.filter(badge=badge_obj).first()
    form = EndorsementRuleForm(request.POST or None, initial={"days": rule.days if rule else None})
    if request.method == "POST" and form.is_valid():
        services.badge_endorsement_rule_set(
            badge=badge_obj, days=form.cleaned_data["days"], actor=request.user
        )
        messages.success(
            request, _("The endorsement rule of %(badge)s is saved.") % {"badge": badge_obj.name}
        )
        return redirect("awards:issuer_awards", slug=issuer.slug)
    return render(
        request,
        "awards/issuer_endorsement_rule.html",
        {"issuer": issuer, "badge": badge_obj, "form": form},
        status=400 if form.errors else 200,
    )
