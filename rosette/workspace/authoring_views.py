"""Badge authoring: create, edit (a new version once published), preview, publish and retire
badges; pathways; materials; the issuer's profile and reasons for declining (C12).

Every view is for issuer admins of the issuer in the URL: anyone else gets 404 from the
guarded reads in ``workspace.selectors``, on GET and POST alike."""

from __future__ import annotations

from django.contrib import messages
from django.forms import BaseForm, BaseFormSet
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rosette.accounts.http import AuthenticatedHttpRequest
from rosette.applications import uploads
from rosette.assessment import services as assessment
from rosette.awards import services as awards
from rosette.catalogue import selectors as catalogue_selectors
from rosette.catalogue import services as catalogue
from rosette.catalogue.models import Badge, BadgeVersion, Category, Issuer
from rosette.catalogue.views import serve_image
from rosette.core.access import Rule, access
from rosette.workspace import selectors, services
from rosette.workspace.authoring_forms import (
    BadgeForm,
    DeclineReasonForm,
    EndorsementRuleForm,
    IssuerProfileForm,
    MaterialForm,
    NewBadgeForm,
    PathwayForm,
    PrerequisitesForm,
    QuestionFormSet,
    RequirementsForm,
    RubricForm,
)

MAX_MATERIAL_BYTES = 20_000_000


def _badge(request: AuthenticatedHttpRequest, slug: str, badge: str) -> tuple[Issuer, Badge]:
    issuer = selectors.issuer_for_admin(user=request.user, slug=slug)
    return issuer, selectors.badge_for_admin(issuer=issuer, slug=badge)


def _version(
    request: AuthenticatedHttpRequest, slug: str, badge: str, number: int
) -> tuple[Issuer, Badge, BadgeVersion]:
    """A version of one of the issuer's badges (editing pages refuse a published one)."""
    issuer, badge_obj = _badge(request, slug, badge)
    return issuer, badge_obj, selectors.version_for_admin(badge=badge_obj, number=number)


def _category(form: BadgeForm) -> Category | None:
    data = form.cleaned_data
    new = (data.get("new_category") or "").strip()
    if new:
        return catalogue.category_ensure(slug=slugify(new)[:50] or "category", name=new)
    category: Category | None = data.get("category")
    return category


def _render(
    request: AuthenticatedHttpRequest,
    template: str,
    context: dict[str, object],
    form: BaseForm | BaseFormSet,  # type: ignore[type-arg]  # any formset
) -> HttpResponse:
    """The page, with 400 when what was posted has errors (shown beside each field)."""
    if isinstance(form, BaseFormSet):
        has_errors = form.is_bound and (any(form.errors) or bool(form.non_form_errors()))
    else:
        has_errors = bool(form.errors)
    return render(request, template, context, status=400 if has_errors else 200)


# --- badges ----------------------------------------------------------------------------------


@access(Rule.ISSUER_ADMIN)
def badge_list(request: AuthenticatedHttpRequest, *, slug: str) -> HttpResponse:
    issuer = selectors.issuer_for_admin(user=request.user, slug=slug)
    return render(
        request,
        "workspace/badge_list.html",
        {"issuer": issuer, "badges": selectors.issuer_badges(issuer=issuer)},
    )


@access(Rule.ISSUER_ADMIN)
def badge_new(request: AuthenticatedHttpRequest, *, slug: str) -> HttpResponse:
    issuer = selectors.issuer_for_admin(user=request.user, slug=slug)
    form = NewBadgeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            badge, _version = services.badge_author(
                issuer=issuer,
                actor=request.user,
                name=data["name"],
                summary=data["summary"],
                kind=data["kind"],
                category=_category(form),
                image=data["image"],
            )
        except catalogue.CatalogueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("%(name)s is created as a draft.") % {"name": badge.name})
            return redirect("workspace:badge", slug=issuer.slug, badge=badge.slug)
    return _render(request, "workspace/badge_new.html", {"issuer": issuer, "form": form}, form)


@access(Rule.ISSUER_ADMIN)
def badge_overview(request: AuthenticatedHttpRequest, *, slug: str, badge: str) -> HttpResponse:
    """The badge's task list: each section of its draft, its versions, publish and retire."""
    issuer, badge_obj = _badge(request, slug, badge)
    overview = selectors.badge_overview(badge=badge_obj)
    problems = catalogue.publish_problems(overview.draft) if overview.draft else []
    return render(
        request,
        "workspace/badge_overview.html",
        {"issuer": issuer, "badge": badge_obj, "overview": overview, "problems": problems},
    )


@access(Rule.ISSUER_ADMIN)
def badge_image(request: AuthenticatedHttpRequest, *, slug: str, badge: str) -> HttpResponseBase:
    """The badge's image while it is a draft (the public one serves published badges only)."""
    _issuer, badge_obj = _badge(request, slug, badge)
    return serve_image(badge_obj.image)


@access(Rule.ISSUER_ADMIN)
def badge_details(request: AuthenticatedHttpRequest, *, slug: str, badge: str) -> HttpResponse:
    issuer, badge_obj = _badge(request, slug, badge)
    form = BadgeForm(
        request.POST or None,
        request.FILES or None,
        initial={
            "name": badge_obj.name,
            "summary": badge_obj.summary,
            "category": badge_obj.category,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            catalogue.badge_update(
                badge=badge_obj,
                actor=request.user,
                name=data["name"],
                summary=data["summary"],
                category=_category(form),
                image=data["image"],
            )
        except catalogue.CatalogueError as exc:
            form.add_error("image", str(exc))
        else:
            messages.success(request, _("The badge's details are saved."))
            return redirect("workspace:badge", slug=issuer.slug, badge=badge_obj.slug)
    return _render(
        request,
        "workspace/badge_details.html",
        {"issuer": issuer, "badge": badge_obj, "form": form},
        form,
    )


@access(Rule.ISSUER_ADMIN)
@require_POST
def version_start(request: AuthenticatedHttpRequest, *, slug: str, badge: str) -> HttpResponse:
    """Edit a badge: its open draft, or a new version copied from the published one."""
    issuer, badge_obj = _badge(request, slug, badge)
    try:
        draft = services.badge_edit_start(badge=badge_obj, actor=request.user)
    except catalogue.CatalogueError as exc:
        messages.error(request, str(exc))
        return redirect("workspace:badge", slug=issuer.slug, badge=badge_obj.slug)
    messages.success(
        request,
        _("Version %(n)s is a draft: applications already started keep their version.")
        % {"n": draft.number},
    )
    return redirect("workspace:badge", slug=issuer.slug, badge=badge_obj.slug)


def _published_refusal(
    request: AuthenticatedHttpRequest, issuer: Issuer, badge: Badge, version: BadgeVersion
) -> HttpResponse | None:
    if version.published_at is None:
        return None
    return render(
        request,
        "workspace/version_published.html",
        {"issuer": issuer, "badge": badge, "version": version},
        status=409 if request.method == "POST" else 200,
    )


@access(Rule.ISSUER_ADMIN)
def version_requirements(
    request: AuthenticatedHttpRequest, *, slug: str, badge: str, number: int
) -> HttpResponse:
    issuer, badge_obj, version = _version(request, slug, badge, number)
    if (refused := _published_refusal(request, issuer, badge_obj, version)) is not None:
        return refused
    form = RequirementsForm(request.POST or None, initial=RequirementsForm.initial_for(version))
    if request.method == "POST" and form.is_valid():
        try:
            catalogue.badge_version_edit(version=version, actor=request.user, **form.changes())
        except catalogue.CatalogueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The requirements are saved."))
            return redirect("workspace:badge", slug=issuer.slug, badge=badge_obj.slug)
    return _render(
        request,
        "workspace/version_requirements.html",
        {"issuer": issuer, "badge": badge_obj, "version": version, "form": form},
        form,
    )


@access(Rule.ISSUER_ADMIN)
def version_questions(
    request: AuthenticatedHttpRequest, *, slug: str, badge: str, number: int
) -> HttpResponse:
    issuer, badge_obj, version = _version(request, slug, badge, number)
    if (refused := _published_refusal(request, issuer, badge_obj, version)) is not None:
        return refused
    initial = [
        {"prompt": q.prompt, "min_words": q.min_words, "guidance": q.guidance}
        for q in version.questions.all()
    ]
    formset = QuestionFormSet(request.POST or None, initial=initial, prefix="q")
    if request.method == "POST" and formset.is_valid():
        specs = [
            catalogue.QuestionSpec(
                prompt=f.cleaned_data["prompt"].strip(),
                min_words=f.cleaned_data.get("min_words") or 0,
                guidance=f.cleaned_data.get("guidance", ""),
            )
            for f in formset.forms
            if (f.cleaned_data.get("prompt") or "").strip()
        ]
        try:
            catalogue.badge_version_questions_set(
                version=version, actor=request.user, questions=specs
            )
        except catalogue.CatalogueError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The evidence questions are saved."))
            return redirect("workspace:badge", slug=issuer.slug, badge=badge_obj.slug)
    return _render(
        request,
        "workspace/version_questions.html",
        {"issuer": issuer, "badge": badge_obj, "version": version, "formset": formset},
        formset,
    )


@access(Rule.ISSUER_ADMIN)
def version_rubric(
    request: AuthenticatedHttpRequest, *, slug: str, badge: str, number: int
) -> HttpResponse:
    issuer, badge_obj, version = _version(request, slug, badge, number)
    if (refused := _published_refusal(request, issuer, badge_obj, version)) is not None:
        return refused
    rubric = assessment.rubric_ensure(version=version)
    question_rubrics = assessment.question_rubrics(rubric)
    form = RubricForm(
        request.POST or None,
        question_rubrics=question_rubrics,
        initial={"pass_mark": rubric.pass_mark, "every_question_met": rubric.every_question_met},
    )
    if request.method == "POST" and form.is_valid():
        try:
            assessment.rubric_set(
                version=version,
                actor=request.user,
                pass_mark=form.cleaned_data["pass_mark"],
                every_question_met=form.cleaned_data["every_question_met"],
                criteria=form.criteria(),
            )
        except assessment.AssessmentError as exc:
            form.add_error("pass_mark", str(exc))
        else:
            messages.success(request, _("The rubric is saved."))
            return redirect("workspace:badge", slug=issuer.slug, badge=badge_obj.slug)
    return _render(
        request,
        "workspace/version_rubric.html",
        {"issuer": issuer, "badge": badge_obj, "version": version, "form": form,
         "question_rubrics": question_rubrics},
        form,
    )  # fmt: skip


@access(Rule.ISSUER_ADMIN)
def version_preview(
    request: AuthenticatedHttpRequest, *, slug: str, badge: str, number: int
) -> HttpResponse:
    """The badge page exactly as learners will see this version (the real template)."""
    issuer, badge_obj, version = _version(request, slug, badge, number)
    page = catalogue_selectors.badge_page(badge=badge_obj, user=request.user, version=version)
    for material in page.materials:  # the public download serves published badges only
        if not material.is_link:
            material.preview_url = reverse(
                "workspace:material_file",
                kwargs={"slug": issuer.slug, "badge": badge_obj.slug,
                        "public_id": material.public_id},
            )  # fmt: skip
    return render(
        request,
        "workspace/version_preview.html",
        {
            "page": page,
            "preview": True,
            "preview_image_url": reverse(
                "workspace:badge_image", kwargs={"slug": issuer.slug, "badge": badge_obj.slug}
            ),
            "issuer": issuer,
            "preview_version": version,
        },
    )


@access(Rule.ISSUER_ADMIN)
def version_publish(
    request: AuthenticatedHttpRequest, *, slug: str, badge: str, number: int
) -> HttpResponse:
    issuer, badge_obj, version = _version(request, slug, badge, number)
    if (refused := _published_refusal(request, issuer, badge_obj, version)) is not None:
        return refused
    problems = catalogue.publish_problems(version)
    if request.method == "POST" and not problems:
        try:
            services.badge_version_publish(version=version, actor=request.user)
        except (catalogue.CatalogueError, assessment.AssessmentError) as exc:
            problems = [str(exc)]
        else:
            messages.success(
                request,
                _("Version %(n)s of %(name)s is published.")
                % {"n": version.number, "name": badge_obj.name},
            )
            return redirect("workspace:badge", slug=issuer.slug, badge=badge_obj.slug)
    return render(
        request,
        "workspace/version_publish.html",
        {"issuer": issuer, "badge": badge_obj, "version": version, "problems": problems},
        status=400 if request.method == "POST" else 200,
    )


@access(Rule.ISSUER_ADMIN)
def badge_retire(request: AuthenticatedHttpRequest, *, slug: str, badge: str) -> HttpResponse:
    issuer, badge_obj = _badge(request, slug, badge)
    if request.method == "POST":
        catalogue.badge_retire(badge=badge_obj, actor=request.user)
        messages.success(request, _("%(name)s is retired.") % {"name": badge_obj.name})
        return redirect("workspace:badges", slug=issuer.slug)
    return render(request, "workspace/badge_retire.html", {"issuer": issuer, "badge": badge_obj})


# --- prerequisites, pathway, materials, endorsement --------------------------------------------


@access(Rule.ISSUER_ADMIN)
def badge_prerequisites(
    request: AuthenticatedHttpRequest, *, slug: str, badge: str
) -> HttpResponse:
    issuer, badge_obj = _badge(request, slug, badge)
    choices = selectors.badges_to_choose(exclude=badge_obj).filter(kind=Badge.Kind.STANDARD)
    form = PrerequisitesForm(
        request.POST or None,
        choices=choices,
        initial={"prerequisites": list(badge_obj.prerequisites.all())},
    )
    if request.method == "POST" and form.is_valid():
        try:
            catalogue.badge_prerequisites_set(
                badge=badge_obj,
                actor=request.user,
                prerequisites=list(form.cleaned_data["prerequisites"]),
            )
        except catalogue.CatalogueError as exc:
            form.add_error("prerequisites", str(exc))
        else:
            messages.success(request, _("The prerequisites are saved."))
            return redirect("workspace:badge", slug=issuer.slug, badge=badge_obj.slug)
    return _render(
        request,
        "workspace/badge_prerequisites.html",
        {"issuer": issuer, "badge": badge_obj, "form": form},
        form,
    )


@access(Rule.ISSUER_ADMIN)
def badge_pathway(request: AuthenticatedHttpRequest, *, slug: str, badge: str) -> HttpResponse:
    """A pathway badge's contributing badges: all of them, or N of them."""
    issuer, badge_obj = _badge(request, slug, badge)
    choices = selectors.badges_to_choose(exclude=badge_obj).filter(
        kind=Badge.Kind.STANDARD, issuer=issuer
    )
    form = PathwayForm(
        request.POST or None,
        choices=choices,
        initial={"components": list(badge_obj.components.all()),
                 "components_required": badge_obj.components_required},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            catalogue.pathway_set(
                badge=badge_obj,
                actor=request.user,
                components=list(form.cleaned_data["components"]),
                components_required=form.cleaned_data["components_required"],
            )
        except catalogue.CatalogueError as exc:
            form.add_error("components", str(exc))
        else:
            messages.success(request, _("The pathway's badges are saved."))
            return redirect("workspace:badge", slug=issuer.slug, badge=badge_obj.slug)
    return _render(
        request,
        "workspace/badge_pathway.html",
        {"issuer": issuer, "badge": badge_obj, "form": form},
        form,
    )


@access(Rule.ISSUER_ADMIN)
def badge_materials(request: AuthenticatedHttpRequest, *, slug: str, badge: str) -> HttpResponse:
    """The badge's learning materials: add a file (checked like every upload) or a link."""
    issuer, badge_obj = _badge(request, slug, badge)
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data.get("file")
        try:
            if upload:
                checked = uploads.check_attachment(upload, max_bytes=MAX_MATERIAL_BYTES)
                content = upload.read(MAX_MATERIAL_BYTES + 1)
                catalogue.material_add(
                    badge=badge_obj,
                    actor=request.user,
                    title=data["title"],
                    description=data["description"],
                    filename="material" + uploads.EXTENSIONS[checked.content_type],
                    content=content,
                )
            else:
                catalogue.material_add(
                    badge=badge_obj,
                    actor=request.user,
                    title=data["title"],
                    description=data["description"],
                    url=data["url"],
                )
        except uploads.UploadRejected as exc:
            form.add_error("file", str(exc))
        except catalogue.CatalogueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("%(title)s is added.") % {"title": data["title"]})
            return redirect("workspace:badge_materials", slug=issuer.slug, badge=badge_obj.slug)
    return _render(
        request,
        "workspace/badge_materials.html",
        {
            "issuer": issuer,
            "badge": badge_obj,
            "form": form,
            "materials": list(badge_obj.materials.all()),
        },
        form,
    )


@access(Rule.ISSUER_ADMIN)
def material_file(
    request: AuthenticatedHttpRequest, *, slug: str, badge: str, public_id: str
) -> HttpResponseBase:
    """A material's file, for the admin's preview of a badge not yet published."""
    _issuer, badge_obj = _badge(request, slug, badge)
    material = selectors.material_for_admin(badge=badge_obj, public_id=public_id)
    if material.is_link:
        raise Http404
    return FileResponse(
        material.file.open("rb"),
        as_attachment=True,
        filename=f"{material.title}.{material.extension}",
    )


@access(Rule.ISSUER_ADMIN)
@require_POST
def material_remove(
    request: AuthenticatedHttpRequest, *, slug: str, badge: str, public_id: str
) -> HttpResponse:
    issuer, badge_obj = _badge(request, slug, badge)
    material = selectors.material_for_admin(badge=badge_obj, public_id=public_id)
    catalogue.material_remove(material=material, actor=request.user)
    messages.success(request, _("%(title)s is removed.") % {"title": material.title})
    return redirect("workspace:badge_materials", slug=issuer.slug, badge=badge_obj.slug)


@access(Rule.ISSUER_ADMIN)
def badge_endorsement(request: AuthenticatedHttpRequest, *, slug: str, badge: str) -> HttpResponse:
    """Whether an award needs the learner's manager to endorse it, and within how many days
    (rule 15)."""
    issuer, badge_obj = _badge(request, slug, badge)
    days = selectors.badge_overview(badge=badge_obj).endorsement_days
    form = EndorsementRuleForm(
        request.POST or None, initial={"required": "yes" if days else "no", "days": days or 91}
    )
    if request.method == "POST" and form.is_valid():
        required = form.cleaned_data["required"] == "yes"
        awards.badge_endorsement_rule_set(
            badge=badge_obj,
            days=form.cleaned_data["days"] if required else None,
            actor=request.user,
        )
        messages.success(request, _("The endorsement rule is saved."))
        return redirect("workspace:badge", slug=issuer.slug, badge=badge_obj.slug)
    return _render(
        request,
        "workspace/badge_endorsement.html",
        {"issuer": issuer, "badge": badge_obj, "form": form},
        form,
    )


# --- the issuer ------------------------------------------------------------------------------


@access(Rule.ISSUER_ADMIN)
def decline_reasons(request: AuthenticatedHttpRequest, *, slug: str) -> HttpResponse:
    """The reasons assessors may give for declining (recorded, never sent to the learner)."""
    issuer = selectors.issuer_for_admin(user=request.user, slug=slug)
    form = DeclineReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assessment.decline_reason_add(
                issuer=issuer, actor=request.user, label=form.cleaned_data["label"]
            )
        except assessment.AssessmentError as exc:
            form.add_error("label", str(exc))
        else:
            messages.success(request, _("The reason is added."))
            return redirect("workspace:decline_reasons", slug=issuer.slug)
    reasons = assessment.decline_reasons_ensure(issuer=issuer)
    return _render(
        request,
        "workspace/decline_reasons.html",
        {"issuer": issuer, "form": form, "reasons": reasons},
        form,
    )


@access(Rule.ISSUER_ADMIN)
@require_POST
def decline_reason_retire(
    request: AuthenticatedHttpRequest, *, slug: str, reason: str
) -> HttpResponse:
    issuer = selectors.issuer_for_admin(user=request.user, slug=slug)
    found = selectors.decline_reason_for_admin(issuer=issuer, slug=reason)
    try:
        assessment.decline_reason_retire(reason=found, actor=request.user)
    except assessment.AssessmentError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("“%(label)s” is no longer offered.") % {"label": found.label})
    return redirect("workspace:decline_reasons", slug=issuer.slug)


@access(Rule.ISSUER_ADMIN)
def issuer_profile(request: AuthenticatedHttpRequest, *, slug: str) -> HttpResponse:
    """The issuer's public profile: name, description, website, contact, logo and banner."""
    issuer = selectors.issuer_for_admin(user=request.user, slug=slug)
    form = IssuerProfileForm(
        request.POST or None,
        request.FILES or None,
        initial=IssuerProfileForm.initial_for(issuer),
        issuer=issuer,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            catalogue.issuer_update(
                issuer=issuer,
                actor=request.user,
                name=data["name"],
                description=data["description"],
                url=data["url"],
                email=data["email"],
                image=data["image"],
                banner=data["banner"],
                banner_alt=data["banner_alt"],
                remove_image=data.get("remove_image", False),
                remove_banner=data.get("remove_banner", False),
            )
        except catalogue.CatalogueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The issuer's profile is saved."))
            return redirect("workspace:issuer", slug=issuer.slug)
    return _render(request, "workspace/issuer_profile.html", {"issuer": issuer, "form": form}, form)
