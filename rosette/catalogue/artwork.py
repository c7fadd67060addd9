"""Simple generated badge artwork for the demo: a rosette with the badge's initials."""

from __future__ import annotations

import math
from xml.sax.saxutils import escape


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
