"""Properties that hold for any input: no crash, offsets inside the text, determinism."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from rosette.privacy import LABELS, MAX_CHARS, TextTooLong, screen

# Text made of pieces the detectors react to, so that the properties are tested where the
# code does real work, not only on random symbols.
_PIECES = st.sampled_from(
    [
        "Mrs ", "Mr. ", "A. ", "Jamie's ", "mum ", "Grace ", "Will ", "said ", "Rowan ",
        "House ", "care home ", "12 ", "Elm Street", ", ", ". ", "\n", "07700 900123 ",
        "+44 ", "EH12 9XY ", "943 476 5919 ", "0101901232 ", "AB 12 34 56 C ", "SX25 YFU ",
        "date of birth ", "19/04/1986 ", "who is ", "45 ", "years old ", "@jo_b ",
        "facebook.com/x ", "jo@example.org ", "at ", "dot com ", "Flat 2/2, ", "with ",
        "colleague ", "the ", "Stephen ", "Hill ", "NHS ", "Lothian ", "é", "\u2019s ", "Ǆ", "İ",
    ]
)  # fmt: skip
_TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=60).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_any_text_gives_well_formed_findings_inside_the_text(text: str) -> None:
    findings = screen(text)
    previous_end = 0
    for f in findings:
        assert 0 <= f.start < f.end <= len(text)
        assert f.start >= previous_end  # in order and never overlapping
        assert f.text == text[f.start : f.end]
        assert f.label in LABELS
        assert 0.0 <= f.confidence <= 1.0
        assert f.key.startswith(f.label + ":")
        previous_end = f.end


@settings(max_examples=100, deadline=None)
@given(_TEXT)
def test_screening_is_deterministic(text: str) -> None:
    assert screen(text) == screen(text)


def test_one_megabyte_is_refused_quickly_with_a_clear_error() -> None:
    started = time.perf_counter()
    try:
        screen("x" * 1_000_000)
    except TextTooLong as error:
        assert error.length == 1_000_000
        assert str(MAX_CHARS) in str(error)
    else:  # pragma: no cover - the assertion below explains the failure
        raise AssertionError("1 MB of text was accepted")
    assert time.perf_counter() - started < 0.1


def test_worst_case_text_at_the_limit_finishes_in_bounded_time() -> None:
    # Dense capitals, digits and separators: the shapes that make patterns backtrack.
    unit = "Mr A. B 12 Cd Ef Street, 0 7 7 0 0 9 0 0 1 2 3 at b dot c 1/1/11 "
    text = (unit * (MAX_CHARS // len(unit) + 1))[:MAX_CHARS]
    started = time.perf_counter()
    screen(text)
    assert time.perf_counter() - started < 5
