"""Build ``privacy_heldout.jsonl`` from the hand-written sources in ``heldout/*.txt``.

Each source file holds statements separated by header lines ``=== <style>``; the statement is
everything up to the next header (surrounding blank lines trimmed). Identifying text is marked
inline as ``[[text|LABEL]]``; the marks are removed and become spans in the corpus format of
``shared/pii/dev.jsonl`` (``{"id", "text", "spans", "identifying", "meta"}``), so the same
scorer runs on both sets. Usage (from the repository root)::

    .venv/bin/python bench/data/build_heldout.py

The set is frozen: see bench/data/README.md before changing anything here or in the sources.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELS = {
    "PERSON", "EMAIL", "PHONE", "POSTCODE", "ADDRESS", "DATE_OF_BIRTH", "AGE", "CHI",
    "NHS_NUMBER", "NI_NUMBER", "SOCIAL_MEDIA", "VEHICLE_REG", "WORKPLACE",
}  # fmt: skip
ALIASES = {
    "P": "PERSON", "W": "WORKPLACE", "A": "ADDRESS", "PC": "POSTCODE", "T": "PHONE",
    "E": "EMAIL", "DOB": "DATE_OF_BIRTH", "NHS": "NHS_NUMBER", "NI": "NI_NUMBER",
    "SM": "SOCIAL_MEDIA", "VR": "VEHICLE_REG",
}  # fmt: skip
MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]", re.S)


def parse(block: str) -> tuple[str, list[dict[str, object]]]:
    """Strip the marks from one statement; return its text and spans."""
    text, spans, pos = [], [], 0
    length = 0
    for match in MARK.finditer(block):
        before = block[pos : match.start()]
        text.append(before)
        length += len(before)
        label = ALIASES.get(match.group(2), match.group(2))
        if label not in LABELS:
            raise ValueError(f"unknown label {label!r} in {block[:60]!r}")
        value = match.group(1)
        spans.append({"start": length, "end": length + len(value), "label": label})
        text.append(value)
        length += len(value)
        pos = match.end()
    text.append(block[pos:])
    joined = "".join(text)
    if "[[" in joined or "]]" in joined:
        raise ValueError(f"unclosed mark in {block[:60]!r}")
    return joined, spans


def records() -> list[dict[str, object]]:
    """Every statement of every source file, in file order."""
    out: list[dict[str, object]] = []
    for source in sorted((HERE / "heldout").glob("*.txt")):
        chunks = re.split(r"^=== *(\S+) *\n", source.read_text(encoding="utf-8"), flags=re.M)
        for style, body in zip(chunks[1::2], chunks[2::2], strict=True):
            text, spans = parse(body.strip("\n"))
            out.append({
                "id": f"ho-{len(out):04d}",
                "text": text,
                "spans": spans,
                "identifying": bool(spans),
                "meta": {
                    "style": style,
                    "source": source.name,
                    "labels": sorted({str(s["label"]) for s in spans}),
                },
            })  # fmt: skip
    return out


def main() -> int:
    """Write the corpus next to this script."""
    recs = records()
    target = HERE / "privacy_heldout.jsonl"
    with target.open("w", encoding="utf-8") as f:
        for rec in recs:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    n_id = sum(1 for r in recs if r["identifying"])
    print(f"{target.name}: {len(recs)} statements ({n_id} identifying, {len(recs) - n_id} clean)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
