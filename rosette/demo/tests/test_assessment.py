from __future__ import annotations

import pytest

from rosette.accounts.models import User
from rosette.applications.models import Application
from rosette.assessment import services
from rosette.catalogue.models import Issuer
from rosette.demo.loader import load_demo

pytestmark = pytest.mark.django_db


def test_the_demo_assessor_has_a_queue_and_loading_again_adds_nothing() -> None:
    load_demo()
    assert Application.objects.waiting().count() == 3
    load_demo()
    assert Application.objects.waiting().count() == 3
    assessor = User.objects.get(email="assessor@example.org")
    claimed = services.claim_next(issuer=Issuer.objects.get(slug="sssc"), assessor=assessor)
    assert claimed is not None
