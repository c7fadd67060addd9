"""Command-line adapter: JSONL ``{"id", "text"}`` on stdin, ``{"id", "spans"}`` on stdout.

This is the interface ``pii/score.py`` drives: one output line per input line, flushed at once.
Usage: ``python -m rosette.privacy < in.jsonl > out.jsonl``.
"""

from __future__ import annotations

import json
import sys
from typing import TextIO

from .screener import screen


def run(stdin: TextIO, stdout: TextIO) -> int:
    """Screen each JSONL record from stdin and write its spans to stdout; return an exit code."""
    for line in stdin:
        if not line.strip():
            continue
        record = json.loads(line)
        spans = [
            {"start": f.start, "end": f.end, "label": f.label, "score": f.confidence}
            for f in screen(record["text"])
        ]
        stdout.write(json.dumps({"id": record["id"], "spans": spans}) + "\n")
        stdout.flush()
    return 0


if __name__ == "__main__":  # pragma: no cover - exercised through run() and the bench
    sys.exit(run(sys.stdin, sys.stdout))
