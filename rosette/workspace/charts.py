"""Bar charts drawn on the server as SVG: no JavaScript, and always beside a table of the same
figures (the chart is an image with a title and a description; the table is what a screen
reader reads and what the CSV holds)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rosette.assessment.reports import Bar

WIDTH = 600  # the viewBox's width; the SVG scales to the column it is in
LABEL_WIDTH = 200
ROW_HEIGHT = 24


@dataclass(frozen=True)
class DrawnBar:
    label: str
    text: str
    y: int
    width: int
    text_x: int
    text_y: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    label_width: int
    bars: list[DrawnBar]

    @property
    def is_empty(self) -> bool:
        return not self.bars


def _trim(label: str, limit: int = 28) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(bars: Sequence[Bar], *, scale: float | None = None) -> Chart:
    """Horizontal bars, one a row, each labelled with its value."""
    room = WIDTH - LABEL_WIDTH - 60
    top = scale or max((b.value for b in bars), default=0) or 1
    drawn = []
    for n, bar in enumerate(bars):
        length = round(room * min(bar.value, top) / top)
        y = n * ROW_HEIGHT + 4
        drawn.append(
            DrawnBar(
                label=_trim(bar.label),
                text=bar.text or f"{bar.value:g}",
                y=y,
                width=length,
                text_x=LABEL_WIDTH + length + 6,
                text_y=y + 12,
            )
        )
    return Chart(
        width=WIDTH,
        height=max(len(drawn), 1) * ROW_HEIGHT + 8,
        label_width=LABEL_WIDTH,
        bars=drawn,
    )
