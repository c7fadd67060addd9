"""The client's address behind trusted proxies: one person's failed sign-ins lock out only
them, never everyone who shares the proxy (issue 12, finding 9)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from rosette.accounts.models import User
from rosette.core.ratelimit import client_ip, client_key
from tests import factories

PROXY = "10.0.0.1"


@pytest.fixture
def login_limits(settings: Any) -> None:
    """allauth's production limits on failed sign-ins (off elsewhere in the tests)."""
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}


def _sign_in(client: Client, email: str, password: str, forwarded_for: str) -> Any:
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


TOO_MANY = "Too many failed login attempts"


@pytest.mark.django_db
@pytest.mark.usefixtures("login_limits")
def test_failed_sign_ins_behind_the_proxy_lock_out_only_the_one_who_failed(
    settings: Any, learner: User
) -> None:
    settings.ROSETTE_TRUSTED_PROXIES = 1
    attacker = Client()
    for n in range(12):  # different accounts each time, so only the per-address limit counts
        # They also write their own X-Forwarded-For, hoping for a fresh allowance each time.
        response = _sign_in(
            attacker, f"guess{n}@example.org", "wrong", f"192.0.2.{n}, 203.0.113.66"
        )
    assert TOO_MANY in response.content.decode()
    colleague = Client()
    response = _sign_in(colleague, learner.email, factories.PASSWORD, "198.51.100.7")
    assert response.status_code == 302, TOO_MANY in response.content.decode()


def _request(remote: str, forwarded: str | None = None) -> Any:
    request = RequestFactory().get("/")
    request.META["REMOTE_ADDR"] = remote
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return request


def test_without_trusted_proxies_the_header_is_ignored(settings: Any) -> None:
    settings.ROSETTE_TRUSTED_PROXIES = 0
    assert client_ip(_request("203.0.113.5", "192.0.2.1")) == "203.0.113.5"


def test_the_address_the_outermost_trusted_proxy_saw(settings: Any) -> None:
    settings.ROSETTE_TRUSTED_PROXIES = 2  # a CDN, then a load balancer
    request = _request("10.0.0.2", "192.0.2.1, 203.0.113.5, 10.0.0.9")
    assert client_ip(request) == "203.0.113.5"
    # Fewer hops than proxies: not through them all, so only the connection is believed.
    assert client_ip(_request("10.0.0.2", "192.0.2.1")) == "10.0.0.2"
    assert client_ip(_request("10.0.0.2", "not an address, 10.0.0.9")) == "10.0.0.2"
    settings.ROSETTE_TRUSTED_PROXIES = 1
    assert client_ip(_request("10.0.0.2", "[2001:db8::7]:443")) == "2001:db8::7"
    assert client_ip(_request("10.0.0.2", "203.0.113.5:5120")) == "203.0.113.5"


def test_an_ipv6_client_counts_as_its_network(settings: Any) -> None:
    settings.ROSETTE_TRUSTED_PROXIES = 0
    assert client_key(_request("2001:db8:1:2:aaaa::1")) == "2001:db8:1:2::/64"
    assert client_key(_request("2001:db8:1:2:bbbb::9")) == "2001:db8:1:2::/64"
    assert client_key(_request("203.0.113.5")) == "203.0.113.5"
