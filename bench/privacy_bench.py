"""Benchmark the privacy screener on three labelled sets: accuracy by the corpus's own scorer,
speed per statement, and speed relative to a plain regex pass over the same text.

Usage (from the repository root)::

    .venv/bin/python bench/privacy_bench.py [--check] [path/to/dev.jsonl]

* The development corpus (default ``../shared/pii/dev.jsonl``; its ``score.py`` must sit
  beside it): 130 statements the rules WERE tuned on.
* The held-out set ``bench/data/privacy_heldout.jsonl`` (issue 18): 575 statements in other
  styles, written and frozen before the rules were changed, that the rules were NOT tuned on.
  Only its aggregate and per-label scores are read; see ``bench/data/README.md``.
* The tuning set ``bench/data/privacy_tuning.jsonl`` (issue 18, second pass): 816 statements
  in the same styles, written for the second pass with other names, streets and workplaces,
  that the second pass's rules WERE tuned on (its misses were read one by one). Its scores say
  how well the rules fit what they were fitted to, not how they do on unseen writing.

Prints the scorer's report for each set, then each target with its value and whether it is met
on each set (issue 18's targets, which hold on every set). Exits 1 if any target is missed.
Timings are printed, never asserted. With ``--check`` (what .ci/run uses) only the scores on
the development corpus decide the exit code: CI keeps what the rules were tuned to, while the
held-out set is reported for people to read.
"""

from __future__ import annotations

import hashlib
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rosette.privacy import screen  # noqa: E402 - needs the repository root on sys.path

HELD_OUT = ROOT / "bench" / "data" / "privacy_heldout.jsonl"
TUNING = ROOT / "bench" / "data" / "privacy_tuning.jsonl"
# The held-out set as frozen (commit 0e2e34a); a labelling fix would change it, in its own
# commit that says so (bench/data/README.md lists every change).
HELD_OUT_SHA256 = "0c85be2bd111aefc9be8cb7d7011900df5877302e2b6b43ef40a2315f25bdf63"
TUNED_ON = (
    "Which sets the rules were tuned on:\n"
    "  development corpus: tuned on (first pass; the second pass only kept its scores)\n"
    "  held-out set: never tuned on (aggregates read only)\n"
    "  tuning set: tuned on by the second pass (written for it; misses read one by one)\n"
    "  also tuned on: the statements in rosette/privacy/tests (cases.py, cases_styles.py,\n"
    "    test_second_pass.py)"
)
TARGETS = {  # metric: (minimum or maximum, bound)
    "doc_hit_recall": ("min", 0.98),
    "doc_fpr": ("max", 0.03),
    "span_precision": ("min", 0.92),
    "span_recall": ("min", 0.92),
    "person_span_recall": ("min", 0.92),
}
MEDIAN_MS_TARGET = 5.0
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


def _median_ms(func: object, texts: list[str], rounds: int = 5) -> float:
    """Median over statements of the best of several runs, in milliseconds."""
    assert callable(func)
    per_text = []
    for text in texts:
        best = float("inf")
        for _ in range(rounds):
            started = time.perf_counter()
            func(text)
            best = min(best, time.perf_counter() - started)
        per_text.append(best * 1000)
    return statistics.median(per_text)


def _score(scorer: Path, corpus: Path, name: str) -> dict[str, Any]:
    """Run the corpus's scorer on the screener's command-line adapter; return its metrics."""
    with tempfile.TemporaryDirectory() as tmp:
        metrics_path = Path(tmp) / "metrics.json"
        cmd = [
            sys.executable, str(scorer), "--gold", str(corpus), "--name", name,
            "--cmd", f"{sys.executable} -m rosette.privacy", "--cwd", str(ROOT),
            "--json", str(metrics_path),
        ]  # fmt: skip
        subprocess.run(cmd, check=True)  # noqa: S603 - our own interpreter and files
        print()
        report: dict[str, Any] = json.loads(metrics_path.read_text())
    metrics: dict[str, Any] = report["metrics"]
    metrics["person_span_recall"] = metrics["per_label"]["PERSON"]["span_recall"]
    metrics["median_ms"] = report["timing"]["median_ms"]
    return metrics


def main(argv: list[str]) -> int:
    """Run the benchmark; return the process exit code."""
    check = "--check" in argv
    paths = [a for a in argv[1:] if a != "--check"]
    dev = Path(paths[0]) if paths else ROOT.parent / "shared" / "pii" / "dev.jsonl"
    scorer = dev.parent / "score.py"
    digest = hashlib.sha256(HELD_OUT.read_bytes()).hexdigest()
    print(TUNED_ON)
    frozen = "as frozen" if digest == HELD_OUT_SHA256 else "CHANGED since it was frozen"
    print(f"held-out set: {HELD_OUT.relative_to(ROOT)} sha256 {digest[:16]}… ({frozen})\n")
    sets = {
        "development corpus (tuned on)": _score(scorer, dev, "dev (tuned on)"),
        "held-out set (not tuned on)": _score(scorer, HELD_OUT, "held-out (not tuned on)"),
        "tuning set (rules tuned on it)": _score(scorer, TUNING, "tuning set (rules tuned on it)"),
    }

    texts = [json.loads(line)["text"] for line in dev.read_text().splitlines() if line.strip()]
    screen_ms = _median_ms(screen, texts)
    regex_ms = _median_ms(lambda t: list(_EMAIL.finditer(t)), texts)
    print(
        f"in-process median per statement (development corpus): screen {screen_ms:.3f} ms, "
        f"one email regex {regex_ms:.4f} ms; ratio screen/regex {screen_ms / regex_ms:.0f}x\n"
    )

    missed = []
    print(f"{'target':<22}{'bound':>9}  " + "  ".join(f"{name:>30}" for name in sets))
    for metric, (kind, bound) in TARGETS.items():
        cells = []
        for name, metrics in sets.items():
            value = metrics[metric]
            ok = value >= bound if kind == "min" else value <= bound
            cells.append(f"{value:>7.3f} {'ok' if ok else 'MISSED':>6}")
            if not ok and (not check or name.startswith("development")):
                missed.append(f"{metric} on the {name}")
        print(f"{metric:<22}{kind + ' ' + str(bound):>9}  " + "  ".join(f"{c:>30}" for c in cells))
    cells = []
    for name, metrics in sets.items():
        ok = metrics["median_ms"] < MEDIAN_MS_TARGET
        cells.append(f"{metrics['median_ms']:>7.2f} {'ok' if ok else 'MISSED':>6}")
        if not ok and not check:
            missed.append(f"median_ms on the {name}")
    print(f"{'median ms (pipe)':<22}{'< ' + str(MEDIAN_MS_TARGET):>9}  " + "  ".join(
        f"{c:>30}" for c in cells))  # fmt: skip
    print("\nspan recall per label:")
    labels = sorted({label for m in sets.values() for label in m["per_label"]})
    for label in labels:
        cells = []
        for metrics in sets.values():
            row = metrics["per_label"].get(label)
            cells.append(f"{row['span_recall']:.3f} of {row['spans']:>3}" if row else "      –")
        print(f"  {label:<20}" + "  ".join(f"{c:>30}" for c in cells))
    if missed:
        print("\ntargets missed: " + "; ".join(missed))
        return 1
    print(
        "\nthe development corpus's scores are met" if check else "\nall targets met on every set"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
