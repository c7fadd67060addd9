"""The reasons an issuer's assessors may give for declining (recorded, never sent to the
learner), as its admin keeps them: added, refused when already there, retired, and the
privacy reason always kept."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from rosette.accounts.models import User
from rosette.assessment.models import DeclineReason
from rosette.catalogue.models import Issuer

pytestmark = pytest.mark.django_db


def _page(issuer: Issuer) -> str:
    return reverse("workspace:decline_reasons", kwargs={"slug": issuer.slug})


def _retire(issuer: Issuer, slug: str) -> str:
    return reverse("workspace:decline_reason_retire", kwargs={"slug": issuer.slug, "reason": slug})


def _body(response: Any) -> str:
    return html.unescape(response.content.decode())


def _offered(issuer: Issuer) -> list[str]:
    return list(
        DeclineReason.objects.filter(issuer=issuer, active=True)
        .order_by("position")
        .values_list("label", flat=True)
    )


def test_an_admin_adds_a_reason_and_assessors_are_offered_it(
    client: Client, issuer: Issuer, issuer_admin: User
) -> None:
    client.force_login(issuer_admin)
    response = client.post(_page(issuer), {"label": "  Copied from a colleague "}, follow=True)
    assert "The reason is added." in _body(response)
    assert "Copied from a colleague" in _body(response)
    assert _offered(issuer)[-1] == "Copied from a colleague"


def test_a_reason_already_offered_is_refused_and_the_label_kept(
    client: Client, issuer: Issuer, issuer_admin: User
) -> None:
    client.force_login(issuer_admin)
    client.post(_page(issuer), {"label": "Copied from a colleague"})
    before = _offered(issuer)
    response = client.post(_page(issuer), {"label": "COPIED from a colleague"})
    assert response.status_code == 400  # the workspace's answer to a form with errors
    assert "There is already a reason with that name." in _body(response)
    assert 'value="COPIED from a colleague"' in _body(response)
    assert _offered(issuer) == before


def test_a_reason_retired_then_added_again_is_a_new_reason(
    client: Client, issuer: Issuer, issuer_admin: User
) -> None:
    client.force_login(issuer_admin)
    client.post(_page(issuer), {"label": "Copied"})
    response = client.post(_retire(issuer, "copied"), follow=True)
    assert "“Copied” is no longer offered." in _body(response)
    assert "Copied" not in _offered(issuer)
    client.post(_page(issuer), {"label": "Copied"})
    assert "Copied" in _offered(issuer)
    slugs = set(
        DeclineReason.objects.filter(issuer=issuer, label="Copied").values_list("slug", flat=True)
    )
    assert slugs == {"copied", "copied-2"}  # the decisions that gave the first keep it


def test_the_reason_for_evidence_that_identifies_someone_cannot_be_retired(
    client: Client, issuer: Issuer, issuer_admin: User
) -> None:
    client.force_login(issuer_admin)
    client.get(_page(issuer))  # the defaults, made the first time
    response = client.post(_retire(issuer, "identifies_individuals"), follow=True)
    assert "This reason is used when evidence could identify someone: it stays." in _body(response)
    assert "Identifies individuals" in _offered(issuer)
