from __future__ import annotations

from rosette.assessment.diff import text_diff


def test_unchanged_text_has_no_changes() -> None:
    diff = text_diff("I learned a lot.", "I learned a lot.")
    assert not diff.changed and diff.html == "I learned a lot."


def test_changes_are_marked_with_words_and_not_colour_alone() -> None:
    diff = text_diff("I learned a lot about calls.", "I learned a great deal about video calls.")
    assert diff.changed and diff.added == 3 and diff.removed == 1
    assert '<del class="rosette-diff__del"><span class="visually-hidden">[removed: </span>lot' in (
        diff.html
    )
    assert "[added: </span>great deal" in diff.html


def test_evidence_is_escaped() -> None:
    diff = text_diff("", "<script>alert(1)</script>")
    assert "<script>" not in diff.html and "&lt;script&gt;" in diff.html
    assert diff.added == 1 and diff.removed == 0
