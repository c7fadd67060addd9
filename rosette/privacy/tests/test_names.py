"""Names are the hard part: people named in passing, and words that only look like names."""

from __future__ import annotations

import pytest

from rosette.privacy import screen


def _people(text: str) -> list[str]:
    return [f.text for f in screen(text) if f.label == "PERSON"]


def test_every_mention_of_a_confirmed_name_is_flagged() -> None:
    text = "I met Stephen Hill. Later, the staff told Stephen about the change."
    assert _people(text) == ["Stephen Hill", "Stephen"]


def test_name_after_a_determiner_is_a_thing_not_a_person() -> None:
    assert _people("We used the Grace app and a Rose template.") == []


def test_place_name_after_a_locative_is_not_a_person() -> None:
    assert _people("Our team in Angus meets monthly.") == []


def test_place_name_that_is_also_a_given_name_with_a_strong_cue_is_a_person() -> None:
    assert _people("I spoke with my colleague Angus about it.") == ["Angus"]


def test_ambiguous_name_with_only_a_weak_cue_at_a_sentence_start_is_not_flagged() -> None:
    assert _people("Hope is what keeps us going.") == []


def test_ambiguous_name_with_a_weak_cue_mid_sentence_is_flagged_with_low_confidence() -> None:
    [finding] = screen("I worked through the settings with Holly on the tablet.")
    assert finding.text == "Holly" and finding.confidence < 0.6


def test_unknown_name_introduced_by_a_relation_is_flagged() -> None:
    assert _people("Her grandson Xander visits on Sundays.") == ["Xander"]


def test_unknown_name_with_a_possessive_relation_is_flagged() -> None:
    assert _people("Xander's mum phoned the office.") == ["Xander"]


def test_given_name_alone_on_a_signature_line_is_flagged() -> None:
    assert _people("Thanks for reading.\n\nLeanne") == ["Leanne"]


def test_sentence_initial_given_name_followed_by_a_verb_is_flagged() -> None:
    assert _people("Irene disclosed that she was scared.") == ["Irene"]


def test_title_followed_by_an_initial_and_surname_is_one_person() -> None:
    assert _people("I wrote to Mrs A. Boyle yesterday.") == ["Mrs A. Boyle"]


def test_initial_and_surname_at_a_sentence_start_is_a_person() -> None:
    assert _people("A. Boyle had been spending money online.") == ["A. Boyle"]


def test_initial_not_followed_by_a_surname_is_not_a_person() -> None:
    assert _people("Plan A. Everyone agreed.") == []


def test_title_with_nothing_name_like_after_it_is_not_a_person() -> None:
    assert _people("I said to Mr. this is fine, and saw Dr January.") == []


def test_weak_title_needs_a_known_name_after_it() -> None:
    assert _people("Father Christmas visited and Doctor Who was on.") == []
    assert _people("Father Brendan visited.") == ["Father Brendan"]


def test_title_with_an_initial_alone_is_a_person() -> None:
    # Notes often name people this way to be discreet; in a small service it still identifies.
    assert _people("Mrs B. was mentioned, and so was Mr T. when we spoke.") == ["Mrs B", "Mr T"]


def test_title_and_full_name_with_two_surnames() -> None:
    assert _people("Mr John Smith Jones called.") == ["Mr John Smith Jones"]


def test_given_name_and_unknown_capitalised_surname_is_a_full_name() -> None:
    assert _people("I asked Stephen Zyxwv for help.") == ["Stephen Zyxwv"]


def test_given_name_before_an_organisation_word_is_not_a_person() -> None:
    assert _people("The Stephen Council funded it.") == []


def test_name_followed_by_a_thing_noun_is_not_a_person() -> None:
    assert _people("She moved to Willow ward and joined the Iris group.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Rowan House care home is where I work.",
        "Birchwood care home is where I work.",
        "A nurse from Seaview Nursing Home joined the call.",
        "I work in Craigmount Supported Living.",
    ],
)
def test_named_small_workplace_is_flagged(text: str) -> None:
    assert [f.label for f in screen(text)] == ["WORKPLACE"]


@pytest.mark.parametrize(
    "text",
    [
        "I visited the Health Centre and the Day Centre.",
        "Companies House holds the charity's details.",
        "The Sheriff Court and the Royal Infirmary Centre are big.",
        "The Dr Gray House day centre.",
        "The Rowan Ambulance Centre is busy.",
    ],
)
def test_generic_or_public_workplaces_are_not_flagged_as_workplaces(text: str) -> None:
    assert "WORKPLACE" not in [f.label for f in screen(text)]


def test_months_and_days_are_never_people() -> None:
    assert _people("On Tuesday June and I met. In June, May said nothing.") == []


def test_given_name_with_two_surnames_is_one_person() -> None:
    assert _people("I met Stephen Hill Jones.") == ["Stephen Hill Jones"]


def test_relative_clause_after_an_ambiguous_name_is_a_strong_cue() -> None:
    assert _people("Hope, who is my neighbour, helped.") == ["Hope"]


def test_given_name_alone_in_a_question_at_a_sentence_start_is_not_flagged() -> None:
    # Nothing in the sentence says "Stephen?" is a person rather than, say, a heading.
    assert _people("Stephen? No idea.") == []
