"""Fails when the branch coverage of a package falls below its floor (STYLE point 18).

Reads the coverage data of a test run (``bin/test --cov=rosette --cov-branch --cov-report=``,
as .ci/run does) and the floors in pyproject.toml, ``[tool.rosette.coverage-floors]``. A floor
is where coverage stood when it was set, rounded down: raise it as coverage rises, never lower it.

Usage: bin/coverage-floors [--data-file PATH]  (runs this file with the project's Python)
"""

from __future__ import annotations

import argparse
import io
import sys
import tomllib
from pathlib import Path

import coverage

ROOT = Path(__file__).resolve().parent.parent


def floors(pyproject: Path = ROOT / "pyproject.toml") -> dict[str, float]:
    with pyproject.open("rb") as handle:
        table = tomllib.load(handle)["tool"]["rosette"]["coverage-floors"]
    return {str(package): float(floor) for package, floor in table.items()}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-file", default=str(ROOT / ".coverage"))
    args = parser.parse_args(argv)
    if not Path(args.data_file).exists():
        print(f"No coverage data at {args.data_file}: run the tests with --cov first.")
        return 2

    cov = coverage.Coverage(data_file=args.data_file, config_file=str(ROOT / "pyproject.toml"))
    cov.load()
    below = []
    for package, floor in floors().items():
        try:
            total = cov.report(include=[f"{ROOT / package}/*"], file=io.StringIO())
        except coverage.exceptions.NoDataError:
            total = 0.0
        ok = total >= floor
        verdict = "ok" if ok else "BELOW"
        print(f"{package:<24} {total:6.2f}% branch coverage (floor {floor:g}%) {verdict}")
        if not ok:
            below.append(package)
    if below:
        print("Below the floor: " + ", ".join(below) + ". Add tests for what is not covered:")
        print("  .venv/bin/coverage report --show-missing --include='<package>/*'")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
