from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rosette.accounts.models import User
from rosette.teams import services as teams
from rosette.teams.models import Membership
from rosette.toolkits import services
from rosette.toolkits.forms import AssessmentForm
from rosette.toolkits.models import Guide, GuideVersion, RiskAssessment
from tests import factories

pytestmark = pytest.mark.django_db


def edit_url(assessment: RiskAssessment) -> str:
    return reverse("toolkits:assessment_edit", kwargs={"public_id": assessment.public_id})


def form_data(assessment: RiskAssessment, **changes: Any) -> dict[str, Any]:
    """What the editing page posts, as it was when loaded, with some fields changed."""
    form = AssessmentForm(assessment=assessment)
    data: dict[str, Any] = {}
    for name, value in form.initial.items():
        if value in (None, False):
            continue
        data[name] = "on" if value is True else value
    data.update(changes)
    return data


def first_entry_prefix(assessment: RiskAssessment) -> str:
    return f"e{assessment.entries.get(risk__rank=1).pk}"


def test_starting_an_assessment_refuses_a_setting_that_names_someone(
    client: Client, learner: User, guide: Guide
) -> None:
    client.force_login(learner)
    url = reverse("toolkits:assessment_start", kwargs={"slug": guide.slug})
    response = client.post(
        url,
        {
            "setting_kind": "one_to_one",
            "setting_name": "Sessions with Mrs Brown",
            "setting_description": "Weekly calls with Jane Smith's family",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Describe the setting without identifying anyone." in body
    assert "This looks like a person&#x27;s name." in body
    # The description is only warned about, beside its field; what was typed is kept.
    assert 'id="id_setting_description-privacy"' in body
    assert "Jane Smith" in body
    assert not RiskAssessment.objects.exists()

    response = client.post(
        url, {"setting_kind": "one_to_one", "setting_name": "One-to-one video support"}
    )
    assessment = RiskAssessment.objects.get()
    assert response["Location"] == edit_url(assessment)
    assert assessment.owner == learner


def test_the_save_button_saves_without_javascript(
    client: Client, learner: User, assessment: RiskAssessment
) -> None:
    client.force_login(learner)
    p = first_entry_prefix(assessment)
    response = client.post(
        edit_url(assessment),
        form_data(assessment, **{f"{p}_likelihood": "4", f"{p}_mitigation": "Test the line"}),
    )
    assert response.status_code == 302
    entry = assessment.entries.get(risk__rank=1)
    assert (entry.likelihood, entry.mitigation) == (4, "Test the line")


def test_autosave_answers_htmx_with_the_new_version_and_privacy_warnings(
    client: Client, learner: User, assessment: RiskAssessment
) -> None:
    client.force_login(learner)
    p = first_entry_prefix(assessment)
    response = client.post(
        edit_url(assessment),
        form_data(assessment, autosave="1", **{f"{p}_mitigation": "Ask Morag Smith to check"}),
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Saved at" in body
    assert json.loads(response["HX-Trigger"]) == {"rosette:saved": {"version": 2}}
    assert f'id="id_{p}_mitigation-privacy" hx-swap-oob="true"' in body
    assert "Morag Smith" in body and "person&#x27;s name" in body


def test_a_stale_save_is_refused_and_the_persons_text_is_shown_back(
    client: Client, learner: User, manager: User, assessment: RiskAssessment
) -> None:
    client.force_login(learner)
    p = first_entry_prefix(assessment)
    loaded = form_data(assessment)  # both tabs load version 1
    first = client.post(edit_url(assessment), {**loaded, f"{p}_mitigation": "From tab one"})
    assert first.status_code == 302

    second = client.post(edit_url(assessment), {**loaded, f"{p}_mitigation": "From tab two"})
    assert second.status_code == 409
    body = second.content.decode()
    assert "Your changes were not saved" in body
    assert "From tab two" in body  # their text, in the field
    assert "From tab one" in body  # what is saved now, where it differs
    assert 'name="version" value="2"' in body
    assert assessment.entries.get(risk__rank=1).mitigation == "From tab one"

    # Autosave from the stale tab says so, and does not move its version on.
    stale = client.post(
        edit_url(assessment),
        {**loaded, "autosave": "1", f"{p}_mitigation": "From tab two"},
        headers={"HX-Request": "true"},
    )
    assert "Not saved." in stale.content.decode()
    assert "hx-swap-oob" in stale.content.decode()
    assert "HX-Trigger" not in stale


def test_a_stale_save_that_matches_what_is_saved_is_not_a_conflict(
    client: Client, learner: User, assessment: RiskAssessment
) -> None:
    client.force_login(learner)
    p = first_entry_prefix(assessment)
    loaded = form_data(assessment, **{f"{p}_mitigation": "Same text"})
    assert client.post(edit_url(assessment), loaded).status_code == 302
    # An autosave raced the Save button with the same text: nothing to compare.
    assert client.post(edit_url(assessment), loaded).status_code == 302


def test_completing_with_risks_unrated_says_which(
    client: Client, learner: User, assessment: RiskAssessment
) -> None:
    client.force_login(learner)
    response = client.post(
        edit_url(assessment), form_data(assessment, action="complete"), follow=True
    )
    assert "Still to do: risk 1, 2, 3, 4, 5, 6" in response.content.decode()


def test_outsider_gets_404_and_a_manager_reads_only_what_is_shared(
    client: Client, learner: User, outsider: User, manager: User, assessment: RiskAssessment
) -> None:
    summary = reverse("toolkits:assessment_summary", kwargs={"public_id": assessment.public_id})
    pdf = reverse("toolkits:assessment_pdf", kwargs={"public_id": assessment.public_id})
    share = reverse("toolkits:assessment_share", kwargs={"public_id": assessment.public_id})
    for person in (outsider, manager):
        client.force_login(person)
        for url in (edit_url(assessment), summary, pdf, share):
            assert client.get(url).status_code == 404, (person, url)
        assert client.post(edit_url(assessment), form_data(assessment)).status_code == 404

    organisation = Membership.objects.get(user=manager).organisation
    membership = teams.membership_invite(
        organisation=organisation, user=learner, role=Membership.Role.STAFF, actor=None
    )
    teams.membership_accept(membership=membership, actor=learner)
    services.assessment_share(
        assessment=assessment, actor=learner, organisation=organisation, with_managers=True
    )
    client.force_login(manager)
    assert client.get(summary).status_code == 200
    assert client.get(edit_url(assessment)).status_code == 403
    assert client.get(share).status_code == 403
    listing = client.get(reverse("toolkits:shared_list")).content.decode()
    assert "Tuesday video peer support group" in listing
    client.force_login(outsider)
    assert client.get(summary).status_code == 404


def test_a_contributor_edits_and_the_history_names_them(
    client: Client, learner: User, manager: User, version: GuideVersion
) -> None:
    organisation = Membership.objects.get(user=manager).organisation
    worker = factories.make_user(name="Wendy Worker")
    for person in (learner, worker):
        m = teams.membership_invite(
            organisation=organisation, user=person, role=Membership.Role.STAFF, actor=None
        )
        teams.membership_accept(membership=m, actor=person)
    assessment = services.assessment_start(
        version=version, actor=learner, setting_name="Day service", setting_kind="service"
    )
    client.force_login(learner)
    share = reverse("toolkits:assessment_share", kwargs={"public_id": assessment.public_id})
    client.post(share, {"action": "share", "share-organisation": organisation.pk})
    response = client.post(share, {"action": "invite", "invite-email": worker.email})
    assert response.status_code == 302
    response = client.post(share, {"action": "invite", "invite-email": "nobody@example.org"})
    assert "We could not add nobody@example.org" in response.content.decode()

    client.force_login(worker)
    p = first_entry_prefix(assessment)
    assessment.refresh_from_db()
    client.post(edit_url(assessment), form_data(assessment, **{f"{p}_mitigation": "Mine"}))
    summary = client.get(
        reverse("toolkits:assessment_summary", kwargs={"public_id": assessment.public_id})
    ).content.decode()
    assert "Wendy Worker" in summary and "saved changes (risk 1)" in summary


def test_the_pdf_downloads_as_an_attachment(
    client: Client, learner: User, assessment: RiskAssessment
) -> None:
    client.force_login(learner)
    response = client.get(
        reverse("toolkits:assessment_pdf", kwargs={"public_id": assessment.public_id})
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"%PDF")


def test_the_badge_page_links_to_the_guide_online(client: Client, guide: Guide) -> None:
    badge = guide.badges.get()
    from rosette.catalogue import services as catalogue

    catalogue.material_add(
        badge=badge, actor=None, title="Handout", filename="h.pdf", content=b"%PDF-1.4\n"
    )
    body = client.get(badge.get_absolute_url()).content.decode()
    assert "Complete the handout online" in body
    assert reverse("toolkits:assessment_start", kwargs={"slug": guide.slug}) in body


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_list_pages_cost_the_same_for_many_rows_as_for_few(
    client: Client, learner: User, manager: User, version: GuideVersion
) -> None:
    organisation = Membership.objects.get(user=manager).organisation
    m = teams.membership_invite(
        organisation=organisation, user=learner, role=Membership.Role.STAFF, actor=None
    )
    teams.membership_accept(membership=m, actor=learner)

    def add(n: int) -> None:
        for i in range(n):
            a = services.assessment_start(
                version=version, actor=learner, setting_name=f"Service {i}", setting_kind="service"
            )
            services.assessment_share(
                assessment=a, actor=learner, organisation=organisation, with_managers=True
            )

    add(2)
    client.force_login(learner)
    mine_few = _count(client, reverse("toolkits:assessment_list"))
    client.force_login(manager)
    shared_few = _count(client, reverse("toolkits:shared_list"))
    add(15)
    client.force_login(learner)
    assert _count(client, reverse("toolkits:assessment_list")) == mine_few
    client.force_login(manager)
    assert _count(client, reverse("toolkits:shared_list")) == shared_few
