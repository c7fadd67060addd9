"""Baking badges into PNG and SVG images, and extracting them again, safely.

PNG: an uncompressed ``iTXt`` chunk, keyword ``openbadges`` (OB 2.0: the assertion URL or JSON)
or ``openbadgecredential`` (OB 3.0: the credential JSON), placed before ``IEND``; an existing
chunk with the same keyword is replaced. SVG: ``<openbadges:assertion verify="URL">`` in the
``http://openbadges.org`` namespace (OB 2.0) or ``<openbadges:credential>`` holding the JSON in
CDATA in the ``https://purl.imsglobal.org/ob/v3p0`` namespace (OB 3.0), as the first child of
the root ``<svg>``.

Extraction treats every image as hostile: the PNG is walked chunk by chunk with size caps and
CRC checks (no image decoder runs), compressed text is inflated with an output cap, and SVG is
parsed with defusedxml (no entities, no external references) under a size cap; baking (which
builds a DOM) also caps the number of elements.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from typing import Literal
from xml.dom.minidom import Document, Element
from xml.etree.ElementTree import ParseError
from xml.parsers.expat import ExpatError

import defusedxml.ElementTree as SafeET
import defusedxml.minidom as safe_minidom
from defusedxml import DefusedXmlException

from .errors import BadgeImageError

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
OB2_PNG_KEYWORD = "openbadges"
OB3_PNG_KEYWORD = "openbadgecredential"
OB2_SVG_NS = "http://openbadges.org"
OB3_SVG_NS = "https://purl.imsglobal.org/ob/v3p0"
SVG_NS = "http://www.w3.org/2000/svg"

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_CHUNK_BYTES = 4 * 1024 * 1024
MAX_CHUNKS = 10_000
MAX_TEXT_BYTES = 1024 * 1024
# Baking builds a DOM of the badge's SVG, a few hundred bytes per element: a 10 MB SVG of
# empty elements would take close to a gigabyte. Badge artwork has hundreds or thousands.
MAX_SVG_ELEMENTS = 50_000

Kind = Literal["ob2", "ob3"]


@dataclass(frozen=True)
class BakedBadge:
    """What an image carries: ``kind`` (``ob2``/``ob3``), the ``format`` of the image, and the
    text: a URL (OB 2.0 hosted), JSON, or a compact JWS."""

    kind: Kind
    format: Literal["png", "svg"]
    payload: str

    @property
    def is_url(self) -> bool:
        """True when the payload is a URL to fetch rather than a document."""
        return self.payload.startswith(("https://", "http://"))


# --- PNG -------------------------------------------------------------------------------------


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def _walk_png(data: bytes, *, max_bytes: int) -> list[tuple[bytes, bytes, int, int]]:
    """``(type, data, start, end)`` for each chunk, validating structure and CRCs."""
    if len(data) > max_bytes:
        raise BadgeImageError(f"The image is larger than {max_bytes // (1024 * 1024)} MB.")
    if not data.startswith(PNG_SIGNATURE):
        raise BadgeImageError("The file is not a PNG image.")
    chunks: list[tuple[bytes, bytes, int, int]] = []
    pos = len(PNG_SIGNATURE)
    while True:
        if len(chunks) >= MAX_CHUNKS:
            raise BadgeImageError("The PNG has too many chunks.")
        if pos + 12 > len(data):
            raise BadgeImageError("The PNG is truncated.")
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        if length > MAX_CHUNK_BYTES:
            raise BadgeImageError("The PNG has a chunk that is too large.")
        if not kind.isalpha() or not kind.isascii():
            raise BadgeImageError("The PNG has a malformed chunk.")
        end = pos + 12 + length
        if end > len(data):
            raise BadgeImageError("The PNG is truncated.")
        body = data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[end - 4 : end])
        if zlib.crc32(kind + body) & 0xFFFFFFFF != crc:
            raise BadgeImageError("The PNG is damaged (a chunk checksum is wrong).")
        if not chunks and kind != b"IHDR":
            raise BadgeImageError("The PNG does not start with a header chunk.")
        chunks.append((kind, body, pos, end))
        pos = end
        if kind == b"IEND":
            return chunks


def _itxt(keyword: str, text: str) -> bytes:
    return (
        keyword.encode("latin-1")
        + b"\x00"  # keyword terminator
        + b"\x00\x00"  # compression flag (none), compression method
        + b"\x00"  # empty language tag
        + b"\x00"  # empty translated keyword
        + text.encode("utf-8")
    )


def _parse_itxt(body: bytes) -> tuple[str, str]:
    keyword, sep, rest = body.partition(b"\x00")
    if not sep or len(rest) < 2:
        raise BadgeImageError("The PNG has a malformed text chunk.")
    compressed, method, rest = rest[0], rest[1], rest[2:]
    _language, sep1, rest = rest.partition(b"\x00")
    _translated, sep2, text = rest.partition(b"\x00")
    if not (sep1 and sep2):
        raise BadgeImageError("The PNG has a malformed text chunk.")
    if compressed:
        if method != 0:
            raise BadgeImageError("The PNG text chunk uses an unknown compression method.")
        inflater = zlib.decompressobj()
        try:
            text = inflater.decompress(text, MAX_TEXT_BYTES + 1)
        except zlib.error:
            raise BadgeImageError("The PNG text chunk is not valid compressed data.") from None
        if len(text) > MAX_TEXT_BYTES or inflater.unconsumed_tail:
            raise BadgeImageError("The PNG text chunk expands to more than is allowed.")
    elif len(text) > MAX_TEXT_BYTES:
        raise BadgeImageError("The PNG text chunk is too large.")
    try:
        return keyword.decode("latin-1"), text.decode("utf-8")
    except UnicodeDecodeError:
        raise BadgeImageError("The PNG text chunk is not valid UTF-8.") from None


def bake_png(png: bytes, payload: str, *, kind: Kind, max_bytes: int = MAX_IMAGE_BYTES) -> bytes:
    """Return ``png`` with ``payload`` baked in (replacing any badge of the same kind)."""
    keyword = OB3_PNG_KEYWORD if kind == "ob3" else OB2_PNG_KEYWORD
    if len(payload.encode("utf-8")) > MAX_TEXT_BYTES:
        raise BadgeImageError("The badge is too large to bake into an image.")
    chunks = _walk_png(png, max_bytes=max_bytes)
    out = [PNG_SIGNATURE]
    for chunk_kind, body, start, end in chunks:
        if chunk_kind == b"iTXt" and body.split(b"\x00", 1)[0] == keyword.encode("latin-1"):
            continue
        if chunk_kind == b"IEND":
            out.append(_chunk(b"iTXt", _itxt(keyword, payload)))
        out.append(png[start:end])
    return b"".join(out)


def extract_png(png: bytes, *, max_bytes: int = MAX_IMAGE_BYTES) -> BakedBadge | None:
    """The badge baked into a PNG, or ``None``. Raises :class:`BadgeImageError` for hostile or
    broken files and for images carrying more than one badge."""
    found: list[BakedBadge] = []
    for chunk_kind, body, _start, _end in _walk_png(png, max_bytes=max_bytes):
        if chunk_kind != b"iTXt":
            continue
        keyword, text = _parse_itxt(body)
        if keyword == OB3_PNG_KEYWORD:
            found.append(BakedBadge("ob3", "png", text))
        elif keyword == OB2_PNG_KEYWORD:
            found.append(BakedBadge("ob2", "png", text))
    if len(found) > 1:
        raise BadgeImageError("The image carries more than one badge.")
    return found[0] if found else None


# --- SVG -------------------------------------------------------------------------------------


def _parse_svg_dom(svg: bytes, max_bytes: int) -> Document:
    if len(svg) > max_bytes:
        raise BadgeImageError(f"The image is larger than {max_bytes // (1024 * 1024)} MB.")
    if svg.count(b"<") > MAX_SVG_ELEMENTS:  # every element starts with one: an upper bound
        raise BadgeImageError("The SVG has too many parts to bake a badge into.")
    try:
        document: Document = safe_minidom.parseString(
            svg, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException:
        raise BadgeImageError("The SVG uses XML entities or external references.") from None
    except ExpatError as exc:
        raise BadgeImageError(f"The SVG is not well-formed XML: {exc}") from None
    root = document.documentElement
    if root is None or root.localName != "svg":
        raise BadgeImageError("The file is not an SVG image.")
    return document


def bake_svg(svg: bytes, payload: str, *, kind: Kind, max_bytes: int = MAX_IMAGE_BYTES) -> bytes:
    """Return ``svg`` with the badge baked in as the root's first child (replacing any).

    For OB 2.0 ``payload`` is the assertion URL (``verify`` attribute); for OB 3.0 it is the
    credential JSON (CDATA body).
    """
    document = _parse_svg_dom(svg, max_bytes)
    root: Element = document.documentElement  # type: ignore[assignment]  # minidom types it Node | None
    namespace, tag = (OB3_SVG_NS, "credential") if kind == "ob3" else (OB2_SVG_NS, "assertion")
    # An image carries one badge: drop any baked badge of either version first.
    for old_ns, old_tag in ((OB3_SVG_NS, "credential"), (OB2_SVG_NS, "assertion")):
        for existing in list(root.getElementsByTagNameNS(old_ns, old_tag)):
            parent = existing.parentNode
            if parent is not None:
                parent.removeChild(existing)
    root.setAttribute("xmlns:openbadges", namespace)
    element = document.createElementNS(namespace, f"openbadges:{tag}")
    if kind == "ob3":
        # ">" only occurs inside JSON strings, where \u003e means the same; this keeps "]]>"
        # out of the CDATA section.
        element.appendChild(document.createCDATASection(payload.replace(">", "\\u003e")))
    else:
        element.setAttribute("verify", payload)
    root.insertBefore(element, root.firstChild)
    return document.toxml(encoding="utf-8")


def extract_svg(svg: bytes, *, max_bytes: int = MAX_IMAGE_BYTES) -> BakedBadge | None:
    """The badge baked into an SVG, or ``None``; :class:`BadgeImageError` for hostile files."""
    if len(svg) > max_bytes:
        raise BadgeImageError(f"The image is larger than {max_bytes // (1024 * 1024)} MB.")
    try:
        root = SafeET.fromstring(svg, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise BadgeImageError("The SVG uses XML entities or external references.") from None
    except ParseError as exc:
        raise BadgeImageError(f"The SVG is not well-formed XML: {exc}") from None
    if root.tag not in (f"{{{SVG_NS}}}svg", "svg"):
        raise BadgeImageError("The file is not an SVG image.")
    found: list[BakedBadge] = []
    for element in root.iter(f"{{{OB3_SVG_NS}}}credential"):
        verify = element.get("verify")
        text = verify if verify else (element.text or "").strip()
        found.append(BakedBadge("ob3", "svg", text))
    for element in root.iter(f"{{{OB2_SVG_NS}}}assertion"):
        verify = element.get("verify")
        text = verify if verify else (element.text or "").strip()
        found.append(BakedBadge("ob2", "svg", text))
    if len(found) > 1:
        raise BadgeImageError("The image carries more than one badge.")
    if found and not found[0].payload:
        raise BadgeImageError("The image's badge element is empty.")
    if found and len(found[0].payload.encode("utf-8")) > MAX_TEXT_BYTES:
        raise BadgeImageError("The badge in the image is too large.")
    return found[0] if found else None


def extract_badge(data: bytes, *, max_bytes: int = MAX_IMAGE_BYTES) -> BakedBadge | None:
    """Sniff PNG or SVG and return the baked badge (or ``None`` when there is none)."""
    if data.startswith(PNG_SIGNATURE):
        return extract_png(data, max_bytes=max_bytes)
    head = data[:512].lstrip().lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype")):
        return extract_svg(data, max_bytes=max_bytes)
    raise BadgeImageError("The file is neither a PNG nor an SVG image.")
