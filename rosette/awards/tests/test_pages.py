"""The award page: visibility, evidence, sharing, certificate; the learner's badges page."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.test import Client
from django.urls import reverse

from rosette.accounts.models import User
from rosette.awards import selectors, services
from rosette.awards.models import Award
from rosette.catalogue.models import Badge, Issuer
from rosette.credentials.services import credential_issue
from tests import factories

pytestmark = pytest.mark.django_db


def _page(client: Client, award: Award) -> str:
    response = client.get(award.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_name_badge_issuer_date_criteria_and_evidence(
    client: Client, award: Award
) -> None:
    html = _page(client, award)
    assert "Morag Learner" in html
    assert "Video chats" in html and "Scottish Social Services Council" in html
    assert award.awarded_at.strftime("%-d %B %Y") in html
    assert "do the activities" in html  # the criteria of the version assessed under
    assert "waiting room" in html  # the evidence as submitted
    assert "Badges show learning, not competence" in html


def test_link_preview_tags_and_the_assertion_link(client: Client, award: Award, settings) -> None:  # type: ignore[no-untyped-def]
    html = _page(client, award)
    site = settings.SITE_URL
    assert f'<meta property="og:url" content="{site}/awards/{award.code}/">' in html
    assert f'<meta property="og:image" content="{site}/credentials/{award.code}.png">' in html
    assert 'property="og:title" content="Morag Learner earned Video chats"' in html
    assert "og:description" in html
    for title, path in (
        ("Open Badges 3.0 credential", f"/credentials/{award.code}.json"),
        ("Open Badges 2.0 assertion", f"/ob2/assertions/{award.code}.json"),
    ):
        alternate = f'type="application/ld+json" title="{title}" href="{site}{path}">'
        assert f'<link rel="alternate" {alternate}' in html
    assert 'name="robots" content="noindex' in html  # "anyone with the link" is the default


def test_a_public_page_may_be_indexed(client: Client, award: Award, learner: User) -> None:
    services.award_settings_update(
        award=award, actor=learner, visibility="public", name_display="full",
        endorsements_open=True,
    )  # fmt: skip
    response = client.get(award.get_absolute_url())
    assert "noindex" not in response.content.decode()
    assert "X-Robots-Tag" not in response


def test_a_private_page_is_a_404_like_a_wrong_code(
    client: Client, award: Award, learner: User, outsider: User
) -> None:
    services.award_settings_update(
        award=award, actor=learner, visibility="private", name_display="full",
        endorsements_open=True,
    )  # fmt: skip
    assert client.get(award.get_absolute_url()).status_code == 404
    client.force_login(outsider)
    private = client.get(award.get_absolute_url())
    wrong = client.get(reverse("awards:award_detail", kwargs={"code": "x" * 22}))
    assert private.status_code == wrong.status_code == 404

    # The same page, but for the path it names and the form token.
    def normal(body: bytes, code: str) -> str:
        text = body.decode().replace(code, "CODE")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)

    assert normal(private.content, award.code) == normal(wrong.content, "x" * 22)
    client.force_login(learner)
    assert client.get(award.get_absolute_url()).status_code == 200


def test_guessing_codes_finds_nothing(client: Client, award: Award) -> None:
    for code in ["1", award.code[:-1], award.code.upper(), award.code + "a", "../admin"]:
        response = client.get(f"/awards/{code}/")
        assert response.status_code == 404, code


def test_the_learner_chooses_how_their_name_shows(
    client: Client, award: Award, learner: User
) -> None:
    services.award_settings_update(
        award=award, actor=learner, visibility="link", name_display="short",
        endorsements_open=True,
    )  # fmt: skip
    html = _page(client, award)
    assert "Morag L." in html and "Morag Learner" not in html


def test_hidden_and_withdrawn_evidence_is_not_shown_to_others(
    learner: User, badge: Badge, assessor: User
) -> None:
    from .conftest import award_for_application

    award = award_for_application(learner, badge, assessor, link="https://blog.example.org/")
    first, second, third = award.evidence.order_by("position")
    services.award_settings_update(
        award=award, actor=learner, visibility="link", name_display="full",
        endorsements_open=True, hidden_evidence={str(first.public_id)},
    )  # fmt: skip
    services.evidence_withdraw(evidence=second, actor=learner)
    page = selectors.award_page(award=award, user=None)
    assert [e.pk for e in page.evidence] == [third.pk]
    own = selectors.award_page(award=award, user=learner)
    assert [e.pk for e in own.evidence] == [first.pk, third.pk]  # withdrawn: not even to you


def test_only_the_learner_changes_the_settings(
    client: Client, award: Award, outsider: User, learner: User
) -> None:
    url = reverse("awards:settings", kwargs={"code": award.code})
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert client.post(url, {"visibility": "private", "name_display": "full"}).status_code == 404
    client.force_login(learner)
    response = client.post(url, {"visibility": "private", "name_display": "short"})
    assert response.status_code == 302
    award.refresh_from_db()
    assert (award.visibility, award.name_display, award.endorsements_open) == (
        "private", "short", False,
    )  # fmt: skip
    assert client.post(url, {"visibility": "everyone"}).status_code == 400


def test_a_recording_and_a_file_are_served_from_the_award_page(
    client: Client, learner: User, outsider: User, assessor: User, badge: Badge
) -> None:
    import io

    from rosette.applications import services as applications
    from rosette.assessment import services as assessment
    from tests.test_url_access import _wav

    application = applications.application_start(learner=learner, badge=badge)
    attempt = applications.current_attempt(application)
    applications.draft_save(
        application=application, actor=learner, based_on_revision=attempt.revision,
        draft=applications.DraftInput(
            texts={a.question_id: "Waiting rooms and passcodes keep calls private and safe."
                   for a in attempt.answers.all() if a.question_id},
            links={}, transcripts={}, intended_actions=""),
    )  # fmt: skip
    applications.answer_media_attach(
        application=application, actor=learner, question_id=None, upload=_wav(),
        transcript="What I said about waiting rooms.",
    )  # fmt: skip
    applications.attachment_add(
        application=application, actor=learner, title="Handout",
        upload=io.BytesIO(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"),
    )  # fmt: skip
    applications.application_submit(
        application=application, actor=learner, declaration=True, ai_used=False
    )
    claimed = assessment.claim_next(issuer=badge.issuer, assessor=assessor)
    rubric = assessment.rubric_ensure(version=application.version)
    assert claimed is not None
    assessment.decision_record(
        application=claimed, actor=assessor, outcome="award", feedback={},
        scores={qr.question_id: 1 for qr in assessment.question_rubrics(rubric)},
    )  # fmt: skip
    award = Award.objects.get(application=application)
    files = [e for e in award.evidence.all() if e.has_file]
    assert len(files) == 2
    html = _page(client, award)
    assert "What I said about waiting rooms." in html and "<audio" in html
    for item in files:
        url = reverse(
            "awards:evidence_file", kwargs={"code": award.code, "public_id": item.public_id}
        )
        response = client.get(url)
        assert response.status_code == 200
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]
        b"".join(response.streaming_content)  # type: ignore[attr-defined]
    hidden = files[0]
    services.award_settings_update(
        award=award, actor=learner, visibility="link", name_display="full",
        endorsements_open=True, hidden_evidence={str(hidden.public_id)},
    )  # fmt: skip
    url = reverse(
        "awards:evidence_file", kwargs={"code": award.code, "public_id": hidden.public_id}
    )
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(learner)
    response = client.get(url)
    assert response.status_code == 200
    b"".join(response.streaming_content)  # type: ignore[attr-defined]


def test_linkedin_add_to_profile_link_carries_the_certification(award: Award) -> None:
    url = urlparse(selectors.linkedin_url(award))
    assert (url.scheme, url.netloc, url.path) == ("https", "www.linkedin.com", "/profile/add")
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    assert query["startTask"] == "CERTIFICATION_NAME"
    assert query["name"] == "Video chats"
    assert query["organizationName"] == "Scottish Social Services Council"
    assert query["issueYear"] == str(award.awarded_at.year)
    assert query["issueMonth"] == str(award.awarded_at.month)
    assert query["certUrl"].endswith(f"/awards/{award.code}/")
    assert query["certId"] == award.code


def test_the_owner_sees_share_links_and_the_copy_box(
    client: Client, award: Award, learner: User
) -> None:
    client.force_login(learner)
    html = _page(client, award)
    assert "https://www.linkedin.com/profile/add?" in html
    assert f"/credentials/{award.code}.png" in html and f"/credentials/{award.code}.json" in html
    assert 'id="award-url"' in html and "readonly" in html
    assert "<script" not in html.split("<body")[1].split("src=")[0]  # no inline script


def test_the_certificate_is_a_pdf_with_the_page_url(client: Client, award: Award) -> None:
    response = client.get(reverse("awards:certificate", kwargs={"code": award.code}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_certificate_html_has_the_url_and_a_qr_code(award: Award) -> None:
    svg = selectors.qr_svg("https://rosette.example/awards/abc/")
    assert svg.startswith("<svg") and "path" in svg


def test_revocation_shows_plainly_and_keeps_no_evidence_public(
    client: Client, award: Award, issuer_admin: User, learner: User
) -> None:
    services.award_status_change(
        award=award, actor=issuer_admin, action="revoke", reason="The evidence was copied."
    )
    html = _page(client, award)
    assert "This badge was revoked" in html and "The evidence was copied." in html
    assert "waiting room" not in html
    assert "Endorse this badge" not in html
    response = client.get(reverse("awards:certificate", kwargs={"code": award.code}))
    assert response.status_code == 302


def test_the_learners_badges_page_lists_awards_and_progress(
    client: Client, learner: User, pathway: tuple[Badge, list[Badge]]
) -> None:
    _oss, components = pathway
    for component in components[:3]:
        services.award_create(recipient=learner, badge=component, actor=None)
    client.force_login(learner)
    html = client.get(reverse("awards:mine")).content.decode()
    assert "Component 1" in html and "Component 3" in html
    assert "3 of 8 towards" in html and "Online safety and security" in html


def test_the_badges_page_costs_the_same_for_many_awards(
    client: Client, learner: User, issuer: Issuer, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("awards:mine")).status_code == 200
        return len(ctx.captured_queries)

    client.force_login(learner)
    services.award_create(recipient=learner, badge=factories.make_badge(issuer=issuer), actor=None)
    few = count()
    for _ in range(10):
        services.award_create(
            recipient=learner, badge=factories.make_badge(issuer=issuer), actor=None
        )
    assert count() == few


def test_badge_and_home_pages_show_pathway_progress(
    client: Client, learner: User, pathway: tuple[Badge, list[Badge]]
) -> None:
    oss, components = pathway
    for component in components[:3]:
        services.award_create(recipient=learner, badge=component, actor=None)
    client.force_login(learner)
    html = client.get(components[5].get_absolute_url()).content.decode()
    assert "3 of 8 towards" in html
    html = client.get(oss.get_absolute_url()).content.decode()
    assert "3 of 8 towards" in html
    html = client.get(reverse("home:home")).content.decode()
    assert "3 of 8 towards" in html
    assert components[0].name in html


FORMATS = {
    "Badge image (PNG)": "/credentials/{code}.png",
    "Badge image (SVG)": "/credentials/{code}.svg",
    "Credential file (JSON)": "/credentials/{code}.json",
    "Open Badges 2.0 image (PNG)": "/ob2/assertions/{code}.png",
    "Open Badges 2.0 assertion (web address)": "/ob2/assertions/{code}.json",
}


def _downloads(html: str) -> dict[str, str]:
    """The formats the page's download section offers: label -> path."""
    section = html.split('id="downloads"', 1)[1].split("</section>", 1)[0]
    found = re.findall(r'<a href="https?://[^/"]+(/[^"]+)"(?: download)?>([^<]+)</a>', section)
    return {label: path for path, label in found}


def test_the_page_offers_every_format_with_a_note_on_which_to_use(
    client: Client, award: Award, learner: User
) -> None:
    credential_issue(award=award)  # what the task does after the award's transaction commits
    expected = {label: path.format(code=award.code) for label, path in FORMATS.items()}
    for viewer in (None, learner):
        if viewer is not None:
            client.force_login(viewer)
        html = _page(client, award)
        assert _downloads(html) == expected
        assert "If you are not sure, use the badge image." in html
        assert "older backpack or platform that only takes Open Badges 2.0" in html
        for path in expected.values():
            assert client.get(path).status_code == 200, path


def test_strangers_are_offered_only_the_formats_they_may_fetch(
    client: Client, award: Award, learner: User
) -> None:
    services.award_settings_update(
        award=award, actor=learner, visibility="link", name_display="short",
        endorsements_open=True,
    )  # fmt: skip
    hashed = {k: v.format(code=award.code) for k, v in FORMATS.items() if "2.0" in k}
    assert _downloads(_page(client, award)) == hashed
    client.force_login(learner)
    html = _page(client, award)
    assert len(_downloads(html)) == 5
    assert "only you can download them" in html
