"""A support worker completes the video-based services guide for their group (C10)."""

from __future__ import annotations

import datetime
import io
import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from rosette.accounts.models import User
from rosette.applications.models import Attachment
from rosette.demo.loader import DEMO_PASSWORD, load_demo
from rosette.toolkits import services
from rosette.toolkits.models import Guide, RiskAssessment
from tests.browser.conftest import axe

pytestmark = pytest.mark.django_db(transaction=True)

SETTING = "Tuesday video peer support group"


@pytest.fixture
def demo() -> None:
    load_demo()


def sign_in(page: Page, email: str = "learner@example.org") -> None:
    page.goto("/accounts/login/")
    axe(page)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    axe(page)


def test_support_worker_completes_the_video_guide_and_downloads_the_plan(
    page: Page, demo: None
) -> None:
    sign_in(page)
    page.goto("/badges/oss-video-chats/")
    axe(page)
    expect(page.get_by_role("heading", name="Complete the handout online")).to_be_visible()
    page.get_by_role("link", name="Complete “Video-based services” for your setting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a risk assessment")
    axe(page, screenshot="toolkit-start")

    # A setting that names someone is refused, with the screener's reason beside the field.
    page.get_by_text("A group", exact=True).click()
    page.get_by_label("Name of the service, group or practice").fill("Group run by Jane Smith")
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_text("This looks like a person's name.").first).to_be_visible()
    axe(page, screenshot="toolkit-start-error")
    page.get_by_label("Name of the service, group or practice").fill(SETTING)
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SETTING)
    axe(page, screenshot="toolkit-edit")

    review = (datetime.date.today() + datetime.timedelta(days=90)).isoformat()  # noqa: DTZ011
    ratings = {1: (5, 3), 2: (4, 5), 3: (3, 5), 4: (3, 2), 5: (2, 2), 6: (1, 5)}
    for rank, (likelihood, impact) in ratings.items():
        risk = page.locator(f"#risk-{rank}")
        for i, box in enumerate(risk.locator("textarea[name$='_q0'], textarea[name$='_q1']").all()):
            box.fill(f"Our answer {i + 1} for risk {rank}: we test this with the group.")
        risk.get_by_label("How likely is it in your setting?").select_option(str(likelihood))
        risk.get_by_label("How serious would it be?").select_option(str(impact))
        risk.get_by_label("What will you do about it?").fill(f"Our plan for risk {rank}.")
        risk.get_by_label("Who is responsible?").fill("Group facilitator")
        risk.get_by_label("Review by").fill(review)
        if rank == 1:
            # Progress saves as they type.
            expect(page.locator("#autosave-status")).to_contain_text("Saved at")

    # A name typed into a plan is flagged beside it once autosave has run.
    plan = page.locator("#risk-2").get_by_label("What will you do about it?")
    plan.fill("Ask Morag Smith to check the settings.")
    expect(page.locator("#risk-2").get_by_text("This looks like a person's name.")).to_be_visible()
    plan.fill("The team leader checks the security settings before each session.")
    expect(page.locator("#risk-2").get_by_text("This looks like a person's name.")).to_be_hidden()

    page.locator("#take-action ~ fieldset").first.get_by_text("Done", exact=True).click()
    page.locator("#take-action ~ fieldset").first.get_by_label("Notes").fill(
        "We use a platform with waiting rooms."
    )
    axe(page)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Your risk assessment has been saved.")).to_be_visible()
    axe(page)

    page.get_by_role("button", name="Save and mark as complete").click()
    expect(page.get_by_text("Your risk assessment is complete.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(SETTING)
    heat_map = page.get_by_role("table", name="Heat map")
    expect(heat_map).to_be_visible()
    expect(heat_map.get_by_role("columnheader")).to_have_count(6)
    expect(heat_map.get_by_role("rowheader")).to_have_count(5)
    # The highest local rating comes first: risk 2 (4 × 5 = 20).
    expect(page.locator(".rosette-ranked li").first).to_contain_text("Inadequate security settings")
    expect(page.get_by_role("heading", name="Action plan")).to_be_visible()
    axe(page, screenshot="toolkit-summary")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF").first.click()
    assert (
        download.value.suggested_filename == "risk-assessment-tuesday-video-peer-support-group.pdf"
    )
    path = download.value.path()
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    text = "\n".join(p.extract_text() for p in reader.pages)
    for heading in (SETTING, "Risks by rating", "Heat map", "Action plan", "Take action"):
        assert heading in text, heading
    assert "Call quality is poor or call disconnects" in text
    assert "Group facilitator" in text

    page.get_by_role("link", name="Your risk assessments").first.click()
    expect(page.get_by_role("link", name=SETTING)).to_be_visible()
    axe(page, screenshot="toolkit-list")

    # The completed assessment goes with a Video chats application as the completed handout.
    page.goto("/badges/oss-video-chats/")
    axe(page)
    page.get_by_role("button", name="Start application").click()
    axe(page)
    page.get_by_role("button", name=re.compile("Attach as the completed handout")).click()
    expect(
        page.get_by_role("link", name=f"Completed handout: Video-based services for {SETTING}")
    ).to_be_visible()
    axe(page, screenshot="toolkit-attached")
    attachment = Attachment.objects.get()
    assert attachment.content_type == "application/pdf"


def test_the_pages_work_at_phone_width_and_a_manager_reads_a_shared_plan(
    phone: Page, demo: None
) -> None:
    learner = User.objects.get(email="learner@example.org")
    guide = Guide.objects.get(slug="video-based-services")
    version = guide.current_version()
    assert version is not None
    assessment = services.assessment_start(
        version=version, actor=learner, setting_name=SETTING, setting_kind="group"
    )
    services.assessment_save(
        assessment=assessment,
        actor=learner,
        based_on=1,
        entries={
            e.pk: services.EntryInput(
                likelihood=6 - e.risk.rank if e.risk.rank < 6 else 1,
                impact=3,
                mitigation="A plan.",
                responsible_role="Team leader",
            )
            for e in assessment.entries.select_related("risk")
        },
        checklist={},
    )
    organisation = learner.memberships.get().organisation
    services.assessment_share(
        assessment=assessment, actor=learner, organisation=organisation, with_managers=True
    )

    sign_in(phone)
    for url, name in (
        (f"/toolkits/assessments/{assessment.public_id}/", "toolkit-edit-phone"),
        (f"/toolkits/assessments/{assessment.public_id}/summary/", "toolkit-summary-phone"),
        (f"/toolkits/assessments/{assessment.public_id}/share/", "toolkit-share-phone"),
        ("/toolkits/guides/lone-working-on-home-visits/", "toolkit-sample-guide-phone"),
    ):
        phone.goto(url)
        axe(phone, screenshot=name)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 320, url

    phone.context.clear_cookies()
    sign_in(phone, "manager@example.org")
    phone.goto("/toolkits/shared/")
    axe(phone, screenshot="toolkit-shared-phone")
    phone.get_by_role("link", name=SETTING).click()
    expect(phone.get_by_role("table", name="Heat map")).to_be_visible()
    axe(phone)
    assert RiskAssessment.objects.get().shared_with_managers


def test_a_name_as_who_is_responsible_is_shown_in_context_and_explained_without_javascript(
    browser: Any, live_server: Any, page: Page, demo: None
) -> None:
    learner = User.objects.get(email="learner@example.org")
    guide = Guide.objects.get(slug="video-based-services")
    version = guide.current_version()
    assert version is not None
    assessment = services.assessment_start(
        version=version, actor=learner, setting_name=SETTING, setting_kind="group"
    )
    edit = f"/toolkits/assessments/{assessment.public_id}/"
    summary = f"{edit}summary/"

    # Without JavaScript: the Save button and the button beside each finding post the form.
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    plain = context.new_page()
    plain.goto("/accounts/login/")
    plain.get_by_label("Email").fill("learner@example.org")
    plain.get_by_label("Password").fill(DEMO_PASSWORD)
    plain.get_by_role("button", name="Sign in").click()
    plain.goto(edit)
    risk = plain.locator("#risk-1")
    risk.get_by_label("Who is responsible?").fill("Team leader (Mrs Ogston)")
    plain.get_by_role("button", name="Save", exact=True).click()
    expect(plain.get_by_text("Your risk assessment has been saved.")).to_be_visible()
    finding = plain.locator("#risk-1 .rosette-finding-item")
    expect(finding.locator("mark")).to_have_text("Mrs Ogston")
    expect(finding).to_contain_text("This looks like a person's name.")

    # The plan withholds it until it is changed or explained.
    plain.goto(summary)
    expect(plain.locator("#plan-1")).to_contain_text("Team leader ([…])")
    expect(plain.get_by_text("could identify someone is not shown here")).to_be_visible()

    plain.goto(edit)
    finding = plain.locator("#risk-1 .rosette-finding-item")
    finding.get_by_label("Why does this not identify anyone?").fill(
        "Mrs Ogston is how our policy names the team leader's post"
    )
    finding.get_by_role("button", name=re.compile("This does not identify anyone")).click()
    expect(plain.get_by_text("Noted: you said it does not identify anyone")).to_be_visible()
    expect(plain.locator("#risk-1 .rosette-finding-item")).to_have_count(0)
    plain.goto(summary)
    expect(plain.locator("#plan-1")).to_contain_text("Team leader (Mrs Ogston)")
    context.close()

    # The same pages, with a finding showing, pass axe-core.
    services.assessment_save(
        assessment=assessment,
        actor=learner,
        based_on=RiskAssessment.objects.get().version,
        entries={assessment.entries.get(risk__rank=2).pk: services.EntryInput(
            mitigation="Kezia Gilfillan checks the settings.")},
        checklist={},
    )  # fmt: skip
    sign_in(page)
    page.goto(edit)
    expect(page.locator("#risk-2 .rosette-finding-item mark")).to_have_text("Kezia Gilfillan")
    axe(page, screenshot="toolkit-finding")
    page.goto(summary)
    axe(page, screenshot="toolkit-summary-withheld")
