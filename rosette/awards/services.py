"""State changes of awards: awarding (and pathway badges with it), the page's settings, evidence,
endorsements, the endorsement rule, suspension, revocation and restoring.

``award_create`` is the one place where everything that follows an award happens: evidence is
copied from the application, a pathway badge it completes is awarded in the same transaction,
the credential is issued after commit, and the reviewing managers' follow-ups are created.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rosette.accounts.models import User
from rosette.awards.models import Award, BadgeEndorsementRule, Endorsement, Evidence
from rosette.catalogue.models import Badge
from rosette.core.email import send_email_on_commit
from rosette.core.models import record_event
from rosette.core.public_cache import CATALOGUE, award_stamp, issuer_stamp, stamps_change

# Endorsement abuse limits (DESIGN rule 8, STYLE point 14).
ENDORSEMENTS_PER_ADDRESS_PER_DAY = 3
ENDORSEMENTS_PER_AWARD_PER_DAY = 20
CONFIRM_MAX_AGE = timedelta(days=7)
CONFIRM_SALT = "rosette.awards.endorsement-confirm"
# Remind the learner and their managers this long before a required endorsement is due.
REMIND_BEFORE = timedelta(days=14)
RULE_REASON = "A manager's endorsement did not arrive within %(days)s days of the award."


class AwardError(Exception):
    """An award rule was broken; the message is for the person who tried."""


class EndorsementRefused(AwardError):
    """An endorsement was not accepted (closed, too many today); the message says why."""


# --- awarding ----------------------------------------------------------------------------------


@transaction.atomic
def award_create(*, recipient: Any, badge: Badge, actor: Any, application: Any = None) -> Award:
    """Give a badge to a person. Used by the award decision (assessment).

    The recipient's row is locked first, so awards to one person are made one at a time: two
    awards that land together cannot both miss, or both make, the pathway badge they complete.
    Every pathway badge the award completes is awarded here, in the same transaction, with the
    contributing awards as its evidence. After commit the credential is issued; the reviewing
    managers' follow-ups (C4) are created here too, and both are idempotent.
    """
    User.objects.select_for_update().filter(pk=recipient.pk).first()
    award = _create(recipient=recipient, badge=badge, actor=actor, application=application)
    if application is not None:
        _copy_evidence(award, application)
        _follow_up(application, award)
    _complete_pathways(recipient, badge)
    return award


def _create(
    *,
    recipient: Any,
    badge: Badge,
    actor: Any,
    application: Any,
    contributions: Sequence[Award] = (),
) -> Award:
    if Award.objects.current().filter(recipient=recipient, badge=badge).exists():
        raise AwardError(_("This person already holds this badge."))
    now = timezone.now()
    rule = BadgeEndorsementRule.objects.filter(badge=badge).first()
    try:
        with transaction.atomic():  # the partial unique constraint is the last line of defence
            award = Award.objects.create(
                recipient=recipient,
                badge=badge,
                application=application,
                awarded_at=now,
                endorsement_due_at=now + timedelta(days=rule.days) if rule else None,
            )
    except IntegrityError as exc:
        raise AwardError(_("This person already holds this badge.")) from exc
    Evidence.objects.bulk_create(
        Evidence(award=award, position=n, contribution=c) for n, c in enumerate(contributions)
    )
    record_event(
        action="awards:award:create",
        subject=award,
        actor=actor,
        data={
            "badge": badge.slug,
            "application": str(application.public_id) if application is not None else None,
            "contributions": [c.code for c in contributions],
        },
    )
    _issue_credential(award)
    return award


def evidence_findings(answer: Any) -> list[Any]:
    """What the privacy screener finds in an answer today, less the findings the learner said
    did not identify anyone when they applied."""
    from rosette.applications.screening import screen_text

    dismissed = frozenset(
        answer.attempt.dismissals.filter(question_id=answer.question_id).values_list(
            "key", flat=True
        )
    )
    return screen_text(answer.text, dismissed_keys=dismissed) + screen_text(
        answer.transcript, dismissed_keys=dismissed
    )


def _copy_evidence(award: Award, application: Any) -> None:
    """The evidence as submitted: the last attempt's answers that say something, then files."""
    attempt = application.attempts.order_by("-number").first()
    if attempt is None:
        return
    items: list[Evidence] = []
    answers = attempt.answers.select_related("question").order_by("question__position")
    # The whole statement (no question) after the answers to each question.
    for answer in sorted(answers, key=lambda a: (a.question is None, a.question_id or 0)):
        if answer.text.strip() or answer.link or answer.media:
            # Screened again before it is published: evidence that could identify someone
            # (and that the learner did not explain) starts hidden, for the learner to decide.
            visible = not evidence_findings(answer)
            items.append(Evidence(award=award, position=len(items), answer=answer, visible=visible))
    for attachment in attempt.attachments.all():
        items.append(Evidence(award=award, position=len(items), attachment=attachment))
    Evidence.objects.bulk_create(items)


def _complete_pathways(recipient: Any, badge: Badge) -> None:
    """Award every pathway badge whose rule (all of, or N of, its components) is now met."""
    for pathway in badge.pathways.filter(kind=Badge.Kind.PATHWAY).prefetch_related("components"):
        components = list(pathway.components.all())
        required = pathway.required_count()
        if not components or required < 1:
            continue
        held = {
            a.badge_id: a
            for a in Award.objects.current()
            .filter(recipient=recipient, badge__in=components)
            .order_by("awarded_at")
        }
        if len(held) < required:
            continue
        if Award.objects.current().filter(recipient=recipient, badge=pathway).exists():
            continue
        contributions = [held[c.id] for c in components if c.id in held]
        try:
            with transaction.atomic():
                award = _create(
                    recipient=recipient,
                    badge=pathway,
                    actor=None,
                    application=None,
                    contributions=contributions,
                )
        except AwardError:  # awarded by a concurrent transaction after all
            continue
        _tell_learner_pathway(award)
        _complete_pathways(recipient, pathway)  # a pathway may itself count towards another


def _tell_learner_pathway(award: Award) -> None:
    recipient, pathway = award.recipient, award.badge
    send_email_on_commit(
        to=[recipient.email],
        subject=_("You have been awarded %(badge)s") % {"badge": pathway.name},
        template="awards/email/pathway_awarded.txt",
        context={"award": award, "pathway": pathway},
    )


def _issue_credential(award: Award) -> None:
    try:
        from rosette.credentials.services import credential_issue_later
    except ImportError:  # pragma: no cover - credentials are a separate app
        return
    credential_issue_later(award=award)


def _sync_credential(award: Award) -> None:
    try:
        from rosette.credentials.services import credential_status_sync
    except ImportError:  # pragma: no cover
        return
    credential_status_sync(award=award)


def _follow_up(application: Any, award: Award) -> None:
    """The learner's intended actions go on the list of the managers who checked the draft."""
    try:
        from rosette.applications.review import followups_create_for_award
    except ImportError:  # pragma: no cover - manager review is a separate module
        return
    if application.reviews.exists():
        followups_create_for_award(application=application, award=award)


# --- the learner's choices ---------------------------------------------------------------------


def _require_recipient(award: Award, actor: Any) -> None:
    if getattr(actor, "pk", None) != award.recipient_id:
        raise PermissionError("Only the learner can change their award page.")


@transaction.atomic
def award_settings_update(
    *,
    award: Award,
    actor: Any,
    visibility: str,
    name_display: str,
    endorsements_open: bool,
    hidden_evidence: set[str] = frozenset(),  # type: ignore[assignment]
) -> Award:
    """The learner chooses who sees the page, how their name shows, whether people may endorse,
    and which evidence is shown (public ids in ``hidden_evidence`` are hidden)."""
    _require_recipient(award, actor)
    award = Award.objects.select_for_update().get(pk=award.pk)
    before = (award.visibility, award.name_display, award.endorsements_open)
    award.visibility = Award.Visibility(visibility)
    award.name_display = Award.NameDisplay(name_display)
    award.endorsements_open = endorsements_open
    award.save(update_fields=["visibility", "name_display", "endorsements_open", "updated_at"])
    changed = []
    for item in award.evidence.filter(withdrawn_at__isnull=True):
        visible = str(item.public_id) not in hidden_evidence
        if item.visible != visible:
            item.visible = visible
            item.save(update_fields=["visible", "updated_at"])
            changed.append({"evidence": str(item.public_id), "visible": visible})
    record_event(
        action="awards:award:settings",
        subject=award,
        actor=actor,
        data={
            "from": list(before),
            "to": [award.visibility, award.name_display, award.endorsements_open],
            "evidence": changed,
        },
    )
    _published_changed(award)
    return award


@transaction.atomic
def evidence_withdraw(*, evidence: Evidence, actor: Any) -> Evidence:
    """The learner withdraws a piece of evidence from the award page for good."""
    evidence = Evidence.objects.select_for_update().select_related("award").get(pk=evidence.pk)
    _require_recipient(evidence.award, actor)
    if evidence.withdrawn_at is None:
        evidence.withdrawn_at = timezone.now()
        evidence.visible = False
        evidence.save(update_fields=["withdrawn_at", "visible", "updated_at"])
        record_event(
            action="awards:evidence:withdraw",
            subject=evidence.award,
            actor=actor,
            data={"evidence": str(evidence.public_id)},
        )
        _published_changed(evidence.award)
    return evidence


# --- endorsements ------------------------------------------------------------------------------


def _day() -> str:
    return timezone.now().strftime("%Y%m%d")


def _count_against(key: str, limit: int) -> bool:
    """Count one use of a daily allowance in the cache; False when it is used up."""
    cache.add(key, 0, timeout=60 * 60 * 24)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=60 * 60 * 24)
        used = 1
    return used <= limit


def endorsement_rate_limit(*, award: Award, email: str) -> None:
    """Count an endorsement attempt against the address's and the page's daily allowance;
    EndorsementRefused when either is used up. Views call it before the service, as sign-in
    is limited at the door (the demo loader and tests are not people)."""
    address = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    if not _count_against(
        f"awards:endorse:address:{address}:{_day()}", ENDORSEMENTS_PER_ADDRESS_PER_DAY
    ):
        raise EndorsementRefused(
            _("You have left as many endorsements as we accept from one address in a day. "
              "Please try again tomorrow.")
        )  # fmt: skip
    if not _count_against(
        f"awards:endorse:award:{award.pk}:{_day()}", ENDORSEMENTS_PER_AWARD_PER_DAY
    ):
        raise EndorsementRefused(
            _("This badge has had as many endorsements as we accept in a day. "
              "Please try again tomorrow.")
        )  # fmt: skip


def screen_message(text: str, *, known_names: Sequence[str] = ()) -> list[dict[str, str]]:
    """What the privacy screener finds in an endorsement, as stored with it. The learner's and
    the endorser's own names are on the page already, so naming them is no finding."""
    from rosette.privacy import TextTooLong, screen

    try:
        findings = screen(text)
    except TextTooLong:  # the form refuses such text; be safe anyway
        return [{"label": "LENGTH", "text": "", "reason": "The message is too long to check."}]
    known = {_word(w) for name in known_names for w in name.split()} - {""}
    return [
        {"label": f.label, "text": f.text, "reason": f.reason}
        for f in findings
        if not (f.label == "PERSON" and {_word(w) for w in f.text.split()} <= known)
    ]


def _word(word: str) -> str:
    word = word.lower().strip('.,;:!?"“”')
    return re.sub(r"['’]s?$", "", word)


def _known_names(award: Award, endorser_name: str) -> list[str]:
    return [award.recipient.name or "", endorser_name]


def confirmation_token(endorsement: Endorsement) -> str:
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(str(endorsement.public_id))


def confirmation_url(endorsement: Endorsement) -> str:
    path = reverse("awards:endorsement_confirm", kwargs={"token": confirmation_token(endorsement)})
    return f"{settings.SITE_URL}{path}"


def _require_open(award: Award) -> None:
    if not award.takes_endorsements:
        raise EndorsementRefused(_("This badge is not taking endorsements."))


@transaction.atomic
def endorsement_create(
    *, award: Award, name: str, email: str, relationship: str, message: str
) -> Endorsement:
    """Someone with the page leaves an endorsement. Nothing is shown until they confirm their
    email address by the link we send and the learner publishes it."""
    _require_open(award)
    endorsement = Endorsement.objects.create(
        award=award,
        name=name.strip(),
        email=email.strip().lower(),
        relationship=Endorsement.Relationship(relationship),
        message=message.strip(),
        findings=screen_message(message, known_names=_known_names(award, name)),
    )
    record_event(
        action="awards:endorsement:create",
        subject=award,
        data={"endorsement": str(endorsement.public_id), "relationship": relationship},
    )
    send_email_on_commit(
        to=[endorsement.email],
        subject=_("Confirm your endorsement of %(name)s’s badge") % {"name": award.recipient_name},
        template="awards/email/endorsement_confirm.txt",
        context={
            "endorsement": endorsement,
            "award": award,
            "url": confirmation_url(endorsement),
            "days": CONFIRM_MAX_AGE.days,
        },
    )
    return endorsement


@transaction.atomic
def endorsement_create_by_manager(*, award: Award, actor: Any, message: str) -> Endorsement:
    """A manager endorses an award of their staff from their team page. Their address is the
    verified one they sign in with, so there is nothing to confirm: it goes to the learner."""
    _require_open(award)
    endorsement = Endorsement.objects.create(
        award=award,
        name=actor.name or actor.email,
        email=actor.email,
        relationship=Endorsement.Relationship.MANAGER,
        message=message.strip(),
        endorser=actor,
        findings=screen_message(message, known_names=_known_names(award, actor.name or "")),
    )
    record_event(
        action="awards:endorsement:create",
        subject=award,
        actor=actor,
        data={"endorsement": str(endorsement.public_id), "relationship": "manager"},
    )
    return _confirm(endorsement)


class TokenProblem(AwardError):
    """A confirmation link that is broken or too old."""


def endorsement_for_token(*, token: str) -> Endorsement:
    """The endorsement a confirmation link is for; TokenProblem if the link is bad or old."""
    signer = signing.TimestampSigner(salt=CONFIRM_SALT)
    try:
        public_id = signer.unsign(token, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise TokenProblem(
            _("This link has expired. Links work for %(days)s days: please endorse again.")
            % {"days": CONFIRM_MAX_AGE.days}
        ) from exc
    except signing.BadSignature as exc:
        raise TokenProblem(
            _("This link is not complete. Copy the whole link from the email.")
        ) from exc
    endorsement = (
        Endorsement.objects.select_related("award__recipient", "award__badge")
        .filter(public_id=public_id)
        .first()
    )
    if endorsement is None:
        raise TokenProblem(_("This endorsement no longer exists."))
    return endorsement


@transaction.atomic
def endorsement_confirm(*, endorsement: Endorsement) -> Endorsement:
    """The endorser confirms their address by the link in their email. Confirming twice is
    confirming once."""
    return _confirm(endorsement)


def _confirm(endorsement: Endorsement) -> Endorsement:
    endorsement = (
        Endorsement.objects.select_for_update()
        .select_related("award__recipient", "award__badge")
        .get(pk=endorsement.pk)
    )
    if endorsement.status != Endorsement.Status.UNCONFIRMED:
        return endorsement
    endorsement.status = Endorsement.Status.PENDING
    endorsement.confirmed_at = timezone.now()
    endorsement.save(update_fields=["status", "confirmed_at", "updated_at"])
    award = endorsement.award
    record_event(
        action="awards:endorsement:confirm",
        subject=award,
        actor=endorsement.endorser,
        data={"endorsement": str(endorsement.public_id)},
    )
    send_email_on_commit(
        to=[award.recipient.email],
        subject=_("%(name)s has endorsed your %(badge)s badge")
        % {"name": endorsement.name, "badge": award.badge.name},
        template="awards/email/endorsement_received.txt",
        context={
            "endorsement": endorsement,
            "award": award,
            "url": settings.SITE_URL + reverse("awards:endorsements", kwargs={"code": award.code}),
        },
    )
    return endorsement


@transaction.atomic
def endorsement_decide(
    *, endorsement: Endorsement, actor: Any, publish: bool, dismiss_reason: str = ""
) -> Endorsement:
    """The learner publishes or hides a confirmed endorsement.

    The message is screened again: if it could identify someone, it is published only with
    the learner's reason why it does not (recorded). A published manager's endorsement
    restores an award suspended for want of one (rule 15)."""
    endorsement = (
        Endorsement.objects.select_for_update().select_related("award").get(pk=endorsement.pk)
    )
    award = endorsement.award
    _require_recipient(award, actor)
    if endorsement.status == Endorsement.Status.UNCONFIRMED:
        raise AwardError(_("The endorser has not confirmed their email address yet."))
    if publish:
        endorsement.findings = screen_message(
            endorsement.message, known_names=_known_names(award, endorsement.name)
        )
        if endorsement.findings and not dismiss_reason.strip():
            raise AwardError(
                _("This endorsement could identify someone. Hide it, or say why it does not "
                  "identify anyone before you publish it.")
            )  # fmt: skip
        endorsement.findings_dismissed = dismiss_reason.strip() if endorsement.findings else ""
    endorsement.status = Endorsement.Status.PUBLISHED if publish else Endorsement.Status.HIDDEN
    endorsement.decided_at = timezone.now()
    endorsement.save(
        update_fields=["status", "decided_at", "findings", "findings_dismissed", "updated_at"]
    )
    record_event(
        action=f"awards:endorsement:{'publish' if publish else 'hide'}",
        subject=award,
        actor=actor,
        data={
            "endorsement": str(endorsement.public_id),
            "findings": len(endorsement.findings),
            "dismissed": endorsement.findings_dismissed,
        },
    )
    if publish and endorsement.is_from_manager:
        _restore_if_rule_met(award)
    _published_changed(award)
    return endorsement


# --- the endorsement rule (rule 15) ------------------------------------------------------------


@transaction.atomic
def badge_endorsement_rule_set(*, badge: Badge, days: int | None, actor: Any) -> None:
    """Require (days) or stop requiring (None) a manager's endorsement of a badge's awards."""
    if days is None:
        BadgeEndorsementRule.objects.filter(badge=badge).delete()
    else:
        BadgeEndorsementRule.objects.update_or_create(badge=badge, defaults={"days": days})
    record_event(
        action="awards:endorsement_rule:set", subject=badge, actor=actor, data={"days": days}
    )
    stamps_change(CATALOGUE)  # the badge's pages say an endorsement is required


def has_manager_endorsement(award: Award) -> bool:
    return award.endorsements.published().filter(relationship="manager").exists()


def _restore_if_rule_met(award: Award) -> None:
    award = Award.objects.select_for_update().get(pk=award.pk)
    if award.status == Award.Status.SUSPENDED and award.suspended_by_rule:
        _set_status(award, Award.Status.ACTIVE, actor=None, reason="", action="restore")


def managers_of(user: Any) -> list[Any]:
    """The active managers of the organisations where this person is active staff."""
    from rosette.teams.models import Membership

    organisations = Membership.objects.filter(
        user=user, role=Membership.Role.STAFF, status=Membership.Status.ACTIVE
    ).values("organisation")
    return list(
        User.objects.filter(
            memberships__organisation__in=organisations,
            memberships__role=Membership.Role.MANAGER,
            memberships__status=Membership.Status.ACTIVE,
        )
        .exclude(pk=user.pk)
        .distinct()
    )


@dataclass
class ReminderReport:
    reminded: int = 0
    suspended: int = 0


def endorsement_reminders_send(*, now: datetime | None = None) -> ReminderReport:
    """Remind the learner and their managers of a required endorsement once, two weeks before
    it is due, and suspend the award when the date passes without one. Safe to run often."""
    now = now or timezone.now()
    report = ReminderReport()
    endorsed = Endorsement.objects.published().filter(
        award=OuterRef("pk"), relationship=Endorsement.Relationship.MANAGER
    )
    due = (
        Award.objects.filter(status=Award.Status.ACTIVE, endorsement_due_at__isnull=False)
        .exclude(Exists(endorsed))
        .select_related("recipient", "badge")
    )
    for award in due.filter(endorsement_due_at__lte=now):
        if _suspend_by_rule(award):
            report.suspended += 1
    for award in due.filter(
        endorsement_due_at__gt=now,
        endorsement_due_at__lte=now + REMIND_BEFORE,
        endorsement_reminded_at__isnull=True,
    ):
        if _remind(award, now):
            report.reminded += 1
    return report


@transaction.atomic
def _remind(award: Award, now: datetime) -> bool:
    award = Award.objects.select_for_update().select_related("recipient", "badge").get(pk=award.pk)
    if award.endorsement_reminded_at is not None:
        return False
    award.endorsement_reminded_at = now
    award.save(update_fields=["endorsement_reminded_at", "updated_at"])
    context = {"award": award, "url": settings.SITE_URL + award.get_absolute_url()}
    send_email_on_commit(
        to=[award.recipient.email],
        subject=_("Your %(badge)s badge needs your manager’s endorsement")
        % {"badge": award.badge.name},
        template="awards/email/endorsement_reminder_learner.txt",
        context=context,
    )
    for manager in managers_of(award.recipient):
        send_email_on_commit(
            to=[manager.email],
            subject=_("Please endorse %(name)s’s %(badge)s badge")
            % {"name": award.recipient.name, "badge": award.badge.name},
            template="awards/email/endorsement_reminder_manager.txt",
            context={**context, "team_url": settings.SITE_URL + reverse("awards:team")},
        )
    due = award.endorsement_due_at
    record_event(
        action="awards:award:remind", subject=award, data={"due": due.isoformat() if due else None}
    )
    return True


@transaction.atomic
def _suspend_by_rule(award: Award) -> bool:
    award = Award.objects.select_for_update().select_related("badge").get(pk=award.pk)
    if award.status != Award.Status.ACTIVE or has_manager_endorsement(award):
        return False
    rule = BadgeEndorsementRule.objects.filter(badge=award.badge).first()
    days = rule.days if rule else (award.endorsement_due_at - award.awarded_at).days  # type: ignore[operator]
    award.suspended_by_rule = True
    _set_status(
        award,
        Award.Status.SUSPENDED,
        actor=None,
        reason=RULE_REASON % {"days": days},
        action="suspend",
    )
    return True


# --- suspension, revocation, restoring ---------------------------------------------------------

_STATUS_SOURCES = {
    "suspend": {Award.Status.ACTIVE},
    "revoke": {Award.Status.ACTIVE, Award.Status.SUSPENDED},
    "restore": {Award.Status.SUSPENDED},
}


def _set_status(award: Award, status: str, *, actor: Any, reason: str, action: str) -> Award:
    source = award.status
    award.status = status
    award.status_reason = reason
    award.status_changed_at = timezone.now()
    if status == Award.Status.ACTIVE:
        award.suspended_by_rule = False
    award.save(
        update_fields=[
            "status",
            "status_reason",
            "status_changed_at",
            "suspended_by_rule",
            "updated_at",
        ]
    )
    record_event(
        action=f"awards:award:{action}",
        subject=award,
        actor=actor,
        data={"from": source, "to": status, "reason": reason},
    )
    _sync_credential(award)
    _published_changed(award, issuer_lists=True)
    send_email_on_commit(
        to=[award.recipient.email],
        subject={
            "suspend": _("Your %(badge)s badge is suspended"),
            "revoke": _("Your %(badge)s badge has been revoked"),
            "restore": _("Your %(badge)s badge is restored"),
        }[action]
        % {"badge": award.badge.name},
        template="awards/email/status_changed.txt",
        context={
            "award": award,
            "action": action,
            "url": settings.SITE_URL + award.get_absolute_url(),
        },
    )
    return award


@transaction.atomic
def award_status_change(*, award: Award, actor: Any, action: str, reason: str) -> Award:
    """An issuer admin suspends, revokes or restores an award, with a reason that the award
    page shows. Revoking is final. The credential's status lists follow."""
    from rosette.accounts import roles

    award = (
        Award.objects.select_for_update()
        .select_related("badge__issuer", "recipient")
        .get(pk=award.pk)
    )
    if not roles.is_issuer_admin(actor, award.badge.issuer):
        raise PermissionError("Only the issuer's admins can change an award's status.")
    if action not in _STATUS_SOURCES:
        raise AwardError(_("Choose what to do."))
    if award.status not in _STATUS_SOURCES[action]:
        raise AwardError(
            _("This award is %(status)s, so it cannot be %(done)s.")
            % {"status": award.get_status_display().lower(), "done": _PAST[action]}
        )
    if action != "restore" and not reason.strip():
        raise AwardError(_("Give a reason: the award page shows it."))
    target = {
        "suspend": Award.Status.SUSPENDED,
        "revoke": Award.Status.REVOKED,
        "restore": Award.Status.ACTIVE,
    }[action]
    if action == "suspend":
        award.suspended_by_rule = False
    return _set_status(award, target, actor=actor, reason=reason.strip(), action=action)


_PAST = {
    "suspend": gettext_lazy("suspended"),
    "revoke": gettext_lazy("revoked"),
    "restore": gettext_lazy("restored"),
}


# --- cached public pages and documents (ADR 0013) ----------------------------------------------


def _published_changed(award: Award, *, issuer_lists: bool = False) -> None:
    """The award's page and hosted documents say something new, and so do the pages of the
    pathway awards it counts towards (and, with ``issuer_lists``, the issuer's revocation
    list): cached copies of them are out of date from this transaction on."""
    pathways = Award.objects.filter(evidence__contribution=award).values_list("code", flat=True)
    codes = [award.code, *pathways]
    stamps = [award_stamp(code) for code in codes]
    if issuer_lists:
        stamps.append(issuer_stamp(award.badge.issuer.slug))
    stamps_change(*stamps)
