"""The demo learner's badges, earned through the real services: evidence written and submitted,
claimed and awarded by the demo assessor (or, if the queue holds older work, awarded by the
workflow directly), a public award page for Video chats with a published endorsement from
their manager, and so one of eight towards Online safety and security."""

from __future__ import annotations

from rosette.accounts.models import User
from rosette.applications import services as applications
from rosette.applications import workflow
from rosette.assessment import services as assessment
from rosette.awards import services
from rosette.awards.models import Award
from rosette.catalogue.models import Badge

# Evidence that meets each question's minimum and identifies nobody (the SSSC declines that).
GS1 = (
    "An Open Badge is a digital record of learning that I earn by showing evidence of what I "
    "learned and how I use it in my work. It belongs to me, so it stays with me if I change "
    "jobs. I could use badges to plan my continuous professional learning, to reflect on my "
    "practice in supervision, and to show the learning I have done when I renew my "
    "registration."
)
GS2 = (
    "I would like to earn the Video chats badge next, because our service now holds many "
    "review meetings and family catch-ups online. I want to be confident that the calls I set "
    "up are secure and private, and I want to help colleagues who feel less sure about the "
    "technology to use it safely."
)
WE1 = (
    "Good evidence of learning explains what I learned, why it matters to my practice and "
    "what I will do differently as a result. It is written in my own words and answers every "
    "question in the criteria. It gives real examples from my work without describing the "
    "people I support in a way that could identify them. It reflects on the learning rather "
    "than only listing what I read or watched. It links the learning to the policies and "
    "procedures of my organisation and to the standards of my profession, and it shows how I "
    "have shared the learning with my team or my manager so that it makes a difference in "
    "the service."
)
WE2 = (
    "I will describe people only by their role, such as a person I support or a colleague, "
    "and never use names, initials, ages, addresses or dates that could point to someone. I "
    "will leave out the name of my workplace when it is small, and I will read my evidence "
    "again before submitting it, and ask my manager to check it too."
)
VC1 = (
    "I learned that the settings of a video platform matter as much as the platform itself. "
    "Waiting rooms stop people joining a call uninvited, and passcodes keep links that are "
    "shared by mistake from being used. I also learned to check that the person I support "
    "has a private space, because being overheard could put them at risk. Thirdly, I learned "
    "that a safe word lets someone end a call quickly if a person who poses a risk comes in. "
    "This matters to my practice because the people I support trust me with sensitive "
    "conversations, and a careless setting could expose them. I will now check the security "
    "settings before every group session, ask people where they are joining from, and agree "
    "a safe word at the start of one-to-one calls. I shared this with my team so that we all "
    "use the same checklist, and our manager added it to the team meeting agenda for next "
    "month so that everyone can talk about what works."
)
VC2 = (
    "I will keep the video software up to date, use a waiting room and a passcode for every "
    "meeting, never share meeting links on social media, lock meetings once everyone has "
    "joined, and use the organisation's approved platform rather than a personal account. I "
    "will also report anything suspicious to our information governance lead straight away."
)

EVIDENCE = {
    "getting-started-with-open-badges": [GS1, GS2],
    "writing-evidence-for-open-badge-applications": [WE1, WE2],
    "oss-video-chats": [VC1, VC2],
}
ENDORSEMENT = (
    "Since earning this badge, Morag has checked the settings of every group call we run and "
    "taught two colleagues to use waiting rooms and passcodes. Our online sessions feel safer "
    "for everyone who joins them."
)


def load_demo_awards(*, learner: User, assessor: User, manager: User) -> list[str]:
    """Award the demo learner the introductory badges and Video chats, if not held yet."""
    created = []
    for slug, texts in EVIDENCE.items():
        badge = Badge.objects.filter(slug=slug).first()
        if badge is None or Award.objects.current().filter(recipient=learner, badge=badge):
            continue
        _earn(learner, badge, texts, assessor)
        created.append(f"award {badge.name} to {learner.email}")
    video = Award.objects.current().filter(recipient=learner, badge__slug="oss-video-chats").first()
    if video is not None and not video.endorsements.exists():
        services.award_settings_update(
            award=video, actor=learner, visibility=Award.Visibility.PUBLIC,
            name_display=Award.NameDisplay.FULL, endorsements_open=True,
        )  # fmt: skip
        endorsement = services.endorsement_create_by_manager(
            award=video, actor=manager, message=ENDORSEMENT
        )
        services.endorsement_decide(endorsement=endorsement, actor=learner, publish=True)
    return created


def _earn(learner: User, badge: Badge, texts: list[str], assessor: User) -> Award:
    application = applications.application_start(learner=learner, badge=badge)
    attempt = applications.current_attempt(application)
    questions = [
        a.question_id for a in attempt.answers.order_by("question__position") if a.question_id
    ]
    applications.draft_save(
        application=application,
        actor=learner,
        based_on_revision=attempt.revision,
        draft=applications.DraftInput(
            texts=dict(zip(questions, texts, strict=False)), links={}, transcripts={},
            intended_actions="",
        ),
    )  # fmt: skip
    application = applications.application_submit(
        application=application, actor=learner, declaration=True, ai_used=False
    )

    claimed = assessment.claim_next(issuer=badge.issuer, assessor=assessor)
    if claimed is not None and claimed.pk == application.pk:
        rubric = assessment.rubric_ensure(version=application.version)
        scores = {qr.question_id: 1 for qr in assessment.question_rubrics(rubric)}
        assessment.decision_record(
            application=claimed, actor=assessor, outcome="award", scores=scores, feedback={}
        )
        return Award.objects.get(application=application)
    if claimed is not None:
        assessment.claim_release(application=claimed, actor=assessor)
    # Older work waits in the queue: award by the workflow, as the decision would.
    workflow.transition(application, action="award", actor=assessor)
    return services.award_create(
        recipient=learner, badge=badge, actor=assessor, application=application
    )
