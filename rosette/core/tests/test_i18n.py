from __future__ import annotations

import pytest
from django.test import Client


@pytest.mark.django_db
def test_the_catalogue_speaks_gaelic_when_asked(client: Client) -> None:
    body = client.get("/badges/", HTTP_ACCEPT_LANGUAGE="gd").content.decode()
    assert '<html lang="gd"' in body
    assert "Seall gach bràiste" in body  # "View all badges"
    assert "Leum gu prìomh shusbaint" in body  # the skip link


@pytest.mark.django_db
def test_the_language_switcher_remembers_the_choice(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "gd", "next": "/badges/"})
    assert response.status_code == 302
    assert "Seall gach bràiste" in client.get("/badges/").content.decode()
    client.post("/i18n/setlang/", {"language": "en-gb", "next": "/badges/"})
    assert "View all badges" in client.get("/badges/").content.decode()


@pytest.mark.django_db
def test_the_language_switcher_needs_no_csrf_token_so_public_pages_carry_none() -> None:
    """Public pages are the same bytes for every anonymous reader (ADR 0013): the language
    form is the one form on every page, and choosing a language is not worth forging."""
    client = Client(enforce_csrf_checks=True)
    page = client.get("/badges/")
    assert b"csrfmiddlewaretoken" not in page.content
    assert "csrftoken" not in page.cookies
    response = client.post("/i18n/setlang/", {"language": "gd", "next": "/badges/"})
    assert response.status_code == 302
    assert "Seall gach bràiste" in client.get("/badges/").content.decode()
