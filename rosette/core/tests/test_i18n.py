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
