"""Build bench/data/privacy_tuning.jsonl from the hand-written sources in bench/data/tuning/.

Each source file holds statements separated by lines ``=== <style>``; identifiers are marked
inline as ``[[text|LABEL]]``. A statement with no marks is clean. Output lines have the format
of shared/pii/dev.jsonl: ``{"id", "text", "spans", "identifying", "meta"}``.

Usage (from the repository root)::

    .venv/bin/python bench/data/build_tuning.py
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "tuning"
OUT = HERE / "privacy_tuning.jsonl"
LABELS = frozenset(
    {
        "PERSON", "EMAIL", "PHONE", "POSTCODE", "ADDRESS", "DATE_OF_BIRTH", "AGE", "CHI",
        "NHS_NUMBER", "NI_NUMBER", "SOCIAL_MEDIA", "VEHICLE_REG", "WORKPLACE",
    }
)  # fmt: skip
_MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")


def parse(source: str) -> tuple[str, list[dict[str, int | str]]]:
    """Strip the marks from one statement; return its text and labelled spans."""
    text, spans, pos = [], [], 0
    length = 0
    for m in _MARK.finditer(source):
        before = source[pos : m.start()]
        text.append(before)
        length += len(before)
        label = m.group(2)
        if label not in LABELS:
            raise ValueError(f"unknown label {label!r} in {source[:60]!r}")
        spans.append({"start": length, "end": length + len(m.group(1)), "label": label})
        text.append(m.group(1))
        length += len(m.group(1))
        pos = m.end()
    text.append(source[pos:])
    joined = "".join(text)
    if "[[" in joined or "]]" in joined:
        raise ValueError(f"unbalanced mark in {source[:60]!r}")
    return joined, spans


def statements() -> list[tuple[str, str, str]]:
    """(file stem, style, marked statement) for every statement, files in name order."""
    out = []
    for path in sorted(SOURCES.glob("*.txt")):
        style, lines = "", list[str]()
        for line in [*path.read_text().splitlines(), "=== end"]:
            if line.startswith("=== "):
                body = "\n".join(lines).strip()
                if body:
                    out.append((path.stem, style, body))
                style, lines = line[4:].strip(), []
            else:
                lines.append(line)
    return out


def main() -> int:
    rows: list[dict[str, object]] = []
    identifying = 0
    for n, (stem, style, marked) in enumerate(statements()):
        text, spans = parse(marked)
        identifying += bool(spans)
        rows.append({
            "id": f"tun-{n:04d}", "text": text, "spans": spans, "identifying": bool(spans),
            "meta": {"style": style, "source": f"tuning/{stem}",
                     "labels": sorted({str(s["label"]) for s in spans})},
        })  # fmt: skip
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    print(f"{OUT.name}: {len(rows)} statements ({identifying} identifying, "
          f"{len(rows) - identifying} clean)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
