"""What could identify someone in an assessment: shown where it is with its reason, withheld
from the action plan and the PDF until the text changes or someone says why it does not
identify anyone, and in the way of completing the assessment."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from rosette.accounts.models import User
from rosette.core.models import AuditEvent
from rosette.toolkits import selectors, services
from rosette.toolkits.models import PrivacyExplanation, RiskAssessment
from rosette.toolkits.tests.test_views import edit_url, first_entry_prefix, form_data
from tests import factories

pytestmark = pytest.mark.django_db


def _pdf_text(client: Client, assessment: RiskAssessment) -> str:
    response = client.get(
        reverse("toolkits:assessment_pdf", kwargs={"public_id": assessment.public_id})
    )
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(page.extract_text() for page in reader.pages)


def _summary(client: Client, assessment: RiskAssessment) -> str:
    url = reverse("toolkits:assessment_summary", kwargs={"public_id": assessment.public_id})
    return client.get(url).content.decode()


def _rate_and_plan_everything(client: Client, assessment: RiskAssessment, **extra: Any) -> None:
    data = form_data(assessment)
    for entry in assessment.entries.all():
        p = f"e{entry.pk}"
        data |= {f"{p}_likelihood": "2", f"{p}_impact": "2", f"{p}_mitigation": "Check it"}
    data |= extra
    assert client.post(edit_url(assessment), data).status_code == 302


def test_a_name_typed_as_who_is_responsible_is_not_printed_in_the_plan_or_the_pdf(
    client: Client, learner: User, assessment: RiskAssessment
) -> None:
    client.force_login(learner)
    p = first_entry_prefix(assessment)
    client.post(edit_url(assessment), form_data(assessment, **{f"{p}_role": "Kezia Gilfillan"}))
    assessment.refresh_from_db()
    assert assessment.entries.get(risk__rank=1).responsible_role == "Kezia Gilfillan"  # kept

    summary = _summary(client, assessment)
    assert "Kezia" not in summary and "[…]" in summary
    assert "could identify someone is not shown here or in the PDF" in summary
    pdf = _pdf_text(client, assessment)
    assert "Kezia" not in pdf and "Gilfillan" not in pdf
    assert "[…]" in pdf


def test_the_finding_is_shown_in_context_with_its_reason_and_a_way_to_explain_it(
    client: Client, learner: User, assessment: RiskAssessment
) -> None:
    client.force_login(learner)
    p = first_entry_prefix(assessment)
    text = "Ask the team leader, or her colleague Mrs Ogston, to check the settings."
    client.post(edit_url(assessment), form_data(assessment, **{f"{p}_mitigation": text}))
    page = client.get(edit_url(assessment)).content.decode()
    assert "her colleague <mark>Mrs Ogston</mark>, to check" in page
    assert "This looks like a person&#x27;s name" in page
    assert f'name="why:{p}_mitigation:PERSON:mrs ogston"' in page
    assert f'value="explain:{p}_mitigation:PERSON:mrs ogston"' in page


def test_explaining_a_finding_keeps_the_text_and_prints_it(
    client: Client, learner: User, assessment: RiskAssessment
) -> None:
    client.force_login(learner)
    p = first_entry_prefix(assessment)
    role = "Keeper of Mrs Ogston's rota"
    client.post(edit_url(assessment), form_data(assessment, **{f"{p}_role": role}))
    assessment.refresh_from_db()
    data = form_data(assessment) | {
        "action": f"explain:{p}_role:PERSON:mrs ogston",
        f"why:{p}_role:PERSON:mrs ogston": "The rota is named after our founder, who died in 1950",
    }
    response = client.post(edit_url(assessment), data)
    assert response.status_code == 302 and response["Location"].endswith(f"#id_{p}_role")

    explanation = PrivacyExplanation.objects.get(assessment=assessment)
    assert (explanation.field, explanation.text, explanation.explained_by) == (
        f"{p}_role",
        "Mrs Ogston",
        learner,
    )
    assert AuditEvent.objects.filter(action="toolkits:privacy:explain").exists()
    assert "Keeper of Mrs Ogston&#x27;s rota" in _summary(client, assessment)
    page = client.get(edit_url(assessment)).content.decode()
    assert f"explain:{p}_role:" not in page  # the warning is gone


def test_explaining_without_a_reason_is_refused_and_the_text_is_saved(
    client: Client, learner: User, assessment: RiskAssessment
) -> None:
    client.force_login(learner)
    p = first_entry_prefix(assessment)
    data = form_data(assessment, **{f"{p}_role": "Mr Vass"}) | {
        "action": f"explain:{p}_role:PERSON:mr vass"
    }
    response = client.post(edit_url(assessment), data, follow=True)
    assert "Say why this does not identify anyone." in response.content.decode()
    assert not PrivacyExplanation.objects.exists()
    assert assessment.entries.get(risk__rank=1).responsible_role == "Mr Vass"


def test_completing_is_refused_while_something_could_identify_someone(
    client: Client, learner: User, assessment: RiskAssessment
) -> None:
    client.force_login(learner)
    p = first_entry_prefix(assessment)
    _rate_and_plan_everything(client, assessment, **{f"{p}_role": "Mrs Sclater"})
    with pytest.raises(services.ToolkitError, match="risk 1, who is responsible"):
        services.assessment_complete(assessment=assessment, actor=learner)

    services.assessment_finding_explain(
        assessment=assessment,
        actor=learner,
        field=f"{p}_role",
        key="PERSON:mrs sclater",
        reason="Mrs Sclater is the role holder's title in our policy, which is public",
    )
    assert services.assessment_complete(assessment=assessment, actor=learner).is_completed


def test_only_people_working_on_the_assessment_can_explain_a_finding(
    learner: User, assessment: RiskAssessment
) -> None:
    entry = assessment.entries.get(risk__rank=1)
    entry.responsible_role = "Mr Vass"
    entry.save()
    stranger = factories.make_user(email="stranger@example.org")
    with pytest.raises(services.ToolkitError, match="Only the people working"):
        services.assessment_finding_explain(
            assessment=assessment,
            actor=stranger,
            field=f"e{entry.pk}_role",
            key="PERSON:mr vass",
            reason="because",
        )


def test_a_finding_no_longer_in_the_text_cannot_be_explained(
    learner: User, assessment: RiskAssessment
) -> None:
    p = first_entry_prefix(assessment)
    with pytest.raises(services.ToolkitError, match="no longer in the text"):
        services.assessment_finding_explain(
            assessment=assessment,
            actor=learner,
            field=f"{p}_role",
            key="PERSON:mr vass",
            reason="because",
        )


def test_every_free_text_field_is_screened_and_named_in_words(
    client: Client, learner: User, assessment: RiskAssessment
) -> None:
    client.force_login(learner)
    p = first_entry_prefix(assessment)
    item = assessment.checklist.order_by("position").first()
    assert item is not None
    client.post(
        edit_url(assessment),
        form_data(assessment, **{f"{p}_q0": "Kezia told me.", f"c{item.pk}_notes": "Ask Dr Vass"}),
    )
    assessment.setting_description = "Run by Mrs Ogston"
    assessment.save()
    found = selectors.unexplained_findings(assessment)
    assert set(found) == {f"{p}_q0", f"c{item.pk}_notes", "setting_description"}
    names = selectors.field_names(assessment, sorted(found))
    assert "risk 1, question 1" in names and "about the setting" in names
    assert any(name.endswith(f"{item.position}, notes") for name in names)
    assert selectors.field_names(assessment, [f"{p}_mitigation"]) == ["risk 1, what you will do"]


def test_text_too_long_to_screen_is_withheld_whole(assessment: RiskAssessment) -> None:
    entry = assessment.entries.get(risk__rank=1)
    entry.mitigation = "plain words " * 10_000  # longer than the screener takes
    entry.save()
    [finding] = selectors.unexplained_findings(assessment)[f"e{entry.pk}_mitigation"]
    assert (finding.start, finding.end) == (0, len(entry.mitigation))
    assert "too long to check" in finding.reason


def test_the_setting_description_can_be_explained_on_the_setting_page(
    client: Client, learner: User, assessment: RiskAssessment
) -> None:
    client.force_login(learner)
    url = reverse("toolkits:assessment_setting", kwargs={"public_id": assessment.public_id})
    data = {
        "setting_kind": assessment.setting_kind,
        "setting_name": assessment.setting_name,
        "setting_description": "Meets at Rendall Court on Tuesdays",
        "version": assessment.version,
    }
    response = client.post(url, data)
    assert response["Location"].endswith("#id_setting_description-privacy")
    page = client.get(url).content.decode()
    assert "Meets at <mark>Rendall Court</mark> on Tuesdays" in page
    assessment.refresh_from_db()
    key = selectors.unexplained_findings(assessment)["setting_description"][0].key
    data |= {
        "version": assessment.version,
        "action": f"explain:setting_description:{key}",
        f"why:setting_description:{key}": "It is a public community hall, not a care setting",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"].endswith("#id_setting_description")
    assert selectors.unexplained_findings(assessment) == {}
