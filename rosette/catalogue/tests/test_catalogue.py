from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rosette.catalogue.models import Badge, Category
from rosette.demo.loader import load_demo
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> None:
    load_demo()


def test_catalogue_lists_the_demo_badges_with_their_issuer(client: Client, demo: None) -> None:
    response = client.get(reverse("catalogue:badge_list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Getting started with Open Badges" in body
    assert "Scottish Social Services Council" in body
    # SSSC: 2 introductory, 8 contributing and the pathway badge; 2 of the second issuer.
    assert "13 badges" in body
    assert "Northern Care Academy" in body


def test_search_finds_badges_by_words_in_their_text(client: Client, demo: None) -> None:
    response = client.get(reverse("catalogue:badge_list"), {"q": "webinars"})
    body = response.content.decode()
    assert "OSS Video chats" in body
    assert "OSS Passwords" not in body
    assert "1 badge" in body


def test_filter_by_pathway_lists_its_eight_badges(client: Client, demo: None) -> None:
    response = client.get(
        reverse("catalogue:badge_list"), {"pathway": "online-safety-and-security"}
    )
    assert list(response.context["page"].paginator.object_list.values_list("slug", flat=True))
    assert response.context["page"].paginator.count == 8
    assert "Getting started" not in response.content.decode()


def test_filter_by_category_and_issuer(client: Client, demo: None) -> None:
    response = client.get(
        reverse("catalogue:badge_list"), {"category": "introductory", "issuer": "sssc"}
    )
    assert response.context["page"].paginator.count == 2


def test_unknown_filter_values_are_reported_not_a_server_error(client: Client, demo: None) -> None:
    response = client.get(
        reverse("catalogue:badge_list"),
        {"issuer": "nobody", "category": "<script>", "page": "banana", "q": "x" * 500},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Select a valid choice" in body
    assert "<script>" not in body
    # The invalid filters are ignored, so the catalogue still shows badges.
    assert response.context["page"].paginator.count == 13


def test_pages_beyond_the_end_show_the_last_page(client: Client, demo: None) -> None:
    response = client.get(reverse("catalogue:badge_list"), {"page": "99"})
    assert response.status_code == 200
    page = response.context["page"]
    assert page.number == page.paginator.num_pages


def test_unpublished_badges_are_not_listed_or_shown(client: Client) -> None:
    draft = factories.make_badge(name="Secret draft", publish=False)
    assert "Secret draft" not in client.get(reverse("catalogue:badge_list")).content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_video_chats_page_shows_the_seed_text_and_requirements(client: Client, demo: None) -> None:
    response = client.get(reverse("catalogue:badge_detail", kwargs={"slug": "oss-video-chats"}))
    body = response.content.decode()
    assert "secure online chats and webinars" in body
    assert "download and complete the Video chats handout" in body
    assert "(150 words minimum)" in body
    assert "(50 words minimum)" in body
    assert "at least 200 words" in body
    assert "We will also accept an audio or video submission" in body
    assert "Getting started with Open Badges" in body
    assert "Writing evidence for Open Badge applications" in body
    assert "Online safety and security" in body  # the pathway it contributes to
    assert "up to 28 days" in body
    assert "viewable by anyone who you show your badge to" in body
    assert "Video chats handout" in body
    assert "Scottish Social Services Council" in body


def test_badge_page_says_which_prerequisites_the_viewer_holds(
    client: Client, learner: factories.User, demo: None
) -> None:
    intro = Badge.objects.get(slug="getting-started-with-open-badges")
    factories.give_badge(learner, intro)
    client.force_login(learner)
    response = client.get(reverse("catalogue:badge_detail", kwargs={"slug": "oss-video-chats"}))
    prerequisites = {p.badge.slug: p.held for p in response.context["page"].prerequisites}
    assert prerequisites == {
        "getting-started-with-open-badges": True,
        "writing-evidence-for-open-badge-applications": False,
    }
    assert "You do not hold this yet" in response.content.decode()


def test_unknown_badge_is_a_friendly_404(client: Client) -> None:
    response = client.get("/badges/no-such-badge/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_handout_downloads_as_a_pdf(client: Client, demo: None) -> None:
    badge = Badge.objects.get(slug="oss-video-chats")
    material = badge.materials.get()
    response = client.get(material.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    content = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert content.startswith(b"%PDF")


def test_badge_image_is_served_as_an_inert_image(client: Client, demo: None) -> None:
    response = client.get(reverse("catalogue:badge_image", kwargs={"slug": "oss-video-chats"}))
    assert response["Content-Type"] == "image/svg+xml"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"<svg" in b"".join(response.streaming_content)  # type: ignore[attr-defined]


def test_issuer_page_lists_its_badges(client: Client, demo: None) -> None:
    response = client.get(reverse("catalogue:issuer_detail", kwargs={"slug": "sssc"}))
    body = response.content.decode()
    assert "trusted, skilled, confident" in body
    assert "OSS Video chats" in body


def test_catalogue_query_count_does_not_grow_with_the_number_of_badges(
    client: Client,
) -> None:
    issuer = factories.make_issuer()
    category = Category.objects.create(slug="c", name="C")
    parts = [factories.make_badge(issuer=issuer, category=category) for _ in range(3)]
    factories.make_badge(issuer=issuer, components=parts)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("catalogue:badge_list")).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for _ in range(8):
        factories.make_badge(issuer=issuer, category=category)
    assert count() == few


def test_search_reads_criteria_activities_and_materials_not_only_names(
    client: Client, demo: None
) -> None:
    """ "safeguarding" is only in Video chats' handout and activities, never in its name."""
    response = client.get(reverse("catalogue:badge_list"), {"q": "safeguarding"})
    body = response.content.decode()
    assert "OSS Video chats" in body


def test_search_ignores_text_of_a_draft_version_nobody_can_read_yet(
    client: Client, demo: None
) -> None:
    badge = Badge.objects.get(slug="oss-passwords")
    draft = badge.versions.order_by("-number").first()
    assert draft is not None
    draft.pk = None
    draft.number += 1
    draft.published_at = None
    draft.criteria = "A secret word: zanzibarite."
    draft.description = "Zanzibarite, again."
    draft.save()
    response = client.get(reverse("catalogue:badge_list"), {"q": "zanzibarite"})
    assert "OSS Passwords" not in response.content.decode()


def test_the_badge_page_says_what_will_be_declared_before_anyone_starts(
    client: Client, demo: None
) -> None:
    body = client.get("/badges/oss-video-chats/").content.decode()
    declaration = body.index('id="declaration"')
    assert declaration < body.index('id="apply"')  # before the button that starts writing
    assert "Your evidence, name, and email address will be sent to the organisation" in body
    assert 'href="/guidance/evidence/"' in body
    guidance = client.get("/guidance/evidence/").content.decode()
    assert "Preparing and publishing your evidence" in guidance
    assert "How to write about your practice without naming anyone" in guidance


def test_a_pathway_badge_page_shows_nothing_that_only_applies_to_applying(
    client: Client, demo: None
) -> None:
    body = client.get("/badges/online-safety-and-security/").content.decode()
    assert "The evidence you submit will be viewable" not in body
    assert 'id="declaration"' not in body and 'id="apply"' not in body
    assert "This badge is awarded automatically" in body
