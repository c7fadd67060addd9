"""The JSONL adapter the corpus scorer drives, and the generated name lists."""

from __future__ import annotations

import io
import json
from importlib import resources
from pathlib import Path

import faker

from rosette.privacy.__main__ import run
from rosette.privacy.data import generate_names


def test_adapter_writes_one_flushed_line_of_spans_per_record() -> None:
    stdin = io.StringIO(
        json.dumps({"id": "a", "text": "Call 07700 900123."}) + "\n\n"
        + json.dumps({"id": "b", "text": "Nothing here."}) + "\n"
    )  # fmt: skip
    stdout = io.StringIO()
    assert run(stdin, stdout) == 0
    lines = [json.loads(line) for line in stdout.getvalue().splitlines()]
    assert lines[0] == {
        "id": "a",
        "spans": [{"start": 5, "end": 17, "label": "PHONE", "score": 0.9}],
    }
    assert lines[1] == {"id": "b", "spans": []}


def _committed(name: str) -> list[str]:
    text = resources.files("rosette.privacy").joinpath("data", name).read_text("utf-8")
    return [line for line in text.splitlines() if not line.startswith("#")]


def test_name_lists_are_regenerated_exactly_from_faker(tmp_path: Path) -> None:
    given, surnames = generate_names.build()
    committed_version = (
        (resources.files("rosette.privacy").joinpath("data", "given_names.txt").read_text("utf-8"))
        .split("Faker ")[1]
        .split(" ")[0]
    )
    if committed_version == faker.VERSION:
        assert given == _committed("given_names.txt")
        assert surnames == _committed("surnames.txt")
    else:  # a newer Faker may change its lists a little, never wholesale
        assert len(set(given) & set(_committed("given_names.txt"))) > 0.9 * len(given)
    generate_names.main(tmp_path)
    assert (tmp_path / "given_names.txt").read_text("utf-8").startswith("# Generated")


def test_name_shape_check_accepts_names_and_rejects_other_tokens() -> None:
    assert generate_names.is_name("McDonald")
    assert generate_names.is_name("O'Neill")
    assert not generate_names.is_name("NHS")
    assert not generate_names.is_name("van")
    assert not generate_names.is_name("A")
    assert not generate_names.is_name("Jo2")
