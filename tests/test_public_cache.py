"""Public pages and documents are served from memory to anonymous readers (ADR 0013), and what
is served changes the moment the service that changes it returns: suspension, revocation,
visibility, evidence, endorsements, key rotation, badge changes. Tested through HTTP (the
Django test client runs the whole middleware stack, the cache included)."""

from __future__ import annotations

import json
import re
from typing import Any
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rosette.accounts.models import User
from rosette.awards import services as awards
from rosette.awards.models import Award, Endorsement
from rosette.awards.tests.conftest import award_for_application
from rosette.catalogue import services as catalogue
from rosette.catalogue.models import Badge, Issuer
from rosette.core.public_cache import PublicCacheApplication
from rosette.credentials import services as credentials
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def badge(issuer: Issuer) -> Badge:
    return factories.make_badge(
        issuer=issuer, name="Video chats", slug="video-chats", questions=[("What?", 5)]
    )


@pytest.fixture
def award(learner: User, badge: Badge, assessor: User) -> Award:
    award = award_for_application(learner, badge, assessor)
    credentials.credential_issue(award=award)  # the task that runs after commit
    award.refresh_from_db()
    return award


def _url(url_name: str, /, **kwargs: Any) -> str:
    return reverse(url_name, kwargs=kwargs)


def _twice(client: Client, url: str) -> tuple[Any, Any]:
    """The first answer (rendered) and the second (from the store)."""
    first = client.get(url)
    return first, client.get(url)


def _queries(client: Client, url: str) -> tuple[Any, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


# --- served from the store, with validators ----------------------------------------------------


def test_an_anonymous_reader_is_answered_from_the_store_with_one_query(award: Award) -> None:
    client = Client()
    url = _url("credentials:ob2_assertion", code=award.code)
    first, rendered = _queries(client, url)
    second, stored = _queries(client, url)
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert rendered > 1 and stored == 1  # the stamps, nothing else
    assert second["Content-Type"] == "application/ld+json"
    assert second["Access-Control-Allow-Origin"] == "*"
    assert "public" in second["Cache-Control"] and "max-age=60" in second["Cache-Control"]


def test_a_conditional_get_is_answered_304(award: Award) -> None:
    client = Client()
    url = _url("credentials:ob2_assertion", code=award.code)
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200


def test_a_signed_credential_is_marked_immutable(award: Award) -> None:
    response = Client().get(_url("credentials:ob3_credential", code=award.code))
    assert "immutable" in response["Cache-Control"]


def test_pages_from_the_store_keep_their_security_headers(award: Award) -> None:
    first, second = _twice(Client(), _url("awards:award_detail", code=award.code))
    for header in ("Content-Security-Policy", "X-Frame-Options", "Referrer-Policy"):
        assert second[header] == first[header]


# --- changes show at once ----------------------------------------------------------------------


def test_suspending_and_restoring_changes_the_status_list_and_page_at_once(
    award: Award, issuer_admin: User
) -> None:
    client = Client()
    page = _url("awards:award_detail", code=award.code)
    # The credential's one status entry points at the issuer's validity list (ADR 0008).
    status_url = json.loads(award.credential.ob3_json)["credentialStatus"]["statusListCredential"]
    validity = _url("credentials:status_list", slug=award.badge.issuer.slug, name="validity")
    assert status_url.endswith(validity)
    before = _twice(client, validity)[1].content
    _twice(client, page)
    awards.award_status_change(
        award=award, actor=issuer_admin, action="suspend", reason="Under review"
    )
    assert "Under review" in client.get(page).content.decode()
    suspended = client.get(validity).content
    assert suspended != before
    awards.award_status_change(award=award, actor=issuer_admin, action="restore", reason="")
    assert "Under review" not in client.get(page).content.decode()
    assert client.get(validity).content != suspended


def test_revoking_changes_the_hosted_assertion_at_once(award: Award, issuer_admin: User) -> None:
    client = Client()
    url = _url("credentials:ob2_assertion", code=award.code)
    assert "revoked" not in _twice(client, url)[1].json()
    revocations = _url("credentials:ob2_revocations", slug=award.badge.issuer.slug)
    _twice(client, revocations)
    awards.award_status_change(award=award, actor=issuer_admin, action="revoke", reason="Wrong")
    assert client.get(url).json()["revoked"] is True
    assert award.code in client.get(revocations).content.decode()


def test_making_an_award_private_hides_it_from_strangers_at_once(
    award: Award, learner: User
) -> None:
    client = Client()
    page = _url("awards:award_detail", code=award.code)
    assert _twice(client, page)[1].status_code == 200
    awards.award_settings_update(
        award=award, actor=learner, visibility="private", name_display="full",
        endorsements_open=True,
    )  # fmt: skip
    assert client.get(page).status_code == 404
    owner = Client()
    owner.force_login(learner)
    assert owner.get(page).status_code == 200
    assert client.get(page).status_code == 404  # never the owner's copy


def test_withdrawn_evidence_leaves_the_page_at_once(award: Award, learner: User) -> None:
    client = Client()
    page = _url("awards:award_detail", code=award.code)
    evidence = award.evidence.get()
    text = evidence.answer.text[:40]
    assert text in _twice(client, page)[1].content.decode()
    awards.evidence_withdraw(evidence=evidence, actor=learner)
    assert text not in client.get(page).content.decode()


def test_a_published_endorsement_shows_at_once(award: Award, learner: User) -> None:
    client = Client()
    page = _url("awards:award_detail", code=award.code)
    _twice(client, page)
    endorsement = awards.endorsement_create(
        award=award, name="Jo Colleague", email="jo@example.org",
        relationship=Endorsement.Relationship.COLLEAGUE, message="Careful with every call.",
    )  # fmt: skip
    awards.endorsement_confirm(endorsement=endorsement)
    assert "Careful with every call." not in client.get(page).content.decode()
    awards.endorsement_decide(endorsement=endorsement, actor=learner, publish=True)
    assert "Careful with every call." in client.get(page).content.decode()


def test_rotating_a_key_changes_the_did_document_at_once(
    award: Award, issuer: Issuer, issuer_admin: User
) -> None:
    client = Client()
    url = _url("credentials:did_document", slug=issuer.slug)
    keys = [m["id"] for m in _twice(client, url)[1].json()["verificationMethod"]]
    credentials.issuer_key_rotate(issuer=issuer, actor=issuer_admin)
    after = [m["id"] for m in client.get(url).json()["verificationMethod"]]
    assert len(after) == len(keys) + 1


def test_a_new_badge_version_changes_the_badge_pages_at_once(award: Award, badge: Badge) -> None:
    client = Client()
    urls = [
        _url("catalogue:badge_detail", slug=badge.slug),
        _url("credentials:ob2_badge", slug=badge.slug),
        _url("catalogue:badge_list"),
        _url("awards:award_detail", code=award.code),
    ]
    for url in urls:
        _twice(client, url)
    version = catalogue.badge_version_create(
        badge=badge, actor=None, description="Now about group calls as well.",
        criteria="- Run a group call safely", questions=[catalogue.QuestionSpec("How?", 5)],
    )  # fmt: skip
    catalogue.badge_version_publish(version=version, actor=None)
    assert "Now about group calls as well." in client.get(urls[0]).content.decode()
    assert client.get(urls[1]).json()["description"] == "Now about group calls as well."
    new_badge = catalogue.badge_create(
        issuer=badge.issuer, actor=None, slug="new-one", name="A new badge", summary="New."
    )
    catalogue.badge_version_publish(
        version=catalogue.badge_version_create(
            badge=new_badge, actor=None, description="New.", criteria="- x",
            questions=[catalogue.QuestionSpec("Q?", 5)],
        ),
        actor=None,
    )  # fmt: skip
    assert "A new badge" in client.get(urls[2]).content.decode()


def test_the_workspaces_changes_reach_the_public_pages_at_once(
    award: Award, badge: Badge, issuer: Issuer
) -> None:
    """Renaming a badge, retiring it, and changing the issuer's profile (issue 14's workspace)
    change what anonymous readers are given the moment the service returns."""
    client = Client()
    page = _url("catalogue:badge_detail", slug=badge.slug)
    issuer_page = _url("catalogue:issuer_detail", slug=issuer.slug)
    ob2_issuer = _url("credentials:ob2_issuer", slug=issuer.slug)
    for url in (page, issuer_page, ob2_issuer):
        _twice(client, url)
    catalogue.badge_update(
        badge=badge, actor=None, name="Video calls", summary="Safe calls.", category=None
    )
    assert "Video calls" in client.get(page).content.decode()
    catalogue.issuer_update(
        issuer=issuer, actor=None, name="SSSC renamed", description="New words.",
        url="https://example.org", email="badges@example.org",
    )  # fmt: skip
    assert "SSSC renamed" in client.get(issuer_page).content.decode()
    assert client.get(ob2_issuer).json()["name"] == "SSSC renamed"
    catalogue.badge_retire(badge=badge, actor=None)
    assert client.get(page).status_code == 404


def test_a_credential_is_served_as_soon_as_it_is_issued(
    learner: User, badge: Badge, assessor: User
) -> None:
    award = award_for_application(learner, badge, assessor)  # issued after commit: not yet
    client = Client()
    document = _url("credentials:ob3_credential", code=award.code)
    assert _twice(client, document)[1].status_code == 404  # a 404 is never stored
    credentials.credential_issue(award=award)
    assert client.get(document).status_code == 200


# --- only what is the same for everyone --------------------------------------------------------


def test_a_signed_in_reader_is_never_given_the_anonymous_copy(award: Award, learner: User) -> None:
    page = _url("awards:award_detail", code=award.code)
    anonymous = _twice(Client(), page)[1].content.decode()
    owner = Client()
    owner.force_login(learner)
    mine = owner.get(page)
    assert "Share your badge" in mine.content.decode()
    assert "Share your badge" not in anonymous
    assert "private" in mine["Cache-Control"]
    assert "Share your badge" not in Client().get(page).content.decode()


def test_each_reader_gets_their_own_csrf_token_and_it_works(award: Award) -> None:
    page = _url("awards:award_detail", code=award.code)
    first = Client(enforce_csrf_checks=True)
    first.get(page)
    second = Client(enforce_csrf_checks=True)
    response = second.get(page)  # from the store
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())
    assert token and "rosette-csrf" not in token.group(1)
    assert "csrftoken" in second.cookies
    endorsed = second.post(
        _url("awards:endorse", code=award.code),
        {
            "csrfmiddlewaretoken": token.group(1),
            "name": "Jo Colleague",
            "email": "jo@example.org",
            "relationship": "colleague",
            "message": "Careful with every call.",
        },
    )
    assert endorsed.status_code == 200  # not 403: the token matches this reader's cookie


def test_a_reader_with_a_message_waiting_is_not_served_from_the_store(award: Award) -> None:
    client = Client()
    page = _url("awards:award_detail", code=award.code)
    _twice(client, page)
    client.cookies["messages"] = "anything"
    response, queries = _queries(client, page)
    assert response.status_code == 200 and queries > 1


def test_what_a_bad_host_asks_for_is_refused_even_when_stored(award: Award) -> None:
    client = Client()
    url = _url("credentials:ob2_assertion", code=award.code)
    _twice(client, url)
    assert client.get(url, headers={"Host": "evil.example"}).status_code == 400


# --- before Django (the WSGI application the server runs) --------------------------------------


def _wsgi(path: str, **environ: str) -> tuple[str, dict[str, str], bytes, int]:
    """Call the WSGI application as a server would (built as config/wsgi.py builds it, with
    the settings of the moment): status, headers, body, and how many times Django's request
    handling started."""
    application = PublicCacheApplication(WSGIHandler())

    started: list[object] = []

    def count(**kwargs: object) -> None:
        started.append(kwargs)

    request_env: dict[str, Any] = {"PATH_INFO": path, "REQUEST_METHOD": "GET", **environ}
    setup_testing_defaults(request_env)
    answer: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        answer["status"], answer["headers"] = status, dict(headers)

    # As Django's test client does: the test's transaction must outlive the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    request_started.connect(count)
    try:
        result = application(request_env, start_response)
        body = b"".join(result)
        getattr(result, "close", lambda: None)()
    finally:
        request_started.disconnect(count)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return answer["status"], answer["headers"], body, len(started)


def test_the_server_runs_the_public_cache_in_front_of_django() -> None:
    from config import wsgi

    assert isinstance(wsgi.application, PublicCacheApplication)


def test_a_stored_document_is_answered_before_django(award: Award) -> None:
    url = _url("credentials:ob2_assertion", code=award.code)
    rendered = Client().get(url)
    with CaptureQueriesContext(connection) as queries:
        status, headers, body, started = _wsgi(url)
    assert status == "200 OK" and body == rendered.content
    assert started == 0 and len(queries) == 1  # no request handling; the stamps only
    assert headers["ETag"] == rendered["ETag"]
    assert headers["Content-Type"] == "application/ld+json"
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_before_django_a_change_shows_at_once(award: Award, issuer_admin: User) -> None:
    url = _url("credentials:ob2_assertion", code=award.code)
    Client().get(url)
    assert _wsgi(url)[3] == 0
    awards.award_status_change(award=award, actor=issuer_admin, action="revoke", reason="Wrong")
    _, _, body, started = _wsgi(url)
    assert started == 1 and json.loads(body)["revoked"] is True


def test_before_django_only_what_is_the_same_for_everyone(award: Award) -> None:
    document = _url("credentials:ob2_assertion", code=award.code)
    page = _url("awards:award_detail", code=award.code)
    Client().get(document)
    Client().get(page)
    assert _wsgi(page)[3] == 1  # a page with a form: each reader's own CSRF token
    assert _wsgi(document, HTTP_COOKIE="sessionid=abc")[3] == 1
    assert _wsgi(document, HTTP_IF_NONE_MATCH='"x"')[3] == 1
    status, _, _, started = _wsgi(document, HTTP_HOST="evil.example")
    assert started == 1 and status.startswith("400")


def test_before_django_plain_http_is_still_sent_to_https(award: Award, settings: Any) -> None:
    url = _url("credentials:ob2_assertion", code=award.code)
    Client().get(url)
    settings.SECURE_SSL_REDIRECT = True
    status, headers, _, started = _wsgi(url)
    assert started == 1 and status.startswith("301")
    assert headers["Location"].startswith("https://")
