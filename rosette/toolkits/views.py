from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from rosette.accounts.http import AuthenticatedHttpRequest
from rosette.accounts.models import User
from rosette.accounts.roles import is_manager
from rosette.core.access import Rule, access
from rosette.teams.models import Membership, Organisation
from rosette.toolkits import selectors, services
from rosette.toolkits.forms import AssessmentForm, InviteForm, SettingForm, ShareForm
from rosette.toolkits.models import ChecklistItem, RiskAssessment

PAGE_SIZE = 20


def _crumbs(assessment: RiskAssessment, *more: tuple[str, str | None]) -> list[Any]:
    return [
        (_("Your risk assessments"), reverse("toolkits:assessment_list")),
        (assessment.setting_name, assessment.get_absolute_url() if more else None),
        *more,
    ]


@access(Rule.PUBLIC)
def guide_detail(request: HttpRequest, *, slug: str) -> HttpResponse:
    guide, version = selectors.guide_for_public(slug=slug)
    return render(request, "toolkits/guide_detail.html", {"guide": guide, "version": version})


@access(Rule.SIGNED_IN)
def assessment_start(request: AuthenticatedHttpRequest, *, slug: str) -> HttpResponse:
    guide, version = selectors.guide_for_public(slug=slug)
    form = SettingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_start(
                version=version,
                actor=request.user,
                setting_name=form.cleaned_data["setting_name"],
                setting_kind=form.cleaned_data["setting_kind"],
                setting_description=form.cleaned_data["setting_description"],
            )
        except services.ToolkitError as error:
            form.add_error("setting_name", str(error))
        else:
            return redirect(assessment)
    return render(
        request,
        "toolkits/assessment_start.html",
        {
            "guide": guide,
            "version": version,
            "form": form,
            "crumbs": [
                (_("Your risk assessments"), reverse("toolkits:assessment_list")),
                (version.title, guide.get_absolute_url()),
                (_("Start"), None),
            ],
        },
    )


@access(Rule.SIGNED_IN)
def assessment_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    assessments = selectors.assessments_for_person(user=request.user)
    page = Paginator(assessments, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "toolkits/assessment_list.html",
        {"page": page, "guides": selectors.guide_list(), "is_manager": is_manager(request.user)},
    )


@access(Rule.MANAGER)
def shared_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    assessments = selectors.assessments_shared_with_manager(user=request.user)
    page = Paginator(assessments, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "toolkits/shared_list.html", {"page": page})


def _edit_page(
    request: HttpRequest,
    assessment: RiskAssessment,
    form: AssessmentForm,
    *,
    conflict: services.StaleAssessment | None = None,
    differences: list[tuple[str, str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "toolkits/assessment_edit.html",
        {
            "assessment": assessment,
            "version": assessment.guide_version,
            "form": form,
            "sections": form.sections(),
            "actions": form.checklist(ChecklistItem.Kind.ACTION),
            "more_actions": form.checklist(ChecklistItem.Kind.MORE),
            "conflict": conflict,
            "differences": differences or [],
            "is_owner": assessment.owner_id == request.user.pk,
            "crumbs": _crumbs(assessment),
        },
        status=status,
    )


@access(Rule.OWNER)
def assessment_edit(request: AuthenticatedHttpRequest, *, public_id: str) -> HttpResponse:
    """The assessment itself: one page, saved as the person types (htmx) and by its Save
    button (without JavaScript). A save based on an old version is refused, and the person's
    text is shown back to them."""
    assessment = selectors.assessment_for_editor(user=request.user, public_id=public_id)
    assessment = selectors.assessment_with_entries(assessment=assessment)
    if request.method != "POST":
        return _edit_page(request, assessment, AssessmentForm(assessment=assessment))

    autosave = request.headers.get("HX-Request") == "true" and "autosave" in request.POST
    form = AssessmentForm(request.POST, assessment=assessment)
    if not form.is_valid():
        if autosave:
            return _autosave_status(request, form, error=_("Not saved: check the page for errors."))
        return _edit_page(request, assessment, form, status=400)
    try:
        saved = services.assessment_save(
            assessment=assessment,
            actor=request.user,
            based_on=form.cleaned_data["version"],
            entries=form.entry_inputs(),
            checklist=form.checklist_inputs(),
        )
    except services.StaleAssessment as conflict:
        current = selectors.assessment_with_entries(assessment=assessment)
        differences = form.differences_from(AssessmentForm(assessment=current))
        if differences:
            if autosave:
                return _autosave_status(request, form, conflict=conflict)
            return _conflict_page(request, current, form, conflict, differences)
        # What this page holds is what is saved (an autosave raced the Save button, say).
        saved = current
    if autosave:
        return _autosave_status(request, form, version=saved.version)
    anchor = _explain(request, saved)
    if anchor is not None:
        return redirect(saved.get_absolute_url() + anchor)
    if request.POST.get("action") == "complete":
        try:
            services.assessment_complete(assessment=saved, actor=request.user)
        except services.ToolkitError as error:
            messages.error(request, str(error))
            return redirect(saved)
        messages.success(request, _("Your risk assessment is complete."))
        return redirect("toolkits:assessment_summary", public_id=saved.public_id)
    messages.success(request, _("Your risk assessment has been saved."))
    return redirect(saved)


def _explain(request: AuthenticatedHttpRequest, assessment: RiskAssessment) -> str | None:
    """If the person asked to say a finding does not identify anyone (the button beside it
    posts the whole form, so nothing typed is lost), record it. Returns the anchor of the
    field to go back to, or None if that was not asked."""
    action = request.POST.get("action", "")
    if not action.startswith("explain:"):
        return None
    field, _sep, key = action.removeprefix("explain:").partition(":")
    try:
        services.assessment_finding_explain(
            assessment=assessment,
            actor=request.user,
            field=field,
            key=key,
            reason=request.POST.get(f"why:{field}:{key}", ""),
        )
    except services.ToolkitError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Noted: you said it does not identify anyone, and why."))
    return f"#id_{field}"


def _conflict_page(
    request: HttpRequest,
    current: RiskAssessment,
    form: AssessmentForm,
    conflict: services.StaleAssessment,
    differences: list[tuple[str, str]],
) -> HttpResponse:
    """Show the person's own text again, with what is saved now where it differs, based on
    the current version so that saving again is a deliberate choice."""
    data: QueryDict = request.POST.copy()
    data["version"] = str(conflict.current_version)
    shown = AssessmentForm(data, assessment=current)
    shown.is_valid()
    return _edit_page(
        request, current, shown, conflict=conflict, differences=differences, status=409
    )


def _autosave_status(
    request: HttpRequest,
    form: AssessmentForm,
    *,
    version: int | None = None,
    conflict: services.StaleAssessment | None = None,
    error: str | None = None,
) -> HttpResponse:
    response = render(
        request,
        "toolkits/_autosave_status.html",
        {
            "conflict": conflict,
            "error": error,
            "saved_at": timezone.localtime(),
            "screened": form.screened_fields(),
        },
    )
    if version is not None:
        # toolkits.js moves the form's version on, so the next save is based on this one.
        response["HX-Trigger"] = json.dumps({"rosette:saved": {"version": version}})
    return response


@access(Rule.OWNER)
def assessment_setting(request: AuthenticatedHttpRequest, *, public_id: str) -> HttpResponse:
    assessment = selectors.assessment_for_editor(user=request.user, public_id=public_id)
    initial = {
        "setting_kind": assessment.setting_kind,
        "setting_name": assessment.setting_name,
        "setting_description": assessment.setting_description,
        "version": assessment.version,
    }
    explained = selectors.explained_keys(assessment).get("setting_description", frozenset())
    form = SettingForm(request.POST or None, initial=initial, explained=explained, explainable=True)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_setting_update(
                assessment=assessment,
                actor=request.user,
                based_on=form.cleaned_data["version"] or 0,
                setting_name=form.cleaned_data["setting_name"],
                setting_kind=form.cleaned_data["setting_kind"],
                setting_description=form.cleaned_data["setting_description"],
            )
        except services.StaleAssessment as error:
            conflict = error
            data = request.POST.copy()
            data["version"] = str(error.current_version)
            form = SettingForm(data, initial=initial, explained=explained, explainable=True)
            form.is_valid()
        except services.ToolkitError as error:
            form.add_error("setting_name", str(error))
        else:
            assessment.refresh_from_db()
            anchor = _explain(request, assessment)
            if anchor is not None:
                return redirect(request.path + anchor)
            messages.success(request, _("The setting has been changed."))
            if "setting_description" in selectors.unexplained_findings(assessment):
                # Stay on this page, where the description's findings are shown.
                return redirect(request.path + "#id_setting_description-privacy")
            return redirect(assessment)
    return render(
        request,
        "toolkits/assessment_setting.html",
        {
            "assessment": assessment,
            "form": form,
            "conflict": conflict,
            "crumbs": _crumbs(assessment, (_("Change the setting"), None)),
        },
    )


@access(Rule.OWNER)
def assessment_summary(request: AuthenticatedHttpRequest, *, public_id: str) -> HttpResponse:
    assessment = selectors.assessment_for_viewer(user=request.user, public_id=public_id)
    summary = selectors.assessment_summary(assessment=assessment)
    can_edit = assessment.owner_id == request.user.pk or any(
        c.pk == request.user.pk for c in summary.contributors
    )
    not_given = _("None")
    meta = [
        (
            _("Guide"),
            _("%(title)s, version %(number)s")
            % {"title": assessment.guide_version.title, "number": assessment.guide_version.number},
        ),
        (_("Setting"), assessment.get_setting_kind_display()),
        (_("About the setting"), summary.setting_description or not_given),
        (_("Started by"), assessment.owner.get_full_name()),
        (
            _("Contributors"),
            ", ".join(c.get_full_name() for c in summary.contributors) or not_given,
        ),
        (
            _("Shared with managers at"),
            assessment.organisation.name
            if assessment.organisation and assessment.shared_with_managers
            else not_given,
        ),
    ]
    crumbs = (
        _crumbs(assessment, (_("Heat map and action plan"), None))
        if can_edit
        else [
            (_("Shared with you"), reverse("toolkits:shared_list")),
            (assessment.setting_name, None),
        ]
    )
    return render(
        request,
        "toolkits/assessment_summary.html",
        {
            "summary": summary,
            "assessment": assessment,
            "can_edit": can_edit,
            "meta": meta,
            "crumbs": crumbs,
        },
    )


@access(Rule.OWNER)
def assessment_pdf(request: AuthenticatedHttpRequest, *, public_id: str) -> HttpResponse:
    assessment = selectors.assessment_for_viewer(user=request.user, public_id=public_id)
    pdf = selectors.assessment_pdf(assessment=assessment)
    filename = f"risk-assessment-{slugify(assessment.setting_name) or 'setting'}.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _organisations_of(user: User) -> list[Organisation]:
    return list(
        Organisation.objects.filter(
            memberships__user=user, memberships__status=Membership.Status.ACTIVE
        )
        .distinct()
        .order_by("name")
    )


@access(Rule.OWNER)
def assessment_share(request: AuthenticatedHttpRequest, *, public_id: str) -> HttpResponse:
    """The owner keeps the assessment with an organisation, shares it with its managers, and
    invites colleagues there to contribute."""
    assessment = selectors.assessment_for_owner(user=request.user, public_id=public_id)
    organisations = _organisations_of(request.user)
    action = request.POST.get("action") if request.method == "POST" else None
    share_form = ShareForm(
        request.POST if action == "share" else None,
        organisations=organisations,
        initial={
            "organisation": assessment.organisation_id,
            "with_managers": assessment.shared_with_managers,
        },
        prefix="share",
    )
    invite_form = InviteForm(request.POST if action == "invite" else None, prefix="invite")
    status = 200
    try:
        if action == "share" and share_form.is_valid():
            organisation_id = share_form.cleaned_data["organisation"]
            services.assessment_share(
                assessment=assessment,
                actor=request.user,
                organisation=share_form.organisations.get(organisation_id),
                with_managers=share_form.cleaned_data["with_managers"],
            )
            messages.success(request, _("Sharing has been updated."))
            return redirect("toolkits:assessment_share", public_id=assessment.public_id)
        if action == "invite" and invite_form.is_valid():
            services.contributor_invite_rate_limit(actor=request.user)
            added = services.contributor_invite(
                assessment=assessment, actor=request.user, email=invite_form.cleaned_data["email"]
            )
            messages.success(
                request, _("%(name)s can now contribute.") % {"name": added.user.get_full_name()}
            )
            return redirect("toolkits:assessment_share", public_id=assessment.public_id)
        if action == "remove":
            user_id = request.POST.get("user", "")
            contributor = (
                assessment.contributors.filter(user_id=int(user_id)).first()
                if user_id.isdigit()
                else None
            )
            if contributor is not None:
                services.contributor_remove(contributor=contributor, actor=request.user)
                messages.success(request, _("The contributor has been removed."))
            return redirect("toolkits:assessment_share", public_id=assessment.public_id)
    except services.ToolkitError as error:
        form = invite_form if action == "invite" else share_form
        field = "email" if action == "invite" else "organisation"
        form.add_error(field, str(error))
        if isinstance(error, services.InviteLimitReached):
            status = 429
    return render(
        request,
        "toolkits/assessment_share.html",
        {
            "assessment": assessment,
            "share_form": share_form,
            "invite_form": invite_form,
            "contributors": list(assessment.contributors.select_related("user")),
            "crumbs": _crumbs(assessment, (_("Share"), None)),
        },
        status=status,
    )
