"""Load the demo world through the real services. Safe to run again: it adds what is missing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from rosette.accounts.models import User
from rosette.accounts.services import user_create
from rosette.applications import services as applications
from rosette.applications.models import Application
from rosette.catalogue import services as catalogue
from rosette.catalogue.artwork import rosette_svg
from rosette.catalogue.models import Badge, Issuer, IssuerStaff
from rosette.credentials.services import issuer_key_ensure
from rosette.demo import badges as content
from rosette.demo.awards import load_demo_awards
from rosette.demo.toolkits import load_demo_guides
from rosette.demo.video_guide import ATTRIBUTION, VIDEO_GUIDE
from rosette.teams import services as teams
from rosette.teams.models import Membership, Organisation
from rosette.workspace import services as workspace

# Development only: the demo accounts' shared password, printed by `make run`.
DEMO_PASSWORD = "rosette-demo-2026"  # noqa: S105

DEMO_ACCOUNTS = [
    ("learner@example.org", "Morag Learner", "a learner"),
    ("manager@example.org", "Callum Manager", "a manager at Demo Care Services"),
    ("assessor@example.org", "Aileen Assessor", "an SSSC assessor (sets up MFA at first sign-in)"),
    ("admin@example.org", "Iain Admin", "an SSSC issuer admin (sets up MFA at first sign-in)"),
    (
        "admin2@example.org",
        "Nadia Admin",
        "an issuer admin of Northern Care Academy, a second issuer (sets up MFA at first sign-in)",
    ),
]


@dataclass
class DemoReport:
    created: list[str] = field(default_factory=list)


def handout_pdf(guide: dict[str, Any]) -> bytes:
    """The guide as a printable PDF handout (it becomes interactive in the toolkit)."""
    from weasyprint import HTML  # noqa: PLC0415 - heavy (about 1 s, 40 MB): only PDFs load it

    html = render_to_string("demo/guide_handout.html", {"guide": guide, "attribution": ATTRIBUTION})
    return bytes(HTML(string=html).write_pdf())


@transaction.atomic
def load_demo(*, awards: bool | None = None) -> DemoReport:
    """``awards``: give the demo learner their badges (C6). By default only in development
    (DEBUG), so that test journeys that load the demo start from a learner with no badges."""
    if not settings.DEBUG and not getattr(settings, "ROSETTE_ALLOW_DEMO", False):
        raise RuntimeError("The demo world is for development and testing only.")
    report = DemoReport()
    users = _accounts(report)
    issuer = _issuer(report, users)
    _catalogue(report, issuer)
    _second_issuer(report, users)
    _team(report, users)
    if settings.DEBUG if awards is None else awards:
        report.created += load_demo_awards(  # the learner's badges, decided before the queue fills
            learner=users["learner"], assessor=users["assessor"], manager=users["manager"]
        )
    _assessment_queue(report, issuer)
    load_demo_guides()  # the safeguarding toolkit's guides (C10)
    return report


def _accounts(report: DemoReport) -> dict[str, User]:
    users = {}
    for email, name, _ in DEMO_ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = user_create(email=email, name=name, password=DEMO_PASSWORD, verified=True)
            report.created.append(f"account {email}")
        users[email.split("@")[0]] = user
    return users


def _issuer(report: DemoReport, users: dict[str, User]) -> Issuer:
    issuer = Issuer.objects.filter(slug=content.SSSC["slug"]).first()
    if issuer is None:
        issuer = catalogue.issuer_create(actor=None, **content.SSSC)
        report.created.append(f"issuer {issuer.name}")
    catalogue.issuer_staff_add(
        issuer=issuer, user=users["assessor"], role=IssuerStaff.Role.ASSESSOR, actor=None
    )
    catalogue.issuer_staff_add(
        issuer=issuer, user=users["admin"], role=IssuerStaff.Role.ADMIN, actor=None
    )
    issuer_key_ensure(issuer=issuer)
    return issuer


def _badge(
    report: DemoReport,
    issuer: Issuer,
    spec: dict[str, Any],
    *,
    prerequisites: list[Badge] | None = None,
    components: list[Badge] | None = None,
) -> Badge:
    badge = Badge.objects.filter(slug=spec["slug"]).first()
    if badge is not None:
        return badge
    category = catalogue.category_ensure(
        slug=spec["category"], name=dict(content.CATEGORIES)[spec["category"]]
    )
    badge = catalogue.badge_create(
        issuer=issuer,
        actor=None,
        slug=spec["slug"],
        name=spec["name"],
        summary=spec["summary"],
        category=category,
        kind=Badge.Kind.PATHWAY if components else Badge.Kind.STANDARD,
        prerequisites=prerequisites or [],
        components=components or [],
        image=(f"{spec['slug']}.svg", rosette_svg(spec["name"], spec["colour"])),
        position=spec.get("position", 0),
    )
    version = catalogue.badge_version_create(
        badge=badge,
        actor=None,
        description=spec["description"],
        criteria=spec["criteria"],
        questions=[
            catalogue.QuestionSpec(prompt=p, min_words=n) for p, n in spec.get("questions", [])
        ],
        overall_min_words=spec.get("overall", 0),
        activities=spec.get("activities", ""),
        discussion_task=spec.get("discussion_task", ""),
        declaration=spec.get("declaration", ""),
        data_sharing=spec.get("data_sharing", ""),
    )
    workspace.badge_version_publish(version=version, actor=None)
    report.created.append(f"badge {badge.name}")
    return badge


def _catalogue(report: DemoReport, issuer: Issuer) -> None:
    intro = [
        _badge(report, issuer, content.GETTING_STARTED),
        _badge(report, issuer, content.WRITING_EVIDENCE),
    ]
    # What the introductory badges ask learners to read, linked from their pages.
    for badge, title, name in (
        (intro[0], "An introduction to Open Badges", "home:open_badges_guidance"),
        (intro[1], "Preparing and publishing your evidence", "home:evidence_guidance"),
    ):
        if not badge.materials.exists():
            catalogue.material_add(
                badge=badge, actor=None, title=title, url=settings.SITE_URL + reverse(name)
            )
    video = _badge(report, issuer, content.VIDEO_CHATS, prerequisites=intro)
    if not video.materials.exists():
        catalogue.material_add(
            badge=video,
            actor=None,
            title="Video chats handout",
            filename="video-chats-handout.pdf",
            content=handout_pdf(VIDEO_GUIDE),
            description="Video-based services: safeguarding when using video calling software.",
        )
    others = [_badge(report, issuer, spec, prerequisites=intro) for spec in content.OSS_OTHERS]
    components = sorted([video, *others], key=lambda b: b.position)
    _badge(report, issuer, content.ONLINE_SAFETY, components=components)


def _second_issuer(report: DemoReport, users: dict[str, User]) -> Issuer:
    """Northern Care Academy: its own admin, signing key and badges (multi-issuer demo)."""
    issuer = Issuer.objects.filter(slug=content.SECOND_ISSUER["slug"]).first()
    if issuer is None:
        issuer = catalogue.issuer_create(
            actor=None,
            image=("logo.svg", rosette_svg("Northern Care Academy", "#4c2c92")),
            **content.SECOND_ISSUER,
        )
        report.created.append(f"issuer {issuer.name}")
    catalogue.issuer_staff_add(
        issuer=issuer, user=users["admin2"], role=IssuerStaff.Role.ADMIN, actor=None
    )
    issuer_key_ensure(issuer=issuer)
    for spec in content.SECOND_ISSUER_BADGES:
        _badge(report, issuer, spec)
    return issuer


def _team(report: DemoReport, users: dict[str, User]) -> None:
    organisation = Organisation.objects.filter(slug="demo-care-services").first()
    if organisation is None:
        organisation = teams.organisation_create(
            slug="demo-care-services", name="Demo Care Services", actor=None
        )
        report.created.append(f"organisation {organisation.name}")
    for key, role in (("manager", Membership.Role.MANAGER), ("learner", Membership.Role.STAFF)):
        user = users[key]
        if not Membership.objects.filter(organisation=organisation, user=user, role=role).exists():
            membership = teams.membership_invite(
                organisation=organisation, user=user, role=role, actor=users["manager"]
            )
            teams.membership_accept(membership=membership, actor=user)


# Demo learners whose applications wait in the assessment queue, so the demo assessor has work.
QUEUE_LEARNERS = [
    ("ailsa@example.org", "Ailsa Carer", "getting-started-with-open-badges"),
    ("tam@example.org", "Tam Support Worker", "getting-started-with-open-badges"),
    ("priya@example.org", "Priya Student", "writing-evidence-for-open-badge-applications"),
]
QUEUE_EVIDENCE = (
    "Working through the activities helped me think about how I learn at work. I used to "
    "see training as something that happens on a course, but a badge asks me to show what "
    "I have learned and how it changes my practice. I read the guidance, looked at examples "
    "of good evidence and talked with colleagues in a team meeting about what we each want "
    "to learn this year. I wrote about people by their role only, never by name, and I kept "
    "out anything that could identify the people we support. Next I want to reflect more "
    "often, keep short notes after supervision, and share what I learn with the team so that "
    "the learning is used and not forgotten."
)


def _assessment_queue(report: DemoReport, issuer: Issuer) -> None:
    """A few submitted applications from extra demo learners, through the real services."""

    for email, name, slug in QUEUE_LEARNERS:
        learner = User.objects.filter(email=email).first()
        if learner is None:
            learner = user_create(email=email, name=name, password=DEMO_PASSWORD, verified=True)
            report.created.append(f"account {email}")
        badge = Badge.objects.get(slug=slug, issuer=issuer)
        if Application.objects.filter(learner=learner, badge=badge).exists():
            continue
        application = applications.application_start(learner=learner, badge=badge)
        attempt = applications.current_attempt(application)
        applications.draft_save(
            application=application,
            actor=learner,
            based_on_revision=attempt.revision,
            draft=applications.DraftInput(
                texts={
                    a.question_id: QUEUE_EVIDENCE for a in attempt.answers.all() if a.question_id
                },
                links={},
                transcripts={},
                intended_actions="Keep short notes after supervision and share them with the team.",
            ),
        )
        applications.application_submit(
            application=application, actor=learner, declaration=True, ai_used=False
        )
        report.created.append(f"submitted application for {badge.name} from {name}")
