"""Hostile badge files sent to the public verify page: each gets a plain answer ("not
genuine", and why), quickly and in bounded memory (issue 12: every parse of an outside file).
The files are made in tests/hostile.py."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from rosette.credentials import selectors
from rosette.credentials.baking import bake_svg
from rosette.credentials.errors import BadgeImageError
from tests import hostile

pytestmark = pytest.mark.django_db

MEMORY_BOUND = 64 * hostile.MB  # an ElementTree of the largest SVG allowed (2 MB) fits in it


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(
            hostile.png_with_a_text_bomb, "expands to more than is allowed", id="png-text-bomb"
        ),
        pytest.param(hostile.png_bomb, "does not carry an Open Badge", id="png-pixel-bomb"),
        pytest.param(hostile.svg_billion_laughs, "XML entities", id="svg-billion-laughs"),
        pytest.param(hostile.svg_external_entity, "XML entities", id="svg-external-entity"),
        pytest.param(
            lambda: hostile.svg_deeply_nested(50_000), "does not carry an Open Badge", id="svg-deep"
        ),
        pytest.param(lambda: b'{"a": ' + b"[" * 100_000, "nested more than", id="json-deep"),
        pytest.param(
            lambda: b'{"a": "' + b"x" * (1_500_000) + b'"}', "larger than", id="json-large"
        ),
    ],
)
def test_a_hostile_badge_file_gets_a_plain_answer_in_bounded_memory(
    client: Client, make: Callable[[], bytes], message: str
) -> None:
    data = make()
    started = time.monotonic()
    with hostile.peak_memory() as peak:
        response = client.post("/verify/", {"file": SimpleUploadedFile("badge", data)})
    page = response.content.decode()
    assert "Not genuine" in page
    assert message in page
    assert peak.bytes < MEMORY_BOUND, f"{peak.bytes / hostile.MB:.0f} MB"
    assert time.monotonic() - started < selectors.VERIFY_SECONDS + 5  # the deadline holds


def test_baking_refuses_an_svg_too_complex_to_hold_in_memory() -> None:
    """Baking builds a DOM of the badge's SVG: a few MB of empty elements once took close to a
    gigabyte and minutes, on every download of the baked image."""
    svg = b'<svg xmlns="http://www.w3.org/2000/svg">' + b"<g/>" * 2_000_000 + b"</svg>"
    with hostile.peak_memory() as peak, pytest.raises(BadgeImageError, match="too many parts"):
        bake_svg(svg, '{"id": "urn:x"}', kind="ob3")
    assert peak.bytes < hostile.MB
