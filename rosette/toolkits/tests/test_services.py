from __future__ import annotations

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command

from rosette.accounts.models import User
from rosette.core.models import AuditEvent
from rosette.demo.toolkits import LONE_WORKING_GUIDE
from rosette.demo.video_guide import VIDEO_GUIDE
from rosette.teams import services as teams
from rosette.teams.models import Membership
from rosette.toolkits import selectors, services
from rosette.toolkits.models import Guide, GuideVersion, RiskAssessment
from rosette.toolkits.services import EntryInput
from rosette.toolkits.tasks import send_review_reminders
from tests import factories

pytestmark = pytest.mark.django_db


def rate_everything(
    assessment: RiskAssessment, actor: User, review_by: datetime.date | None = None
) -> RiskAssessment:
    entries = {
        e.pk: EntryInput(
            answers=["We check connections first."] * len(e.risk.question_items()),
            likelihood=(e.risk.rank % 5) + 1,
            impact=3,
            mitigation="Agree a plan with the group.",
            responsible_role="Group facilitator",
            review_by=review_by,
        )
        for e in assessment.entries.select_related("risk")
    }
    return services.assessment_save(
        assessment=assessment,
        actor=actor,
        based_on=assessment.version,
        entries=entries,
        checklist={},
    )


def test_the_video_guide_loads_with_its_full_text_in_order(version: GuideVersion) -> None:
    risks = list(version.risks.all())
    assert [r.title for r in risks] == [r["title"] for r in VIDEO_GUIDE["risks"]]
    assert [r.rank for r in risks] == [1, 2, 3, 4, 5, 6]
    assert risks[5].question_items() == VIDEO_GUIDE["risks"][5]["questions"]
    assert version.action_items() == VIDEO_GUIDE["actions"]
    assert version.more_action_items() == VIDEO_GUIDE["more_actions"]


def test_a_second_guide_proves_the_type_is_general(db: None) -> None:
    guide = services.guide_import(spec=LONE_WORKING_GUIDE, actor=None, is_sample=True)
    version = guide.current_version()
    assert guide.is_sample and version is not None
    assert version.risks.count() == 4
    assert version.reading_links()[0][1].startswith("https://")


def test_a_published_version_cannot_be_published_again_and_new_drafts_are_numbered(
    guide: Guide, version: GuideVersion
) -> None:
    with pytest.raises(services.ToolkitError):
        services.guide_version_publish(version=version, actor=None)
    draft = services.guide_version_copy(version=version, actor=None)
    assert draft.number == 2 and not draft.is_published
    assert guide.current_version() == version  # drafts are not used until published
    services.guide_version_publish(version=draft, actor=None)
    assert guide.current_version() == draft


def test_an_assessment_keeps_the_version_it_started_from(
    guide: Guide, version: GuideVersion, assessment: RiskAssessment
) -> None:
    draft = services.guide_version_copy(version=version, actor=None)
    services.guide_version_publish(version=draft, actor=None)
    assessment.refresh_from_db()
    assert assessment.guide_version == version
    assert assessment.entries.count() == 6
    assert assessment.checklist.count() == 3 + 6


def test_a_setting_name_that_identifies_someone_is_refused(
    version: GuideVersion, learner: User
) -> None:
    with pytest.raises(services.IdentifyingText) as error:
        services.assessment_start(
            version=version,
            actor=learner,
            setting_name="Group run by Jane Smith",
            setting_kind=RiskAssessment.SettingKind.GROUP,
        )
    assert "person's name" in str(error.value)
    assert not RiskAssessment.objects.exists()


def test_saving_bumps_the_version_and_records_who_changed_what(
    assessment: RiskAssessment, learner: User
) -> None:
    saved = rate_everything(assessment, learner)
    assert saved.version == 2
    event = AuditEvent.objects.for_subject(saved).get(action="toolkits:assessment:save")
    assert event.actor == learner and "risk 1" in event.data["changed"]
    # Saving the same again changes nothing and writes nothing.
    again = rate_everything(saved, learner)
    assert again.version == 2


def test_a_stale_save_is_refused_and_writes_nothing(
    assessment: RiskAssessment, learner: User
) -> None:
    rate_everything(assessment, learner)  # another tab saved: version 2
    entry = assessment.entries.get(risk__rank=1)
    with pytest.raises(services.StaleAssessment) as error:
        services.assessment_save(
            assessment=assessment,
            actor=learner,
            based_on=1,
            entries={entry.pk: EntryInput(mitigation="Something else")},
            checklist={},
        )
    assert error.value.current_version == 2
    assert "another tab" in str(error.value)
    entry.refresh_from_db()
    assert entry.mitigation == "Agree a plan with the group."


def test_completing_needs_every_risk_rated_and_planned(
    assessment: RiskAssessment, learner: User
) -> None:
    with pytest.raises(services.ToolkitError, match="risk 1, 2, 3, 4, 5, 6"):
        services.assessment_complete(assessment=assessment, actor=learner)
    rate_everything(assessment, learner)
    done = services.assessment_complete(assessment=assessment, actor=learner)
    assert done.is_completed and done.completed_at is not None


def test_summary_ranks_risks_by_local_rating_and_fills_the_heat_map(
    assessment: RiskAssessment, learner: User
) -> None:
    saved = rate_everything(assessment, learner)
    summary = selectors.assessment_summary(assessment=saved)
    scores = [e.score or 0 for e in summary.ranked]
    assert scores == sorted(scores, reverse=True)
    placed = [e.risk.rank for row in summary.heat_rows for c in row for e in c.entries]
    assert sorted(placed) == [1, 2, 3, 4, 5, 6]
    assert summary.heat_rows[0][0].likelihood == 5  # the top row is the most likely


def test_attachable_assessments_are_completed_ones_of_guides_linked_to_the_badge(
    guide: Guide, assessment: RiskAssessment, learner: User, outsider: User
) -> None:
    badge = guide.badges.get()
    other_badge = factories.make_badge()
    assert selectors.assessments_attachable(user=learner, badge=badge) == []
    rate_everything(assessment, learner)
    services.assessment_complete(assessment=assessment, actor=learner)
    assert selectors.assessments_attachable(user=learner, badge=badge) == [assessment]
    assert selectors.assessments_attachable(user=learner, badge=other_badge) == []
    assert selectors.assessments_attachable(user=outsider, badge=badge) == []
    pdf = selectors.assessment_pdf(assessment=assessment)
    assert pdf.startswith(b"%PDF")


def _colleague(organisation_of: User, role: str = Membership.Role.STAFF) -> User:
    membership = Membership.objects.filter(user=organisation_of).first()
    assert membership is not None
    person = factories.make_user()
    invite = teams.membership_invite(
        organisation=membership.organisation, user=person, role=role, actor=None
    )
    teams.membership_accept(membership=invite, actor=person)
    return person


def test_sharing_with_managers_and_inviting_a_colleague(
    version: GuideVersion, manager: User
) -> None:
    worker = _colleague(manager)
    colleague = _colleague(manager)
    organisation = Membership.objects.get(user=worker).organisation
    assessment = services.assessment_start(
        version=version, actor=worker, setting_name="Day service", setting_kind="service"
    )
    assert list(selectors.assessments_shared_with_manager(user=manager)) == []
    services.assessment_share(
        assessment=assessment, actor=worker, organisation=organisation, with_managers=True
    )
    assert list(selectors.assessments_shared_with_manager(user=manager)) == [assessment]

    services.contributor_add(assessment=assessment, actor=worker, user=colleague)
    assert list(selectors.assessments_for_person(user=colleague)) == [assessment]
    with pytest.raises(services.ToolkitError):
        services.contributor_add(assessment=assessment, actor=worker, user=factories.make_user())
    with pytest.raises(services.ToolkitError):
        services.assessment_share(
            assessment=assessment, actor=colleague, organisation=organisation, with_managers=False
        )


def test_review_reminders_email_the_owner_once_per_date(
    assessment: RiskAssessment, learner: User
) -> None:
    today = datetime.date(2026, 6, 1)
    rate_everything(assessment, learner, review_by=today)
    assert services.review_reminders_send(today=today - datetime.timedelta(days=1)) == 0
    assert services.review_reminders_send(today=today) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [learner.email]
    assert "Tuesday video peer support group" in message.subject
    assert "Call quality is poor" in message.body
    assert f"/toolkits/assessments/{assessment.public_id}/summary/" in message.body
    # Once per date: running again sends nothing, a new date sends again.
    assert services.review_reminders_send(today=today) == 0
    assessment.refresh_from_db()
    rate_everything(assessment, learner, review_by=today + datetime.timedelta(days=30))
    assert services.review_reminders_send(today=today + datetime.timedelta(days=30)) == 1
    assert len(mail.outbox) == 2


def test_reminders_run_as_a_task_and_as_a_command(
    assessment: RiskAssessment, learner: User
) -> None:
    rate_everything(assessment, learner, review_by=datetime.date(2020, 1, 1))
    result = send_review_reminders.enqueue()
    assert result.return_value == 1
    assert len(mail.outbox) == 1
    out = io.StringIO()
    call_command("send_review_reminders", stdout=out)
    assert "Sent 0 review reminder(s)." in out.getvalue()
    assert len(mail.outbox) == 1
