"""Badge artwork: a badge's own image as PNG or SVG, or a generated rosette with its initials
(for a badge that has none, the demo's badges, and the images credentials are baked into)."""

from __future__ import annotations

import io
import math
import re
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw, ImageFont

from rosette.catalogue.models import Badge


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
