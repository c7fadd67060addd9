"""State changes of awards: awarding (and pathway badges with it), the page's settings, evidence,
endorsements, the endorsement rule, suspension, revocation and restoring.

``award_create`` is the one place where everything that follows an award happens: evidence is
copied from the application, a pathway badge it completes is awarded in the same transaction,
the credential is issued after commit, and the reviewing managers' follow-ups are created.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rosette import privacy
from rosette.accounts import roles
from rosette.accounts.models import User
from rosette.applications.models import Application
from rosette.applications.review import followups_create_for_award
from rosette.awards import hooks, pathways
from rosette.awards.models import (
    STATUS_ACTIONS,
    Award,
    BadgeEndorsementRule,
    Endorsement,
    Evidence,
)
from rosette.catalogue.models import Badge
from rosette.core.email import in_language_of, send_email_on_commit
from rosette.core.models import record_event
from rosette.core.public_cache import CATALOGUE, award_stamp, issuer_stamp, stamps_change
from rosette.core.ratelimit import consume
from rosette.teams.models import Membership

# Endorsement abuse limits (DESIGN rule 8, STYLE point 14). Strangers are counted by what only
# they can spend (their client) and by the address they ask us to write to (so nobody is
# mail-bombed through us); a learner's manager, signed in, by their own account alone. There is
# no allowance per award: strangers could use it up and have the manager refused (rule 15).
ENDORSEMENTS_PER_CLIENT_PER_DAY = 10
ENDORSEMENTS_PER_ADDRESS_PER_DAY = 3
ENDORSEMENTS_PER_MANAGER_PER_DAY = 30
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
def award_create(
    *, recipient: User, badge: Badge, actor: User | None, application: Application | None = None
) -> Award:
    """Give a badge to a person. Used by the award decision (assessment).

    The recipient's row is locked first, so awards to one person are made one at a time: two
    awards that land together cannot both miss, or both make, the pathway badge they complete.
    The badge's prerequisites must be held now (rule 3: neither suspended nor revoked). Every
    pathway badge the award completes is awarded here, in the same transaction, with the
    contributing awards as its evidence, and a pathway badge suspended for want of it is
    restored (``pathways.py``). After commit the credential is issued; the reviewing managers'
    follow-ups (C4) are created here too, and both are idempotent.
    """
    User.objects.select_for_update().filter(pk=recipient.pk).first()
    _require_prerequisites(recipient, badge)
    award = _create(recipient=recipient, badge=badge, actor=actor, application=application)
    if application is not None:
        _copy_evidence(award, application)
        _follow_up(application, award)
    _settle_pathways(recipient, actor=None, became_valid={badge.pk})
    return award


def _create(
    *,
    recipient: User,
    badge: Badge,
    actor: User | None,
    application: Application | None,
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
    did not identify anyone when they applied. Text that cannot be screened is not cleared:
    it counts as a finding, so that the evidence starts hidden."""
    dismissed = frozenset(
        answer.attempt.dismissals.filter(question_id=answer.question_id).values_list(
            "key", flat=True
        )
    )
    findings: list[Any] = []
    for text in (answer.text, answer.transcript):
        try:
            findings += privacy.unexplained(text, dismissed)
        except privacy.TextTooLong:
            reason = _("This is too long to check for anything that could identify someone.")
            findings.append(privacy.Finding(0, len(text), "PERSON", 1.0, reason, text[:60]))
    return findings


def _copy_evidence(award: Award, application: Application) -> None:
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


def _require_prerequisites(recipient: User, badge: Badge) -> None:
    held = set(
        Award.objects.held_by(recipient)
        .filter(badge__in=badge.prerequisites.all())
        .values_list("badge_id", flat=True)
    )
    missing = [b.name for b in badge.prerequisites.order_by("name") if b.pk not in held]
    if missing:
        raise AwardError(
            _("%(badge)s needs %(missing)s, which this person does not hold now (never "
              "awarded, suspended or revoked).")
            % {"badge": badge.name, "missing": ", ".join(missing)}
        )  # fmt: skip


PATHWAY_REASON = "Suspended with %(badges)s: its rule is met only by badges that are held now."


def _settle_pathways(
    recipient: User, *, actor: User | None, became_valid: Collection[int] = ()
) -> None:
    """Make the person's pathway awards follow their rules (``pathways.py``): award those now
    met, suspend those no longer met, restore those met again. Call with the recipient's row
    locked, after any change to one of their awards."""
    state = pathways.holdings(recipient)
    for step in pathways.plan(state, became_valid=became_valid):
        if step.action == "create":
            contributions = list(
                Award.objects.held_by(recipient)
                .filter(badge__in=step.pathway.components.all())
                .order_by("awarded_at")
            )
            try:
                with transaction.atomic():
                    award = _create(
                        recipient=recipient,
                        badge=step.pathway,
                        actor=None,
                        application=None,
                        contributions=contributions,
                    )
            except AwardError:  # awarded by a concurrent transaction after all
                continue
            _tell_learner_pathway(award)
            continue
        assert step.award is not None
        award = Award.objects.select_for_update().select_related("badge").get(pk=step.award.pk)
        if step.action == "suspend":
            names = ", ".join(f"“{b.name}”" for b in step.missing)
            award.suspended_by_pathway = True
            _set_status(
                award,
                Award.Status.SUSPENDED,
                actor=actor,
                reason=PATHWAY_REASON % {"badges": names},
                action="suspend",
            )
        else:
            _set_status(award, Award.Status.ACTIVE, actor=actor, reason="", action="restore")
            _add_contributions(award)


def _add_contributions(award: Award) -> None:
    """A restored pathway award lists the awards that meet its rule now, as well as those it
    was first made from."""
    listed = set(award.evidence.exclude(contribution=None).values_list("contribution", flat=True))
    position = award.evidence.count()
    new = (
        Award.objects.held_by(award.recipient)
        .filter(badge__in=award.badge.components.all())
        .exclude(pk__in=listed)
        .order_by("awarded_at")
    )
    Evidence.objects.bulk_create(
        Evidence(award=award, position=position + n, contribution=c) for n, c in enumerate(new)
    )


def _tell_learner_pathway(award: Award) -> None:
    recipient, pathway = award.recipient, award.badge
    with in_language_of(recipient):
        send_email_on_commit(
            to=[recipient.email],
            subject=_("You have been awarded %(badge)s") % {"badge": pathway.name},
            template="awards/email/pathway_awarded.txt",
            context={"award": award, "pathway": pathway},
        )


# credentials is built from awards (it imports awards.models), so awards reaches up into it
# only here, when an award is made or changes status: the imports are in these functions for
# that reason. Nothing catches their failure: a credentials module that cannot be loaded stops
# the award (its transaction rolls back) rather than quietly leaving it without a credential.


def _issue_credential(award: Award) -> None:
    hooks.issue_credential.call(award=award)


def _sync_credential(award: Award) -> None:
    hooks.sync_credential_status.call(award=award)


def _follow_up(application: Application, award: Award) -> None:
    """The learner's intended actions go on the list of the managers who checked the draft."""
    if application.reviews.exists():
        followups_create_for_award(application=application, award=award)


# --- the learner's choices ---------------------------------------------------------------------


def _require_recipient(award: Award, actor: User) -> None:
    if getattr(actor, "pk", None) != award.recipient_id:
        raise PermissionError("Only the learner can change their award page.")


@transaction.atomic
def award_settings_update(
    *,
    award: Award,
    actor: User,
    visibility: str,
    name_display: str,
    endorsements_open: bool,
    hidden_evidence: set[str] = frozenset(),  # type: ignore[assignment]  # never mutated
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
def evidence_withdraw(*, evidence: Evidence, actor: User) -> Evidence:
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


_DAY_SECONDS = 60 * 60 * 24
_TRY_TOMORROW = gettext_lazy(
    "You have left as many endorsements as we accept in a day. Please try again tomorrow."
)


def endorsement_rate_limit(*, email: str, client: str) -> None:
    """Count a stranger's endorsement against their client's daily allowance (``client``:
    rosette.core.ratelimit.client_key) and the allowance of the address we would email;
    EndorsementRefused when either is used up. Views call it before the service, as sign-in
    is limited at the door (the demo loader and tests are not people)."""
    if not consume(
        f"awards:endorse:client:{client}:{_day()}",
        limit=ENDORSEMENTS_PER_CLIENT_PER_DAY,
        seconds=_DAY_SECONDS,
    ):
        raise EndorsementRefused(str(_TRY_TOMORROW))
    address = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    if not consume(
        f"awards:endorse:address:{address}:{_day()}",
        limit=ENDORSEMENTS_PER_ADDRESS_PER_DAY,
        seconds=_DAY_SECONDS,
    ):
        raise EndorsementRefused(
            _("We have sent as many endorsement emails to that address as we do in a day. "
              "Please try again tomorrow.")
        )  # fmt: skip


def manager_endorsement_rate_limit(*, actor: User) -> None:
    """Count an endorsement by a signed-in manager of the learner against their own daily
    allowance, which nobody else can spend."""
    if not consume(
        f"awards:endorse:manager:{actor.pk}:{_day()}",
        limit=ENDORSEMENTS_PER_MANAGER_PER_DAY,
        seconds=_DAY_SECONDS,
    ):
        raise EndorsementRefused(str(_TRY_TOMORROW))


def screen_message(text: str, *, known_names: Sequence[str] = ()) -> list[dict[str, str]]:
    """What the privacy screener finds in an endorsement, as stored with it. The learner's and
    the endorser's own names are on the page already, so naming them is no finding."""
    try:
        findings = privacy.screen(text)
    except privacy.TextTooLong:  # the form refuses such text; be safe anyway
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
def endorsement_create_by_manager(*, award: Award, actor: User, message: str) -> Endorsement:
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
    with in_language_of(award.recipient):
        send_email_on_commit(
            to=[award.recipient.email],
            subject=_("%(name)s has endorsed your %(badge)s badge")
            % {"name": endorsement.name, "badge": award.badge.name},
            template="awards/email/endorsement_received.txt",
            context={
                "endorsement": endorsement,
                "award": award,
                "url": settings.SITE_URL
                + reverse("awards:endorsements", kwargs={"code": award.code}),
            },
        )
    return endorsement


@transaction.atomic
def endorsement_decide(
    *, endorsement: Endorsement, actor: User, publish: bool, dismiss_reason: str = ""
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
def badge_endorsement_rule_set(*, badge: Badge, days: int | None, actor: User) -> None:
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
    User.objects.select_for_update().filter(pk=award.recipient_id).first()
    award = Award.objects.select_for_update().get(pk=award.pk)
    if award.status == Award.Status.SUSPENDED and award.suspended_by_rule:
        _set_status(award, Award.Status.ACTIVE, actor=None, reason="", action="restore")
        _settle_pathways(award.recipient, actor=None, became_valid={award.badge_id})


def managers_of(user: User) -> list[User]:
    """The active managers of the organisations where this person is active staff."""
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
    with in_language_of(award.recipient):
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
    User.objects.select_for_update().filter(pk=award.recipient_id).first()
    award = Award.objects.select_for_update().select_related("badge").get(pk=award.pk)
    if award.status != Award.Status.ACTIVE or has_manager_endorsement(award):
        return False
    rule = BadgeEndorsementRule.objects.filter(badge=award.badge).first()
    days = rule.days if rule else (award.endorsement_due_at - award.awarded_at).days  # type: ignore[operator]  # only awards with a due date come here
    award.suspended_by_rule = True
    _set_status(
        award,
        Award.Status.SUSPENDED,
        actor=None,
        reason=RULE_REASON % {"days": days},
        action="suspend",
    )
    _settle_pathways(award.recipient, actor=None)
    return True


# --- suspension, revocation, restoring ---------------------------------------------------------


def _set_status(
    award: Award, status: str, *, actor: User | None, reason: str, action: str
) -> Award:
    source = award.status
    award.status = status
    award.status_reason = reason
    award.status_changed_at = timezone.now()
    if status == Award.Status.ACTIVE:
        award.suspended_by_rule = False
        award.suspended_by_pathway = False
    award.save(
        update_fields=[
            "status",
            "status_reason",
            "status_changed_at",
            "suspended_by_rule",
            "suspended_by_pathway",
            "updated_at",
        ]
    )
    cause = "pathway" if award.suspended_by_pathway else "rule" if award.suspended_by_rule else ""
    record_event(
        action=f"awards:award:{action}",
        subject=award,
        actor=actor,
        data={"from": source, "to": status, "reason": reason, "cause": cause},
    )
    _sync_credential(award)
    _published_changed(award, issuer_lists=True)
    with in_language_of(award.recipient):
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
def award_status_change(*, award: Award, actor: User, action: str, reason: str) -> Award:
    """An issuer admin suspends, revokes or restores an award, with a reason that the award
    page shows. Revoking is final. The credential's status lists follow, and so do the
    person's pathway badges (suspended with it, restored with it: ``pathways.py``); the
    status page shows those before the admin confirms (``selectors.status_change_effects``)."""
    User.objects.select_for_update().filter(pk=award.recipient_id).first()
    award = (
        Award.objects.select_for_update()
        .select_related("badge__issuer", "recipient")
        .get(pk=award.pk)
    )
    if not roles.is_issuer_admin(actor, award.badge.issuer):
        raise PermissionError("Only the issuer's admins can change an award's status.")
    if action not in STATUS_ACTIONS:
        raise AwardError(_("Choose what to do."))
    sources, target = STATUS_ACTIONS[action]
    if award.status not in sources:
        raise AwardError(
            _("This award is %(status)s, so it cannot be %(done)s.")
            % {"status": award.get_status_display().lower(), "done": _PAST[action]}
        )
    if action != "restore" and not reason.strip():
        raise AwardError(_("Give a reason: the award page shows it."))
    if action == "restore" and award.badge.is_pathway:
        state = pathways.holdings(award.recipient)
        if not pathways.rule_met(award.badge, state.valid()):
            raise AwardError(
                _("This pathway badge’s rule is not met by the badges this person holds now, "
                  "so it cannot be restored. It is restored by itself when the rule is met.")
            )  # fmt: skip
    if action == "suspend":
        award.suspended_by_rule = False
        award.suspended_by_pathway = False
    award = _set_status(award, target, actor=actor, reason=reason.strip(), action=action)
    _settle_pathways(
        award.recipient,
        actor=actor,
        became_valid={award.badge_id} if target == Award.Status.ACTIVE else (),
    )
    return award


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
