"""The catalogue's authoring services: versions, questions, prerequisites, pathways, images."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from rosette.accounts.models import User
from rosette.applications import services as applications
from rosette.assessment import services as assessment
from rosette.catalogue import services
from rosette.catalogue.artwork import ImageRejected, check_image, rosette_svg
from rosette.catalogue.models import Badge, Issuer
from rosette.workspace import services as workspace
from tests import factories

pytestmark = pytest.mark.django_db


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_square_png_or_svg_is_a_badge_image() -> None:
    assert check_image(png(400, 400)) == ".png"
    assert check_image(rosette_svg("Video chats", "#00703c")) == ".svg"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"GIF89a" + b"\0" * 100, "PNG or SVG"),
        (png(400, 200), "square"),
        (png(40, 40), "between 90 and 2000"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 50, "could not be read"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>x</script></svg>',
         "scripts"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="x()"/>', "scripts"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink" '
         b'viewBox="0 0 10 10"><image x:href="https://evil.example/a.png"/></svg>', "link"),
        (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>',
         "could not be read"),
        (b"<svg " + b"x" * 1_000_001, "smaller than 1 MB"),
    ],
)  # fmt: skip
def test_anything_else_is_refused_with_a_reason(data: bytes, message: str) -> None:
    with pytest.raises(ImageRejected, match=message):
        check_image(data)


def test_an_issuer_logo_need_not_be_square() -> None:
    assert check_image(png(320, 160), square=False) == ".png"


def test_a_badge_with_a_bad_image_is_not_created(issuer: Issuer) -> None:
    with pytest.raises(services.CatalogueError, match="square"):
        services.badge_create(
            issuer=issuer, actor=None, name="Wide", summary="x", image=("w.png", png(300, 100))
        )
    assert not Badge.objects.filter(name="Wide").exists()


def test_a_new_version_copies_the_last_and_leaves_it_and_its_applications_alone(
    issuer: Issuer, learner: User
) -> None:
    badge = factories.make_badge(issuer=issuer, questions=[("What did you learn?", 150)])
    first = badge.versions.get()
    application = applications.application_start(learner=learner, badge=badge)
    draft = workspace.badge_edit_start(badge=badge, actor=None)
    assert (draft.number, draft.criteria) == (2, first.criteria)
    assert [q.min_words for q in draft.questions.all()] == [150]
    assert workspace.badge_edit_start(badge=badge, actor=None) == draft  # one draft at a time
    services.badge_version_questions_set(
        version=draft,
        actor=None,
        questions=[services.QuestionSpec("Three things", 150), services.QuestionSpec("Secure", 50)],
    )
    services.badge_version_edit(version=draft, actor=None, overall_min_words=200)
    workspace.badge_version_publish(version=draft, actor=None)
    application.refresh_from_db()
    assert application.version == first
    assert [q.min_words for q in first.questions.all()] == [150]
    with pytest.raises(services.CatalogueError, match="never changes"):
        services.badge_version_edit(version=first, actor=None, overall_min_words=1)
    with pytest.raises(services.CatalogueError, match="never changes"):
        services.badge_version_questions_set(version=draft, actor=None, questions=[])


def test_a_new_version_keeps_the_rubric_it_was_copied_from(issuer: Issuer) -> None:
    badge = factories.make_badge(issuer=issuer, publish=False, questions=[("Q1", 10), ("Q2", 10)])
    version = badge.versions.get()
    assessment.rubric_set(
        version=version,
        actor=None,
        pass_mark=3,
        every_question_met=False,
        criteria={q.id: f"Looks for {q.prompt}" for q in version.questions.all()},
    )
    workspace.badge_version_publish(version=version, actor=None)
    draft = workspace.badge_edit_start(badge=badge, actor=None)
    rubric = assessment.rubric_ensure(version=draft)
    assert (rubric.pass_mark, rubric.every_question_met) == (3, False)
    assert [qr.criteria for qr in assessment.question_rubrics(rubric)] == [
        "Looks for Q1",
        "Looks for Q2",
    ]


def test_a_pass_mark_above_the_highest_score_is_refused(issuer: Issuer) -> None:
    badge = factories.make_badge(issuer=issuer, publish=False, questions=[("Q1", 10)])
    with pytest.raises(assessment.AssessmentError, match="between 1 and 2"):
        assessment.rubric_set(
            version=badge.versions.get(), actor=None, pass_mark=3, every_question_met=True,
            criteria={},
        )  # fmt: skip


def test_prerequisites_cannot_go_round_in_a_circle(issuer: Issuer) -> None:
    a = factories.make_badge(issuer=issuer)
    b = factories.make_badge(issuer=issuer, prerequisites=[a])
    c = factories.make_badge(issuer=issuer, prerequisites=[b])
    with pytest.raises(services.CatalogueError, match="circle"):
        services.badge_prerequisites_set(badge=a, actor=None, prerequisites=[c])
    with pytest.raises(services.CatalogueError, match="its own"):
        services.badge_prerequisites_set(badge=a, actor=None, prerequisites=[a])
    assert list(a.prerequisites.all()) == []


def test_a_pathway_is_made_of_badges_and_publishes_only_with_them(issuer: Issuer) -> None:
    pathway, version = workspace.badge_author(
        issuer=issuer, actor=None, name="Online safety", summary="x", kind="pathway",
        category=None, image=None,
    )  # fmt: skip
    assert services.publish_problems(version) == [
        "Choose the badges that contribute to this pathway."
    ]
    parts = [factories.make_badge(issuer=issuer) for _ in range(3)]
    with pytest.raises(services.CatalogueError, match="between 1 and"):
        services.pathway_set(badge=pathway, actor=None, components=parts, components_required=4)
    with pytest.raises(services.CatalogueError, match="towards itself"):
        services.pathway_set(
            badge=pathway, actor=None, components=[pathway], components_required=None
        )
    outer = factories.make_badge(issuer=issuer, components=[pathway])
    with pytest.raises(services.CatalogueError, match="towards itself"):
        services.pathway_set(
            badge=pathway, actor=None, components=[outer], components_required=None
        )
    pathway = services.pathway_set(
        badge=pathway, actor=None, components=parts, components_required=2
    )
    assert pathway.required_count() == 2
    services.badge_version_edit(version=version, actor=None, criteria="- hold two of them")
    workspace.badge_version_publish(version=version, actor=None)
    assert Badge.objects.get(pk=pathway.pk).status == Badge.Status.PUBLISHED


def test_a_retired_badge_leaves_the_catalogue_and_takes_no_new_applications(
    issuer: Issuer, learner: User
) -> None:
    badge = factories.make_badge(issuer=issuer)
    badge = services.badge_retire(badge=badge, actor=None)
    assert not Badge.objects.published().filter(pk=badge.pk).exists()
    with pytest.raises(applications.ApplicationError):
        applications.application_start(learner=learner, badge=badge)
    with pytest.raises(services.CatalogueError, match="retired"):
        workspace.badge_edit_start(badge=badge, actor=None)


def test_a_material_is_a_file_or_a_link_not_both(issuer: Issuer) -> None:
    badge = factories.make_badge(issuer=issuer)
    with pytest.raises(services.CatalogueError):
        services.material_add(
            badge=badge, actor=None, title="x", filename="a.pdf", content=b"%PDF", url="https://a"
        )
    with pytest.raises(services.CatalogueError):
        services.material_add(badge=badge, actor=None, title="x")
    link = services.material_add(badge=badge, actor=None, title="Guide", url="https://a.example/")
    assert link.get_absolute_url() == "https://a.example/"
    services.material_remove(material=link, actor=None)
    assert not badge.materials.exists()


def test_the_version_declaration_is_what_the_learner_confirms(issuer: Issuer) -> None:
    badge = factories.make_badge(issuer=issuer, publish=False)
    version = badge.versions.get()
    services.badge_version_edit(
        version=version,
        actor=None,
        declaration="I did the activities.\nIt is my own work.",
        data_sharing="Your evidence goes to the issuer.",
    )
    version.refresh_from_db()
    assert applications.declaration_text(issuer, version).split("\n") == [
        "I did the activities.",
        "It is my own work.",
        "Your evidence goes to the issuer.",
    ]
