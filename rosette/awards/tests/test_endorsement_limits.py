"""Endorsement limits (issue 12, finding 6): strangers are limited per client and per
address they ask us to write to; the learner's manager is never refused by a limit strangers
can spend, so nobody can use up a badge's endorsements and get it suspended under rule 15."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from rosette.accounts.models import User
from rosette.awards import services
from rosette.awards.models import Award, Endorsement

from .conftest import team_of

pytestmark = pytest.mark.django_db

MESSAGE = (
    "Since earning this badge Morag has set up waiting rooms for every group call and "
    "showed the whole team how to do it."
)


def _endorse(client: Client, award: Award, *, email: str, ip: str, **extra: Any) -> Any:
    data = {"name": "A Colleague", "email": email, "relationship": "colleague", "message": MESSAGE}
    return client.post(
        reverse("awards:endorse", kwargs={"code": award.code}), data, REMOTE_ADDR=ip, **extra
    )


def _strangers_flood(award: Award, count: int = 40) -> None:
    """Many strangers, each from their own address, each typing a new email address."""
    for n in range(count):
        _endorse(Client(), award, email=f"bot{n}@example.org", ip=f"198.51.100.{n + 1}")


def test_strangers_cannot_use_up_the_managers_endorsement(
    client: Client, award: Award, learner: User, manager: User
) -> None:
    team_of(manager, learner)
    _strangers_flood(award)
    client.force_login(manager)
    url = reverse("awards:team_endorse", kwargs={"code": award.code})
    response = client.post(url, {"message": MESSAGE}, REMOTE_ADDR="198.51.100.1")
    assert response.status_code == 302, response.content.decode()
    assert Endorsement.objects.filter(endorser=manager, relationship="manager").exists()


def test_a_signed_in_manager_using_the_award_page_is_not_refused_either(
    client: Client, award: Award, learner: User, manager: User
) -> None:
    team_of(manager, learner)
    _strangers_flood(award)
    for n in range(services.ENDORSEMENTS_PER_ADDRESS_PER_DAY + 1):  # strangers type their address
        _endorse(Client(), award, email=manager.email, ip=f"203.0.113.{n + 1}")
    client.force_login(manager)
    response = _endorse(client, award, email=manager.email, ip="198.51.100.1")
    assert response.status_code == 200 and "Check your email" in response.content.decode()


def test_one_client_is_limited_whatever_addresses_it_types(client: Client, award: Award) -> None:
    for n in range(services.ENDORSEMENTS_PER_CLIENT_PER_DAY):
        response = _endorse(client, award, email=f"me{n}@example.org", ip="192.0.2.7")
        assert response.status_code == 200
    refused = _endorse(client, award, email="one-more@example.org", ip="192.0.2.7")
    assert refused.status_code == 429
    assert "Please try again tomorrow" in refused.content.decode()
    # Another client is not held back by it.
    assert _endorse(Client(), award, email="other@example.org", ip="192.0.2.8").status_code == 200


def test_one_address_gets_few_emails_whoever_types_it(award: Award) -> None:
    for n in range(services.ENDORSEMENTS_PER_ADDRESS_PER_DAY):
        response = _endorse(Client(), award, email="victim@example.org", ip=f"192.0.2.{n + 1}")
        assert response.status_code == 200
    refused = _endorse(Client(), award, email="Victim@Example.org ", ip="192.0.2.99")
    assert refused.status_code == 429
    assert Endorsement.objects.count() == services.ENDORSEMENTS_PER_ADDRESS_PER_DAY


def test_behind_a_proxy_each_client_has_its_own_allowance(
    client: Client, award: Award, settings: Any
) -> None:
    settings.ROSETTE_TRUSTED_PROXIES = 1
    for n in range(services.ENDORSEMENTS_PER_CLIENT_PER_DAY):
        _endorse(client, award, email=f"me{n}@example.org", ip="10.0.0.1",
                 HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.9")  # fmt: skip
    assert (
        _endorse(client, award, email="x@example.org", ip="10.0.0.1",
                 HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 429
    )  # fmt: skip
    other = _endorse(Client(), award, email="y@example.org", ip="10.0.0.1",
                     HTTP_X_FORWARDED_FOR="198.51.100.4")  # fmt: skip
    assert other.status_code == 200
