"""Badge artwork: a badge's own image as PNG or SVG, or a generated rosette with its initials
(for a badge that has none, the demo's badges, and the images credentials are baked into)."""

from __future__ import annotations

import io
import math
import re
from xml.sax.saxutils import escape

import defusedxml.minidom
from defusedxml import DefusedXmlException
from PIL import Image, ImageDraw, ImageFont, UnidentifiedImageError

from rosette.catalogue.models import Badge

# The shape of a badge image, so that it can be baked into a credential and shown anywhere
# (Open Badges: a square PNG or SVG). 1 MB is ample for a badge and small enough to bake.
MAX_IMAGE_BYTES = 1_000_000
MIN_SIDE, MAX_SIDE = 90, 2000
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_SVG_FORBIDDEN = {"script", "foreignobject", "iframe", "embed", "object"}


class ImageRejected(ValueError):
    """The image cannot be used; the message says why, for the person who uploaded it."""


def check_image(data: bytes, *, square: bool = True) -> str:
    """Check an uploaded badge image (or, ``square=False``, an issuer's logo) and return its
    real extension (".png" or ".svg"). The bytes decide, never the file name."""
    if not data:
        raise ImageRejected("The selected file is empty.")
    if len(data) > MAX_IMAGE_BYTES:
        raise ImageRejected("The image must be smaller than 1 MB.")
    if data.startswith(PNG_SIGNATURE):
        width, height = _png_size(data)
        extension = ".png"
    elif _is_svg(data):
        width, height = _svg_size(data)
        extension = ".svg"
    else:
        raise ImageRejected("The image must be a PNG or SVG file.")
    if square and abs(width - height) > 0.01 * max(width, height):
        raise ImageRejected("A badge image must be square (as wide as it is tall).")
    if extension == ".png" and (min(width, height) < MIN_SIDE or max(width, height) > MAX_SIDE):
        raise ImageRejected(
            f"The image must be between {MIN_SIDE} and {MAX_SIDE} pixels on each side."
        )
    return extension


def _png_size(data: bytes) -> tuple[float, float]:
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != "PNG":
                raise ImageRejected("The image must be a PNG or SVG file.")
            width, height = image.size
            if width * height > MAX_SIDE * MAX_SIDE:
                raise ImageRejected(
                    f"The image must be between {MIN_SIDE} and {MAX_SIDE} pixels on each side."
                )
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ImageRejected("The PNG could not be read: it may be damaged.") from exc
    return float(width), float(height)


def _svg_size(data: bytes) -> tuple[float, float]:
    """The SVG's drawing size (its viewBox, else width and height), after refusing anything
    that could run or fetch: scripts, embedded documents, event handlers, outside links."""
    try:
        document = defusedxml.minidom.parseString(data)
    except (DefusedXmlException, ValueError, SyntaxError) as exc:
        raise ImageRejected("The SVG could not be read: it may be damaged.") from exc
    except Exception as exc:  # expat's ExpatError and friends: not an SVG we can use
        raise ImageRejected("The SVG could not be read: it may be damaged.") from exc
    root = document.documentElement
    if root is None or root.localName != "svg":
        raise ImageRejected("The image must be a PNG or SVG file.")
    for element in document.getElementsByTagName("*"):
        if (element.localName or "").lower() in _SVG_FORBIDDEN:
            raise ImageRejected("The SVG must not contain scripts or embedded documents.")
        for name, value in element.attributes.items():
            lowered = name.lower()
            if lowered.startswith("on"):
                raise ImageRejected("The SVG must not contain scripts or embedded documents.")
            if lowered.endswith("href") and not value.strip().startswith("#"):
                raise ImageRejected("The SVG must not link to other files.")
    box = root.getAttribute("viewBox").replace(",", " ").split()
    try:
        if len(box) == 4:
            return float(box[2]), float(box[3])
        return _length(root.getAttribute("width")), _length(root.getAttribute("height"))
    except ValueError as exc:
        raise ImageRejected("The SVG must say its size (a viewBox, or width and height).") from exc


def _length(text: str) -> float:
    number = re.match(r"\s*([0-9.]+)\s*(px)?\s*$", text)
    if not number:
        raise ValueError(text)
    return float(number.group(1))


def initials(name: str) -> str:
    words = [w for w in name.replace("OSS ", "").split() if w[:1].isalpha() and w[0].isupper()]
    return "".join(w[0] for w in words[:2]) or name[:1].upper()


def rosette_svg(name: str, colour: str) -> bytes:
    """A 200×200 SVG rosette in the badge's colour. Text contrast is white on a dark colour."""
    petals = []
    for i in range(16):
        angle = 2 * math.pi * i / 16
        x, y = 100 + 62 * math.cos(angle), 100 + 62 * math.sin(angle)
        petals.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="26" fill="{colour}" opacity="0.55"/>')
    label = escape(initials(name))
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200" viewBox="0 0 200 200" '
        f'role="img" aria-label="{escape(name)}">'
        f"<title>{escape(name)}</title>"
        + "".join(petals)
        + f'<circle cx="100" cy="100" r="64" fill="{colour}"/>'
        '<circle cx="100" cy="100" r="54" fill="none" stroke="#ffffff" stroke-width="3"/>'
        f'<text x="100" y="114" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" '
        f'font-size="40" font-weight="bold" fill="#ffffff">{label}</text>'
        "</svg>"
    )
    return svg.encode("utf-8")


_HEX_COLOUR = re.compile(rb'fill="(#[0-9a-fA-F]{6})"')
DEFAULT_COLOUR = "#0065bd"


def _badge_image_bytes(badge: Badge) -> bytes | None:
    if not badge.image:
        return None
    try:
        with badge.image.open("rb") as handle:
            data: bytes = handle.read(10 * 1024 * 1024 + 1)
    except OSError:
        return None
    return data


def _is_svg(data: bytes) -> bool:
    head = data[:512].lstrip().lower()
    return head.startswith((b"<?xml", b"<svg", b"<!--"))


def badge_svg(badge: Badge) -> bytes:
    """The badge's own SVG, or a generated rosette when it only has a PNG (or nothing)."""
    data = _badge_image_bytes(badge)
    if data and _is_svg(data):
        return data
    return rosette_svg(badge.name, DEFAULT_COLOUR)


def badge_png(badge: Badge) -> bytes:
    """The badge's own PNG; if it has only an SVG, a generated PNG carrier (no SVG rasteriser
    is installed: cairosvg needs libcairo, WeasyPrint no longer writes PNG): a circle in the
    SVG's first fill colour with the badge's initials (ADR 0003)."""
    data = _badge_image_bytes(badge)
    if data and data.startswith(b"\x89PNG\r\n\x1a\n"):
        return data
    colour = DEFAULT_COLOUR
    if data:
        found = _HEX_COLOUR.search(data)
        if found:
            colour = found.group(1).decode("ascii")
    return _generated_png(badge.name, colour)


def _generated_png(name: str, colour: str) -> bytes:
    size = 400
    image = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, size - 8, size - 8), fill=colour)
    draw.ellipse((36, 36, size - 36, size - 36), outline="#ffffff", width=6)
    font = ImageFont.load_default(size=120)
    draw.text((size / 2, size / 2), initials(name), fill="#ffffff", font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
