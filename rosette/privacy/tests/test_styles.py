"""The statements of cases_styles: every identifier found, nothing found in clean text."""

from __future__ import annotations

import pytest

from rosette.privacy import screen

from .cases_styles import CLEAN, IDENTIFYING


@pytest.mark.parametrize(("text", "wanted"), IDENTIFYING)
def test_identifier_written_in_another_style_is_found(text: str, wanted: tuple[str, ...]) -> None:
    findings = screen(text)
    for sub in wanted:
        start = text.index(sub)
        end = start + len(sub)
        assert any(f.start < end and start < f.end for f in findings), (sub, findings)


@pytest.mark.parametrize("text", CLEAN)
def test_clean_statement_in_another_style_has_no_finding(text: str) -> None:
    assert screen(text) == []
