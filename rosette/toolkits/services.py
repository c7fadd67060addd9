"""State changes of the toolkit: guides and their versions, assessments, sharing, reminders."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rosette import privacy
from rosette.accounts.models import User
from rosette.catalogue.models import Issuer
from rosette.core.models import AuditEvent, record_event
from rosette.core.public_cache import CATALOGUE, stamps_change
from rosette.core.ratelimit import consume
from rosette.teams.models import Membership, Organisation
from rosette.toolkits import selectors
from rosette.toolkits.models import (
    ChecklistItem,
    Contributor,
    Guide,
    GuideVersion,
    PrivacyExplanation,
    Risk,
    RiskAssessment,
    RiskEntry,
)


class ToolkitError(Exception):
    """A toolkit rule was broken; the message is for the person who tried."""


class IdentifyingText(ToolkitError):
    """Text that must not identify anyone does (the privacy screener found something)."""

    def __init__(self, findings: Sequence[privacy.Finding]) -> None:
        self.findings = list(findings)
        reasons = " ".join(dict.fromkeys(f.reason for f in self.findings))
        super().__init__(
            _("Describe the setting without identifying anyone. %(reasons)s") % {"reasons": reasons}
        )


class StaleAssessment(ToolkitError):
    """The assessment was saved by someone else (or another tab) since this copy was loaded."""

    def __init__(self, *, current_version: int, saved_by: str, saved_at: datetime.datetime | None):
        self.current_version = current_version
        self.saved_by = saved_by
        self.saved_at = saved_at
        super().__init__(
            _(
                "Your changes were not saved: %(who)s saved this assessment after you opened it. "
                "Your text is shown below. Check it against theirs, then save again."
            )
            % {"who": saved_by}
        )


# --- guides ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RiskSpec:
    title: str
    description: str
    questions: Sequence[str] = field(default_factory=tuple)


@transaction.atomic
def guide_create(
    *,
    slug: str,
    actor: User | None,
    issuer: Issuer | None = None,
    is_sample: bool = False,
    badges: Iterable[Any] = (),
) -> Guide:
    """Register a guide; its text comes in versions."""
    guide = Guide.objects.create(slug=slug, issuer=issuer, is_sample=is_sample)
    guide.badges.set(list(badges))
    record_event(action="toolkits:guide:create", subject=guide, actor=actor, data={"slug": slug})
    return guide


@transaction.atomic
def guide_version_create(
    *,
    guide: Guide,
    actor: User | None,
    title: str,
    summary: str,
    actions: Sequence[str],
    risks: Sequence[RiskSpec],
    more_actions: Sequence[str] = (),
    further_reading: Sequence[tuple[str, str]] = (),
) -> GuideVersion:
    """Draft a new version of a guide's text (not used by new assessments until published).
    Risks are given in order of likelihood, the most likely first."""
    last = guide.versions.order_by("-number").first()
    version = GuideVersion.objects.create(
        guide=guide,
        number=(last.number + 1) if last else 1,
        title=title,
        summary=summary,
        actions="\n".join(a.strip() for a in actions),
        more_actions="\n".join(a.strip() for a in more_actions),
        further_reading="\n".join(f"{t} | {u}" for t, u in further_reading),
    )
    Risk.objects.bulk_create(
        Risk(
            version=version,
            rank=rank,
            title=spec.title,
            description=spec.description,
            questions="\n".join(q.strip() for q in spec.questions),
        )
        for rank, spec in enumerate(risks, start=1)
    )
    record_event(
        action="toolkits:guide_version:create",
        subject=version,
        actor=actor,
        data={"guide": guide.slug, "number": version.number},
    )
    return version


@transaction.atomic
def guide_version_publish(*, version: GuideVersion, actor: User | None) -> GuideVersion:
    """Publish a version: new assessments start from it; it never changes again."""
    version = GuideVersion.objects.select_for_update().get(pk=version.pk)
    if version.published_at is not None:
        raise ToolkitError(_("This version is already published."))
    if not version.risks.exists():
        raise ToolkitError(_("A guide needs at least one risk before it is published."))
    if not version.action_items():
        raise ToolkitError(_("A guide needs at least one action before it is published."))
    version.published_at = timezone.now()
    version.save(update_fields=["published_at", "updated_at"])
    record_event(
        action="toolkits:guide_version:publish",
        subject=version,
        actor=actor,
        data={"guide": version.guide.slug, "number": version.number},
    )
    stamps_change(CATALOGUE)  # badge pages link the guides among their materials
    return version


@transaction.atomic
def guide_version_copy(*, version: GuideVersion, actor: User | None) -> GuideVersion:
    """Start a new draft from an existing version, to revise a published guide."""
    return guide_version_create(
        guide=version.guide,
        actor=actor,
        title=version.title,
        summary=version.summary,
        actions=version.action_items(),
        more_actions=version.more_action_items(),
        further_reading=version.reading_links(),
        risks=[
            RiskSpec(title=r.title, description=r.description, questions=r.question_items())
            for r in version.risks.all()
        ],
    )


@transaction.atomic
def guide_import(
    *,
    spec: Mapping[str, Any],
    actor: User | None,
    issuer: Issuer | None = None,
    is_sample: bool = False,
    badges: Iterable[Any] = (),
) -> Guide:
    """Create and publish a guide from structured data (rosette/demo/video_guide.py's
    shape). Does nothing if a guide with that slug exists already."""
    existing = Guide.objects.filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing
    guide = guide_create(
        slug=spec["slug"], actor=actor, issuer=issuer, is_sample=is_sample, badges=badges
    )
    version = guide_version_create(
        guide=guide,
        actor=actor,
        title=spec["title"],
        summary=spec["summary"],
        actions=spec["actions"],
        more_actions=spec.get("more_actions", ()),
        further_reading=[tuple(link) for link in spec.get("further_reading", ())],
        risks=[
            RiskSpec(title=r["title"], description=r["description"], questions=r["questions"])
            for r in spec["risks"]
        ],
    )
    guide_version_publish(version=version, actor=actor)
    return guide


# --- assessments ----------------------------------------------------------------------------


def check_not_identifying(text: str) -> None:
    """Raise IdentifyingText if the privacy screener finds anything in ``text``."""
    findings = privacy.screen(text)
    if findings:
        raise IdentifyingText(findings)


@transaction.atomic
def assessment_start(
    *,
    version: GuideVersion,
    actor: User,
    setting_name: str,
    setting_kind: str,
    setting_description: str = "",
) -> RiskAssessment:
    """Start completing a published guide for a setting, which must not identify anyone."""
    if not version.is_published:
        raise ToolkitError(_("This guide is not published yet."))
    setting_name = setting_name.strip()
    check_not_identifying(setting_name)
    assessment = RiskAssessment.objects.create(
        guide_version=version,
        owner=actor,
        setting_name=setting_name,
        setting_kind=setting_kind,
        setting_description=setting_description.strip(),
    )
    risks = list(version.risks.all())
    RiskEntry.objects.bulk_create(
        RiskEntry(assessment=assessment, risk=risk, answers=[""] * len(risk.question_items()))
        for risk in risks
    )
    items = [(ChecklistItem.Kind.ACTION, t) for t in version.action_items()]
    more = [(ChecklistItem.Kind.MORE, t) for t in version.more_action_items()]
    ChecklistItem.objects.bulk_create(
        [
            ChecklistItem(assessment=assessment, kind=kind, position=i, text=text)
            for group in (items, more)
            for i, (kind, text) in enumerate(group, start=1)
        ]
    )
    record_event(
        action="toolkits:assessment:start",
        subject=assessment,
        actor=actor,
        data={"guide": version.guide.slug, "version": version.number},
    )
    return assessment


@dataclass(frozen=True)
class EntryInput:
    answers: Sequence[str] = ()
    likelihood: int | None = None
    impact: int | None = None
    mitigation: str = ""
    responsible_role: str = ""
    review_by: datetime.date | None = None


@dataclass(frozen=True)
class ChecklistInput:
    done: bool = False
    notes: str = ""


ENTRY_FIELDS = ("likelihood", "impact", "mitigation", "responsible_role", "review_by")


def _last_save(assessment: RiskAssessment) -> AuditEvent | None:
    return (
        AuditEvent.objects.for_subject(assessment)
        .filter(action__in=["toolkits:assessment:save", "toolkits:assessment:setting"])
        .select_related("actor")
        .order_by("-at", "-pk")
        .first()
    )


def _stale(assessment: RiskAssessment, actor: User) -> StaleAssessment:
    last = _last_save(assessment)
    if last is None or last.actor is None:
        who = _("someone else")
    elif last.actor_id == getattr(actor, "pk", None):
        who = _("you (in another tab or window)")
    else:
        who = last.actor.get_full_name() or _("a contributor")
    return StaleAssessment(
        current_version=assessment.version,
        saved_by=str(who),
        saved_at=last.at if last else None,
    )


@transaction.atomic
def assessment_save(
    *,
    assessment: RiskAssessment,
    actor: User,
    based_on: int,
    entries: Mapping[int, EntryInput],
    checklist: Mapping[int, ChecklistInput],
) -> RiskAssessment:
    """Save answers, ratings, plans and checklist notes.

    ``based_on`` is the version the person's page was loaded at: if anyone saved since, the
    save is refused with StaleAssessment and nothing is written. Entries and checklist items
    are keyed by id; unknown ids are ignored. A save that changes nothing writes nothing."""
    locked = RiskAssessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.version != based_on:
        raise _stale(locked, actor)
    changed: list[str] = []
    for entry in locked.entries.select_related("risk"):
        given = entries.get(entry.pk)
        if given is None:
            continue
        before = [getattr(entry, name) for name in ENTRY_FIELDS] + [entry.answers]
        entry.answers = [a.strip() for a in given.answers]
        entry.likelihood = given.likelihood
        entry.impact = given.impact
        entry.mitigation = given.mitigation.strip()
        entry.responsible_role = given.responsible_role.strip()
        entry.review_by = given.review_by
        after = [getattr(entry, name) for name in ENTRY_FIELDS] + [entry.answers]
        if before != after:
            entry.save()
            changed.append(f"risk {entry.risk.rank}")
    for item in locked.checklist.all():
        given_item = checklist.get(item.pk)
        if given_item is None:
            continue
        if (item.done, item.notes) != (given_item.done, given_item.notes.strip()):
            item.done = given_item.done
            item.notes = given_item.notes.strip()
            item.save()
            changed.append(f"{item.kind} {item.position}")
    if changed:
        locked.version += 1
        locked.save(update_fields=["version", "updated_at"])
        record_event(
            action="toolkits:assessment:save",
            subject=locked,
            actor=actor,
            data={"version": locked.version, "changed": changed},
        )
    return locked


@transaction.atomic
def assessment_setting_update(
    *,
    assessment: RiskAssessment,
    actor: User,
    based_on: int,
    setting_name: str,
    setting_kind: str,
    setting_description: str = "",
) -> RiskAssessment:
    """Rename or redescribe the setting (still without identifying anyone)."""
    setting_name = setting_name.strip()
    check_not_identifying(setting_name)
    locked = RiskAssessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.version != based_on:
        raise _stale(locked, actor)
    locked.setting_name = setting_name
    locked.setting_kind = setting_kind
    locked.setting_description = setting_description.strip()
    locked.version += 1
    locked.save()
    record_event(
        action="toolkits:assessment:setting",
        subject=locked,
        actor=actor,
        data={"version": locked.version, "changed": ["setting"]},
    )
    return locked


@transaction.atomic
def assessment_complete(*, assessment: RiskAssessment, actor: User) -> RiskAssessment:
    """Mark an assessment complete: every risk needs a rating and a plan."""
    locked = RiskAssessment.objects.select_for_update().get(pk=assessment.pk)
    missing = [
        entry.risk.rank
        for entry in locked.entries.select_related("risk")
        if entry.score is None or not entry.mitigation
    ]
    if missing:
        raise ToolkitError(
            _(
                "Before you mark this assessment complete, say how likely and how serious "
                "each risk is and what you will do about it. Still to do: risk %(risks)s."
            )
            % {"risks": ", ".join(str(n) for n in missing)}
        )
    found = selectors.unexplained_findings(locked)
    if found:
        raise ToolkitError(
            _(
                "Before you mark this assessment complete, change what could identify someone "
                "or say why it does not, in: %(fields)s."
            )
            % {"fields": "; ".join(selectors.field_names(locked, list(found)))}
        )
    if not locked.is_completed:
        locked.status = RiskAssessment.Status.COMPLETED
        locked.completed_at = timezone.now()
        locked.save(update_fields=["status", "completed_at", "updated_at"])
        record_event(action="toolkits:assessment:complete", subject=locked, actor=actor)
    return locked


@transaction.atomic
def assessment_finding_explain(
    *, assessment: RiskAssessment, actor: User, field: str, key: str, reason: str
) -> PrivacyExplanation:
    """Someone working on the assessment says that a finding of the privacy screener in one
    field does not identify anyone, and why. The finding must still be in the saved text."""
    if assessment.owner_id != actor.pk and not assessment.contributors.filter(user=actor).exists():
        raise ToolkitError(_("Only the people working on this assessment can do that."))
    reason = reason.strip()
    if not reason:
        raise ToolkitError(_("Say why this does not identify anyone."))
    text = selectors.screened_texts(assessment).get(field, "")
    finding = next((f for f in selectors.findings_in(text) if f.key == key), None)
    if finding is None:
        raise ToolkitError(_("That is no longer in the text, so there is nothing to explain."))
    explanation, _created = PrivacyExplanation.objects.update_or_create(
        assessment=assessment,
        field=field,
        key=key[:300],
        defaults={
            "label": finding.label,
            "text": finding.text[:300],
            "reason": reason[:300],
            "explained_by": actor,
        },
    )
    record_event(
        action="toolkits:privacy:explain",
        subject=assessment,
        actor=actor,
        data={"field": field, "label": finding.label, "reason": explanation.reason},
    )
    return explanation


# --- sharing --------------------------------------------------------------------------------


def _active_organisation_ids(user: User) -> set[int]:
    return set(
        Membership.objects.filter(user=user, status=Membership.Status.ACTIVE).values_list(
            "organisation_id", flat=True
        )
    )


@transaction.atomic
def assessment_share(
    *,
    assessment: RiskAssessment,
    actor: User,
    organisation: Organisation | None,
    with_managers: bool,
) -> RiskAssessment:
    """Keep the assessment with one of the owner's organisations, and choose whether that
    organisation's managers may read it. Only the owner decides."""
    locked = RiskAssessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.owner_id != actor.pk:
        raise ToolkitError(_("Only the person who started an assessment can share it."))
    if organisation is not None and organisation.pk not in _active_organisation_ids(actor):
        raise ToolkitError(_("You can only share with an organisation you belong to."))
    if organisation is None and locked.contributors.exists():
        raise ToolkitError(
            _("Remove the contributors first: they were invited through the organisation.")
        )
    locked.organisation = organisation
    locked.shared_with_managers = bool(organisation is not None and with_managers)
    locked.save(update_fields=["organisation", "shared_with_managers", "updated_at"])
    record_event(
        action="toolkits:assessment:share",
        subject=locked,
        actor=actor,
        data={
            "organisation": getattr(organisation, "slug", None),
            "with_managers": locked.shared_with_managers,
        },
    )
    return locked


INVITES_PER_HOUR = 10


class InviteLimitReached(ToolkitError):
    """The person has tried as many addresses as we allow in an hour."""


def contributor_invite_rate_limit(*, actor: User) -> None:
    """Count an invitation against the inviter's hourly allowance (each try counts, found or
    not, so nobody can test addresses in bulk). Views call it before the service."""
    if not consume(f"toolkits:invite:{actor.pk}", limit=INVITES_PER_HOUR, seconds=60 * 60):
        raise InviteLimitReached(
            _("You have sent as many invitations as we allow in an hour. Please try again later.")
        )


@transaction.atomic
def contributor_invite(*, assessment: RiskAssessment, actor: User, email: str) -> Contributor:
    """Invite a colleague by email address. Whether the address has no account or belongs to
    someone outside the assessment's organisation, the answer is the same, so inviting tells
    nobody who is on Rosette."""
    if assessment.organisation_id is None:
        raise ToolkitError(_("Choose the organisation this assessment belongs to first."))
    colleague = (
        User.objects.filter(
            Q(email__iexact=email.strip())
            | Q(emailaddress__email__iexact=email.strip(), emailaddress__verified=True),
            memberships__organisation_id=assessment.organisation_id,
            memberships__status=Membership.Status.ACTIVE,
        )
        .distinct()
        .first()
    )
    if colleague is None:
        raise ToolkitError(
            _(
                "We could not add %(email)s. Colleagues need a Rosette account with that "
                "address and must be members of %(organisation)s."
            )
            % {"email": email.strip(), "organisation": assessment.organisation}
        )
    return contributor_add(assessment=assessment, actor=actor, user=colleague)


@transaction.atomic
def contributor_add(*, assessment: RiskAssessment, actor: User, user: User) -> Contributor:
    """Invite a colleague from the assessment's organisation to contribute to it."""
    assessment = RiskAssessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.owner_id != actor.pk:
        raise ToolkitError(_("Only the person who started an assessment can invite others."))
    if assessment.organisation_id is None:
        raise ToolkitError(_("Choose the organisation this assessment belongs to first."))
    if user.pk == assessment.owner_id:
        raise ToolkitError(_("You already work on this assessment."))
    if assessment.organisation_id not in _active_organisation_ids(user):
        raise ToolkitError(
            _("You can only invite people who are members of %(organisation)s.")
            % {"organisation": assessment.organisation}
        )
    contributor, created = Contributor.objects.get_or_create(assessment=assessment, user=user)
    if created:
        record_event(
            action="toolkits:assessment:invite",
            subject=assessment,
            actor=actor,
            data={"contributor": user.pk},
        )
    return contributor


@transaction.atomic
def contributor_remove(*, contributor: Contributor, actor: User) -> None:
    """The owner removes a contributor, or a contributor leaves."""
    assessment = contributor.assessment
    if actor.pk not in (assessment.owner_id, contributor.user_id):
        raise ToolkitError(_("Only the owner can remove a contributor."))
    record_event(
        action="toolkits:assessment:uninvite",
        subject=assessment,
        actor=actor,
        data={"contributor": contributor.user_id},
    )
    contributor.delete()


# --- reminders ------------------------------------------------------------------------------


def review_reminders_send(*, today: datetime.date | None = None) -> int:
    """Email each owner whose review dates have come, once per date. Returns emails sent.

    Each assessment is handled in its own transaction: its entries are marked as reminded and
    the email is sent inside it, so a failed send is retried on the next run."""
    today = today or timezone.localdate()
    due_ids = (
        RiskEntry.objects.filter(review_by__lte=today)
        .exclude(reminded_for=F("review_by"))
        .values_list("assessment_id", flat=True)
        .distinct()
    )
    sent = 0
    for assessment_id in sorted(set(due_ids)):
        with transaction.atomic():
            assessment = RiskAssessment.objects.select_related("owner").get(pk=assessment_id)
            entries = list(
                RiskEntry.objects.select_for_update()
                .filter(assessment=assessment, review_by__lte=today)
                .exclude(reminded_for=F("review_by"))
                .select_related("risk")
                .order_by("review_by", "risk__rank")
            )
            if not entries:
                continue
            for entry in entries:
                entry.reminded_for = entry.review_by
                entry.save(update_fields=["reminded_for", "updated_at"])
            _send_reminder(assessment, entries)
            record_event(
                action="toolkits:assessment:remind",
                subject=assessment,
                actor=None,
                data={"risks": [e.risk.rank for e in entries]},
            )
            sent += 1
    return sent


def _send_reminder(assessment: RiskAssessment, entries: Sequence[RiskEntry]) -> None:
    url = settings.SITE_URL + reverse(
        "toolkits:assessment_summary", kwargs={"public_id": assessment.public_id}
    )
    lines = [
        f"- {entry.risk.title} (review by {entry.review_by:%d %B %Y}"
        + (f", {entry.responsible_role}" if entry.responsible_role else "")
        + ")"
        for entry in entries
    ]
    body = (
        _("It is time to review these risks in your risk assessment for %(setting)s:")
        % {"setting": assessment.setting_name}
        + "\n\n"
        + "\n".join(lines)
        + "\n\n"
        + _("Open the assessment: %(url)s") % {"url": url}
        + "\n"
    )
    send_mail(
        subject=_("Review due: %(setting)s risk assessment") % {"setting": assessment.setting_name},
        message=body,
        from_email=None,
        recipient_list=[assessment.owner.email],
    )
