from __future__ import annotations

import contextlib
import struct
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rosette.credentials.baking import bake_png, bake_svg, extract_badge, extract_png, extract_svg
from rosette.credentials.errors import BadgeImageError

from .conftest import SVG, png_bytes

PNG = png_bytes()
payloads = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
    min_size=1,
    max_size=300,
).filter(lambda s: s.strip() == s and s.strip())


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(payloads, st.sampled_from(["ob2", "ob3"]))
def test_png_bake_then_extract_round_trips(payload: str, kind: str) -> None:
    baked = bake_png(PNG, payload, kind=kind)  # type: ignore[arg-type]
    found = extract_badge(baked)
    assert found is not None and found.payload == payload and found.kind == kind
    again = bake_png(baked, payload + "2", kind=kind)  # type: ignore[arg-type]
    assert extract_png(again).payload == payload + "2"  # type: ignore[union-attr]


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(payloads)
def test_svg_bake_then_extract_round_trips_credentials(payload: str) -> None:
    xml_safe = "".join(c for c in payload if c.isprintable() or c in "\t\n")
    if not xml_safe.strip() or xml_safe.strip() != xml_safe:
        return
    json_text = '{"name": ' + __import__("json").dumps(xml_safe) + ', "x": "]]>"}'
    baked = bake_svg(SVG, json_text, kind="ob3")
    found = extract_badge(baked)
    assert found is not None and found.kind == "ob3"
    assert __import__("json").loads(found.payload) == __import__("json").loads(json_text)


def test_svg_ob2_assertion_url_and_rebaking_keeps_one_badge() -> None:
    baked = bake_svg(SVG, "https://x.org/a/1", kind="ob2")
    assert b'xmlns:openbadges="http://openbadges.org"' in baked
    found = extract_svg(baked)
    assert found is not None and found.is_url and found.kind == "ob2"
    rebaked = bake_svg(baked, '{"a": 1}', kind="ob3")
    found = extract_svg(rebaked)
    assert found is not None and found.kind == "ob3"
    assert extract_svg(SVG) is None and extract_png(PNG) is None


@settings(max_examples=200)
@given(st.binary(max_size=400), st.integers(min_value=0, max_value=400))
def test_malformed_png_never_escapes_as_another_exception(noise: bytes, cut: int) -> None:
    baked = bake_png(PNG, "https://x.org/a", kind="ob2")
    for data in (baked[:cut] + noise, b"\x89PNG\r\n\x1a\n" + noise, noise):
        with contextlib.suppress(BadgeImageError):
            extract_badge(data)


@settings(max_examples=200)
@given(st.binary(max_size=300))
def test_malformed_svg_never_escapes_as_another_exception(noise: bytes) -> None:
    for data in (b"<svg" + noise, SVG[:40] + noise, b"<?xml" + noise):
        with contextlib.suppress(BadgeImageError):
            extract_badge(data)


def chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def with_chunk(extra: bytes) -> bytes:
    return PNG[:-12] + extra + PNG[-12:]


def test_png_decompression_bomb_in_itxt_is_refused() -> None:
    bomb = zlib.compress(b"{" * 50_000_000, 9)
    body = b"openbadgecredential\x00\x01\x00\x00\x00" + bomb
    with pytest.raises(BadgeImageError, match="expands"):
        extract_png(with_chunk(chunk(b"iTXt", body)))


def test_compressed_itxt_is_read() -> None:
    body = b"openbadges\x00\x01\x00en\x00\x00" + zlib.compress(b"https://x.org/a")
    assert extract_png(with_chunk(chunk(b"iTXt", body))).payload == "https://x.org/a"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (PNG[:-4] + b"\x00\x00\x00\x00", "checksum"),
        (PNG[:20], "truncated"),
        (b"GIF89a", "neither"),
        (b"\x89PNG\r\n\x1a\n" + chunk(b"IDAT", b""), "header"),
        (with_chunk(chunk(b"iTXt", b"openbadges")), "malformed text"),
        (with_chunk(chunk(b"iTXt", b"openbadges\x00\x01\x07\x00\x00x")), "compression method"),
        (with_chunk(chunk(b"iTXt", b"openbadges\x00\x01\x00\x00\x00notzlib")), "compressed"),
        (with_chunk(chunk(b"iTXt", b"openbadges\x00\x00\x00\x00\x00\xff\xfe")), "UTF-8"),
        (with_chunk(chunk(b"iTXt", b"openbadges\x00\x00\x00\x00\x00" + b"a" * 1_100_000)), "large"),
        (with_chunk(chunk(b"1234", b"")), "malformed chunk"),
        (PNG[:8] + struct.pack(">I", 50_000_000) + PNG[12:], "too large"),
        (
            with_chunk(chunk(b"iTXt", b"openbadges\x00\x00\x00\x00\x00a")) + b"",
            None,
        ),
    ],
)
def test_hostile_pngs_are_refused_with_plain_messages(data: bytes, message: str | None) -> None:
    if message is None:
        doubled = with_chunk(chunk(b"iTXt", b"openbadges\x00\x00\x00\x00\x00a") * 2)
        with pytest.raises(BadgeImageError, match="more than one"):
            extract_png(doubled)
        return
    with pytest.raises(BadgeImageError, match=message):
        extract_badge(data)


def test_png_and_svg_size_caps() -> None:
    with pytest.raises(BadgeImageError, match="larger"):
        extract_png(PNG, max_bytes=10)
    with pytest.raises(BadgeImageError, match="larger"):
        extract_svg(SVG, max_bytes=10)
    with pytest.raises(BadgeImageError, match="larger"):
        bake_svg(SVG, "x", kind="ob2", max_bytes=10)
    with pytest.raises(BadgeImageError, match="too large"):
        bake_png(PNG, "x" * 1_100_000, kind="ob3")


def test_too_many_png_chunks_is_refused() -> None:
    with pytest.raises(BadgeImageError, match="too many"):
        extract_png(with_chunk(chunk(b"tEXt", b"a\x00b") * 10_001), max_bytes=10**9)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
<svg xmlns="http://www.w3.org/2000/svg">&b;</svg>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<svg xmlns="http://www.w3.org/2000/svg">&x;</svg>"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, XXE])
def test_svg_entities_and_external_references_are_refused(data: bytes) -> None:
    with pytest.raises(BadgeImageError, match="entities"):
        extract_svg(data)
    with pytest.raises(BadgeImageError, match="entities"):
        bake_svg(data, "x", kind="ob2")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<svg", "well-formed"),
        (b"<html xmlns='http://www.w3.org/1999/xhtml'/>", "not an SVG"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:o="http://openbadges.org">'
            b'<o:assertion verify="a"/><o:assertion verify="b"/></svg>',
            "more than one",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:o="https://purl.imsglobal.org/ob/v3p0">'
            b"<o:credential> </o:credential></svg>",
            "empty",
        ),
    ],
)
def test_broken_svgs_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(BadgeImageError, match=message):
        extract_svg(data)


def test_bake_svg_refuses_non_svg() -> None:
    with pytest.raises(BadgeImageError, match="not an SVG"):
        bake_svg(b"<html/>", "x", kind="ob2")
    with pytest.raises(BadgeImageError, match="well-formed"):
        bake_svg(b"<svg", "x", kind="ob2")
