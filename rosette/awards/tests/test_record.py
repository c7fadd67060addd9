"""The learner's record for registration (PRTL): CSV and PDF, as downloaded."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader
from pytest_django import DjangoAssertNumQueries

from rosette.accounts.models import User
from rosette.awards import services
from rosette.catalogue import services as catalogue
from rosette.catalogue.models import Badge
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def hours_badge(issuer: object) -> Badge:
    badge = factories.make_badge(issuer=issuer, name="Video chats", publish=False)  # type: ignore[arg-type]
    version = badge.versions.get()
    version.learning_hours = Decimal("2.5")  # authored by the issuer (the workspace's forms)
    version.save(update_fields=["learning_hours"])
    catalogue.badge_version_publish(version=version, actor=None)
    return badge


def _rows(response: object) -> list[dict[str, str]]:
    text = response.content.decode("utf-8-sig")  # type: ignore[attr-defined]
    return list(csv.DictReader(io.StringIO(text)))


def test_the_csv_lists_each_held_badge_with_date_criteria_and_hours(
    client: Client, learner: User, hours_badge: Badge, issuer_admin: User
) -> None:
    award = factories.give_badge(learner, hours_badge)
    no_hours = factories.make_badge(name="Writing evidence")
    factories.give_badge(learner, no_hours)
    taken_away = factories.make_badge(issuer=hours_badge.issuer, name="Taken away")
    revoked = factories.give_badge(learner, taken_away)
    services.award_status_change(
        award=revoked, actor=issuer_admin, action="revoke", reason="Copied."
    )
    client.force_login(learner)
    rows = _rows(client.get(reverse("awards:record_csv")))
    assert [r["badge"] for r in rows] == ["Video chats", "Writing evidence"]
    first = rows[0]
    assert first["awarded"] == award.awarded_at.date().isoformat()
    assert first["hours of learning"] == "2.5"
    assert first["criteria"] == "do the activities; answer the questions"
    assert first["award page"].endswith(award.get_absolute_url())
    assert rows[1]["hours of learning"] == ""


def test_the_pdf_reads_as_a_record_with_the_badges_and_total_hours(
    client: Client, learner: User, hours_badge: Badge
) -> None:
    factories.give_badge(learner, hours_badge)
    client.force_login(learner)
    response = client.get(reverse("awards:record_pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Record of learning" in text
    assert "Video chats" in text and "Morag Learner" in text
    assert "2.5 hours of learning" in text
    assert "do the activities" in text


def test_each_learner_gets_only_their_own_record(
    client: Client, learner: User, outsider: User, hours_badge: Badge
) -> None:
    factories.give_badge(learner, hours_badge)
    client.force_login(outsider)
    assert _rows(client.get(reverse("awards:record_csv"))) == []


def test_the_record_takes_two_queries_however_many_badges(
    learner: User, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    from rosette.awards import selectors

    for _n in range(5):
        factories.give_badge(learner, factories.make_badge())
    with django_assert_num_queries(2):
        record = selectors.learner_record(user=learner)
    assert len(record.entries) == 5


def test_the_badges_page_links_to_the_record(
    client: Client, learner: User, hours_badge: Badge
) -> None:
    factories.give_badge(learner, hours_badge)
    client.force_login(learner)
    page = client.get(reverse("awards:mine")).content.decode()
    assert reverse("awards:record_pdf") in page and reverse("awards:record_csv") in page
