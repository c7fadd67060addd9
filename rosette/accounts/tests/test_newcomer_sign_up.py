"""A newcomer's first minutes (issue 16): the sign-in and sign-up pages speak as the rest of
Rosette does, suggest a personal email, name Rosette in their email, and bring a learner who
signed up from a badge page back to that badge."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db

TITLE_CASE = ["Sign In", "Sign Up", "Signup", "Remember Me", "Password Reset", "Reset My Password"]


def visible_text(html: str) -> str:
    html = re.sub(r"(?s)<(script|style)[^>]*>.*?</\1>", " ", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/accounts/login/", "Sign in"),
        ("/accounts/signup/", "Create an account"),
        ("/accounts/password/reset/", "Reset your password"),
    ],
)
def test_account_pages_use_the_sentence_case_of_the_rest(
    client: Client, url: str, heading: str
) -> None:
    html = client.get(url).content.decode()
    assert re.search(rf"<h1[^>]*>\s*{heading}\s*</h1>", html), html
    assert f"<title>{heading} – Rosette</title>" in html
    text = visible_text(html)
    for words in TITLE_CASE:
        assert words not in text, f"{words!r} on {url}"


def test_sign_in_offers_remember_me_in_sentence_case(client: Client) -> None:
    assert "Remember me" in visible_text(client.get("/accounts/login/").content.decode())


def test_sign_up_suggests_a_personal_email_that_stays_with_the_learner(client: Client) -> None:
    text = visible_text(client.get("/accounts/signup/").content.decode())
    assert "Use a personal email address you will keep if you change job" in text


def test_a_learner_who_signs_up_from_a_badge_page_lands_back_on_the_badge(
    client: Client,
) -> None:
    badge = factories.make_badge()
    page = client.get(badge.get_absolute_url()).content.decode()
    link = re.search(r'href="(/accounts/signup/\?next=[^"]+)"', page)
    assert link, "the badge page's 'Create an account' does not bring the learner back"
    signup_url = link.group(1).replace("&amp;", "&")
    form = client.get(signup_url).content.decode()
    assert f'value="{badge.get_absolute_url()}"' in form  # carried through the form
    response = client.post(
        signup_url,
        {
            "name": "Eilidh Ross",
            "email": "eilidh.ross@example.org",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
            "next": badge.get_absolute_url(),
        },
    )
    assert response.status_code == 302
    [message] = mail.outbox
    confirm = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", str(message.body))
    assert confirm, message.body
    client.get(confirm.group(1))
    response = client.post(confirm.group(1))
    assert response.status_code == 302
    assert response["Location"] == badge.get_absolute_url()


def test_the_verification_email_names_rosette_not_the_host_and_port(client: Client) -> None:
    client.post(
        "/accounts/signup/",
        {
            "name": "Eilidh Ross",
            "email": "eilidh.ross@example.org",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
        },
        HTTP_HOST="127.0.0.1:8000",
    )
    [message] = mail.outbox
    body = str(message.body)
    assert body.startswith("Hello from Rosette,")
    assert "127.0.0.1:8000!" not in body
    assert "Hello from 127.0.0.1" not in body
    assert message.subject.startswith("[Rosette]")
