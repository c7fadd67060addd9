"""How context decides about words the lists do not settle (issue 18), and the helpers every
app uses to show, explain and withhold findings."""

from __future__ import annotations

import pytest

from rosette.privacy import (
    REASONS,
    Finding,
    describe,
    in_context,
    lexicon,
    redact,
    screen,
    unexplained,
)


def _found(text: str) -> list[tuple[str, str]]:
    return [(f.label, f.text) for f in screen(text)]


# --- the missed cases ---------------------------------------------------------------


def test_a_strong_cue_finds_frank_whom_the_allow_list_used_to_hide() -> None:
    assert _found("Her son Frank said he was scared.") == [("PERSON", "Frank")]


def test_a_colleague_named_clare_thompson_is_found_whole() -> None:
    assert _found("My colleague Clare Thompson agreed.") == [("PERSON", "Clare Thompson")]


def test_angela_rogers_and_her_age_are_both_found() -> None:
    assert _found("I sat with Angela Rogers, who is 82.") == [
        ("PERSON", "Angela Rogers"),
        ("AGE", "82"),
    ]


def test_graham_at_the_start_of_a_sentence_is_a_person() -> None:
    assert _found("Graham was given an iPad.") == [("PERSON", "Graham")]


# --- the allow-list holds phrases, never one name ---------------------------------------------


def test_the_allow_list_holds_no_single_given_name_or_surname() -> None:
    names = lexicon.given_names() | lexicon.surnames()
    single = [p for p in lexicon.ALLOWED_PHRASES if " " not in p and "'" not in p]
    assert [p for p in single if p in names] == []


@pytest.mark.parametrize(
    "text",
    [
        "We talked about Clare's Law in supervision.",
        "I signposted him to Talk to Frank.",
        "We learned about Ask for Angela.",
        "The Robertson Trust funded the tablets.",
    ],
)
def test_phrases_on_the_allow_list_name_nobody(text: str) -> None:
    assert screen(text) == []


def test_a_relation_before_an_allowed_phrase_wins_over_it() -> None:
    assert ("PERSON", "Marie Curie") in _found("Her daughter Marie Curie visits on Sundays.")


def test_a_possessive_relation_after_an_allowed_phrase_wins_over_it() -> None:
    assert _found("Maggie's mum phoned.") == [("PERSON", "Maggie")]


# --- names nobody listed, from context and shape ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ekundayo, the young man I key-work, joined the call.", "Ekundayo"),
        ("Present: Mrs Laird, Tormod", "Tormod"),
        ("Hope and Mrs Laird joined the group.", "Hope"),
        ("My colleague Sadie May agreed.", "Sadie May"),
        ("Mrs A and her son came to the review.", "Mrs A"),
        ("told shona about it yesterday", "shona"),
        ("I sat with May on the Wednesday afternoon.", "May"),
        ("Sky, aged 15, told me about it.", "Sky"),
        ("The residents call the handyman Dod.", "Dod"),
    ],
)
def test_a_name_is_found_from_the_words_around_it(text: str, name: str) -> None:
    assert ("PERSON", name) in _found(text)


@pytest.mark.parametrize(
    "text",
    [
        "He sells Big Issue magazines outside the station.",
        "Staff on Kezia Gilfillan ward were welcoming.",
        "- Tranent\n- Huntly",
        "Pumpherston has a library. She goes there on Tuesdays.",
        "The man I support has Parkinson's, and his tremor makes typing hard.",
        "We met with May 2024 in mind.",
        "The training was at the Digital Telecare Playbook launch.",
    ],
)
def test_capitals_that_name_a_thing_are_not_people(text: str) -> None:
    assert [label for label, _text in _found(text) if label == "PERSON"] == []


# --- identifiers, ages and dates written loosely ----------------------------------------------


def test_a_date_after_two_cues_is_one_date_of_birth() -> None:
    assert _found("Her date of birth (DOB 12/3/1950) was on the form.") == [
        ("DATE_OF_BIRTH", "12/3/1950")
    ]


def test_a_date_after_a_birth_cue_in_another_sentence_is_not_a_date_of_birth() -> None:
    assert screen("The baby was born. On 12/03/2024 we met the family.") == []


@pytest.mark.parametrize(
    "text",
    [
        "I have worked here for 12 yrs.",
        "Age: 130",
        "The codes 94 34 76 59 19 were on the box.",
        "see ab 12 34 56 c above",
    ],
)
def test_numbers_that_are_not_identifiers_are_not_flagged(text: str) -> None:
    assert screen(text) == []


# --- helpers for showing, explaining and withholding findings ---------------------------------


def test_unexplained_leaves_out_what_was_explained_and_reads_nothing_in_blank_text() -> None:
    text = "Mrs Laird spoke to Kezia."
    [first, second] = unexplained(text)
    assert unexplained(text, {first.key}) == [second]
    assert unexplained("   ") == []


def test_redact_replaces_each_finding_and_keeps_the_rest() -> None:
    text = "Ask Mrs Laird or Kezia Gilfillan."
    assert redact(text, screen(text)) == "Ask […] or […]."
    assert redact(text, [], "x") == text


def test_in_context_cuts_at_spaces_and_marks_the_cuts() -> None:
    text = "We talked for a long time about the plan, and then Mrs Laird said it was fine by her."
    [finding] = screen(text)
    before, match, after = in_context(text, finding, width=20)
    assert (before, match, after) == ("…the plan, and then ", "Mrs Laird", " said it was fine…")
    assert in_context("Mrs Laird", screen("Mrs Laird")[0]) == ("", "Mrs Laird", "")


def test_in_context_shows_no_part_of_a_word_it_would_have_to_cut() -> None:
    text = "x" * 50 + " Mrs Laird " + "y" * 50
    assert in_context(text, screen(text)[0], width=10) == ("…", "Mrs Laird", "…")
    text = "x" * 20 + "KEZIA" + "y" * 20  # no space near: the window is cut where it falls
    finding = Finding(20, 25, "PERSON", 0.5, REASONS["PERSON"], "KEZIA")
    assert in_context(text, finding, width=5) == ("…xxxxx", "KEZIA", "yyyyy…")


def test_describe_gives_the_finding_in_context_and_its_reason() -> None:
    text = "As you did with Mrs Ogston last week."
    [finding] = screen(text)
    assert describe(text, finding) == (
        "As you did with “Mrs Ogston” last week. – This looks like a person's name."
    )
