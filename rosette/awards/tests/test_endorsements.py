"""Endorsements: confirmed by email, published by the learner, screened, escaped (rate limits:
test_endorsement_limits.py)."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail, signing
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


def _endorse(client: Client, award: Award, **overrides: str) -> Any:
    data = {
        "name": "Callum Manager",
        "email": "callum@example.org",
        "relationship": "manager",
        "message": MESSAGE,
        **overrides,
    }
    return client.post(reverse("awards:endorse", kwargs={"code": award.code}), data)


def _confirm_link(message: Any) -> str:
    match = re.search(r"https?://\S+/awards/endorsements/confirm/\S+/", message.body)
    assert match, message.body
    return match.group(0).split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def test_an_endorsement_is_confirmed_then_published_by_the_learner(
    client: Client, award: Award, learner: User, django_capture_on_commit_callbacks: Any
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _endorse(client, award)
    assert response.status_code == 200 and "Check your email" in response.content.decode()
    endorsement = Endorsement.objects.get()
    assert endorsement.status == "unconfirmed"
    assert MESSAGE not in client.get(award.get_absolute_url()).content.decode()
    [message] = mail.outbox
    assert message.to == ["callum@example.org"]
    link = _confirm_link(message)

    # Opening the link (as a mail scanner would) changes nothing; the button confirms.
    assert client.get(link).status_code == 200
    assert Endorsement.objects.get().status == "unconfirmed"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(link).status_code == 200
    assert Endorsement.objects.get().status == "pending"
    assert [m.to for m in mail.outbox] == [[learner.email]]
    assert MESSAGE not in client.get(award.get_absolute_url()).content.decode()

    client.force_login(learner)
    url = reverse(
        "awards:endorsement_decide",
        kwargs={"code": award.code, "public_id": endorsement.public_id},
    )
    prefix = str(endorsement.public_id)
    assert client.post(url, {f"{prefix}-decision": "publish"}).status_code == 302
    client.logout()
    assert MESSAGE in client.get(award.get_absolute_url()).content.decode()


def test_your_badges_counts_published_endorsements_and_those_waiting(
    client: Client, award: Award, learner: User, django_capture_on_commit_callbacks: Any
) -> None:
    for n, email in enumerate(["callum@example.org", "ruth@example.org", "ola@example.org"]):
        with django_capture_on_commit_callbacks(execute=True):
            _endorse(client, award, email=email, name=f"Endorser {n}")
        client.post(_confirm_link(mail.outbox[-1]))
    first = Endorsement.objects.get(email="callum@example.org")
    client.force_login(learner)
    decide = reverse(
        "awards:endorsement_decide", kwargs={"code": award.code, "public_id": first.public_id}
    )
    client.post(decide, {f"{first.public_id}-decision": "publish"})
    body = client.get(reverse("awards:mine")).content.decode()
    cell = re.search(r'(?s)<td data-heading="Endorsements">(.*?)</td>', body)
    assert cell
    assert " ".join(re.sub(r"<[^>]+>", " ", cell.group(1)).split()) == (
        "1 published, 2 waiting for you"
    )


def test_an_endorser_who_never_confirms_publishes_nothing(
    client: Client, award: Award, learner: User
) -> None:
    _endorse(client, award)
    endorsement = Endorsement.objects.get()
    with pytest.raises(services.AwardError):
        services.endorsement_decide(endorsement=endorsement, actor=learner, publish=True)
    client.force_login(learner)
    assert (
        MESSAGE
        not in client.get(
            reverse("awards:endorsements", kwargs={"code": award.code})
        ).content.decode()
    )


def test_an_old_or_broken_link_confirms_nothing(client: Client, award: Award) -> None:
    _endorse(client, award)
    endorsement = Endorsement.objects.get()
    token = services.confirmation_token(endorsement)
    broken = reverse("awards:endorsement_confirm", kwargs={"token": token[:-3] + "abc"})
    assert client.post(broken).status_code == 400
    signer = signing.TimestampSigner(salt=services.CONFIRM_SALT)
    old = signer.sign(str(endorsement.public_id))
    import time

    real_time = time.time
    try:
        time.time = lambda: real_time() + services.CONFIRM_MAX_AGE.total_seconds() + 60  # type: ignore[assignment]
        response = client.post(reverse("awards:endorsement_confirm", kwargs={"token": old}))
    finally:
        time.time = real_time  # type: ignore[assignment]
    assert response.status_code == 400 and "expired" in response.content.decode()
    assert Endorsement.objects.get().status == "unconfirmed"


def test_messages_are_escaped_never_html(client: Client, award: Award, learner: User) -> None:
    script = "<script>alert('x')</script> <b>bold</b> and a lot of praise for good work."
    _endorse(client, award, message=script)
    endorsement = Endorsement.objects.get()
    services.endorsement_confirm(endorsement=endorsement)
    services.endorsement_decide(endorsement=endorsement, actor=learner, publish=True)
    html = client.get(award.get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_oversized_short_or_incomplete_endorsements_are_refused_clearly(
    client: Client, award: Award
) -> None:
    response = _endorse(client, award, message="x" * 2001)
    assert response.status_code == 400
    assert "shorten it to 2000" in response.content.decode()
    response = _endorse(client, award, message="Great", email="not-an-email", relationship="")
    text = response.content.decode()
    assert "Write at least 20 characters" in text
    assert "Enter an email address like name@example.org" in text
    assert "Choose how you know them" in text
    assert not Endorsement.objects.exists()


def test_the_honeypot_thanks_a_bot_and_keeps_nothing(client: Client, award: Award) -> None:
    response = _endorse(client, award, website="http://spam.example")
    assert response.status_code == 200 and "Check your email" in response.content.decode()
    assert not Endorsement.objects.exists()
    assert mail.outbox == []


def test_the_learner_can_close_endorsements_and_private_pages_take_none(
    client: Client, award: Award, learner: User
) -> None:
    services.award_settings_update(
        award=award, actor=learner, visibility="link", name_display="full",
        endorsements_open=False,
    )  # fmt: skip
    assert "Endorse this badge" not in client.get(award.get_absolute_url()).content.decode()
    assert _endorse(client, award).status_code == 302
    assert not Endorsement.objects.exists()
    services.award_settings_update(
        award=award, actor=learner, visibility="private", name_display="full",
        endorsements_open=True,
    )  # fmt: skip
    assert _endorse(client, award).status_code == 404


def test_an_endorsement_that_could_identify_someone_needs_a_reason_to_publish(
    client: Client, award: Award, learner: User
) -> None:
    _endorse(
        client, award,
        message="Morag helped Mrs Jean Smithson of 12 High Street, Paisley PA1 1AA get online.",
    )  # fmt: skip
    endorsement = services.endorsement_confirm(endorsement=Endorsement.objects.get())
    assert endorsement.findings
    client.force_login(learner)
    page = client.get(reverse("awards:endorsements", kwargs={"code": award.code}))
    assert "could identify someone" in page.content.decode()
    url = reverse(
        "awards:endorsement_decide",
        kwargs={"code": award.code, "public_id": endorsement.public_id},
    )
    prefix = str(endorsement.public_id)
    response = client.post(url, {f"{prefix}-decision": "publish"})
    assert response.status_code == 400
    assert Endorsement.objects.get().status == "pending"
    response = client.post(
        url, {f"{prefix}-decision": "publish", f"{prefix}-dismiss_reason": "A made-up example."}
    )
    assert response.status_code == 302
    published = Endorsement.objects.get()
    assert published.status == "published" and published.findings_dismissed == "A made-up example."


def test_only_the_learner_decides(client: Client, award: Award, outsider: User) -> None:
    _endorse(client, award)
    endorsement = services.endorsement_confirm(endorsement=Endorsement.objects.get())
    with pytest.raises(PermissionError):
        services.endorsement_decide(endorsement=endorsement, actor=outsider, publish=True)
    client.force_login(outsider)
    url = reverse("awards:endorsements", kwargs={"code": award.code})
    assert client.get(url).status_code == 404


def test_a_manager_endorses_from_their_team_page(
    client: Client, award: Award, learner: User, manager: User, outsider: User
) -> None:
    team_of(manager, learner)
    client.force_login(manager)
    team = client.get(reverse("awards:team")).content.decode()
    assert "Video chats" in team and "Badges show learning, not competence" in team
    url = reverse("awards:team_endorse", kwargs={"code": award.code})
    assert client.get(url).status_code == 200
    assert client.post(url, {"message": MESSAGE}).status_code == 302
    endorsement = Endorsement.objects.get()
    assert (endorsement.status, endorsement.endorser, endorsement.relationship) == (
        "pending", manager, "manager",
    )  # fmt: skip
    # Someone else's staff: not found.
    other = User.objects.create_user(email="other-manager@example.org", name="Other")
    from tests import factories

    other_manager = factories.make_manager(email="m2@example.org")
    client.force_login(other_manager)
    assert client.get(url).status_code == 404
    assert other


def test_team_page_costs_the_same_for_many_awards(
    client: Client, manager: User, issuer: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests import factories

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("awards:team")).status_code == 200
        return len(ctx.captured_queries)

    staff = [factories.make_user() for _ in range(3)]
    team_of(manager, *staff)
    client.force_login(manager)
    services.award_create(recipient=staff[0], badge=factories.make_badge(issuer=issuer), actor=None)
    few = count()
    for person in staff:
        for _ in range(3):
            services.award_create(
                recipient=person, badge=factories.make_badge(issuer=issuer), actor=None
            )
    assert count() == few


def test_confirm_twice_is_confirm_once(client: Client, award: Award) -> None:
    _endorse(client, award)
    endorsement = Endorsement.objects.get()
    first = services.endorsement_confirm(endorsement=endorsement)
    again = services.endorsement_confirm(endorsement=endorsement)
    assert first.confirmed_at == again.confirmed_at
    assert timedelta(0) <= again.confirmed_at - again.created_at  # type: ignore[operator]
