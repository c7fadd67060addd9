"""Behaviour of screen() on hand-written statements and on identifiers with check digits."""

from __future__ import annotations

import pytest

from rosette.privacy import LABELS, MAX_CHARS, REASONS, Finding, TextTooLong, screen, summarise

from .cases import CLEAN, IDENTIFYING


def _found(text: str, sub: str, label: str | None = None) -> bool:
    start = text.index(sub)
    end = start + len(sub)
    return any(
        f.start < end and start < f.end and (label is None or f.label == label)
        for f in screen(text)
    )


@pytest.mark.parametrize(("text", "sub", "label"), IDENTIFYING)
def test_identifying_statement_is_flagged_with_the_right_label(
    text: str, sub: str, label: str
) -> None:
    assert _found(text, sub, label), screen(text)


@pytest.mark.parametrize("text", CLEAN)
def test_clean_statement_with_name_like_words_is_not_flagged(text: str) -> None:
    assert screen(text) == []


def test_findings_carry_offsets_text_reason_and_confidence() -> None:
    text = "I spoke to Mrs McDonald on 07700 900123."
    findings = screen(text)
    assert [f.label for f in findings] == ["PERSON", "PHONE"]
    for f in findings:
        assert text[f.start : f.end] == f.text
        assert f.reason == REASONS[f.label]
        assert 0 < f.confidence <= 1


def test_every_label_has_a_plain_english_reason() -> None:
    assert set(REASONS) == set(LABELS)
    assert all(reason.startswith("This ") for reason in REASONS.values())


def test_finding_key_survives_edits_that_move_offsets() -> None:
    before = screen("I spoke to Mrs McDonald.")[0]
    after = screen("Yesterday afternoon I spoke to Mrs McDONALD again.")[0]
    assert before.start != after.start
    assert before.key == after.key == "PERSON:mrs mcdonald"


def test_finding_is_frozen() -> None:
    finding = Finding(0, 3, "PERSON", 0.9, REASONS["PERSON"], "Ann")
    with pytest.raises(AttributeError):
        finding.start = 1  # type: ignore[misc]


def test_summarise_counts_findings_per_label_in_label_order() -> None:
    findings = screen("Kirsty texted Jo on 07700 900123 and Kirsty's mum rang 07700 900456.")
    assert summarise(findings) == {"PERSON": 3, "PHONE": 2}
    assert summarise([]) == {}


def test_text_longer_than_max_chars_is_refused() -> None:
    with pytest.raises(TextTooLong, match="at most 100000"):
        screen("a" * (MAX_CHARS + 1))


def test_text_of_exactly_max_chars_is_screened() -> None:
    assert screen(("I support people online. " * 5000)[:MAX_CHARS]) == []


def test_overlapping_candidates_resolve_to_one_finding() -> None:
    # The CHI number is also digits a phone pattern could start on; the CHI wins.
    findings = screen("The hospital letter gave her CHI as 0101901232.")
    assert [(f.label, f.text) for f in findings] == [("CHI", "0101901232")]


# --- health and National Insurance numbers: validated, not just pattern-matched --------------


def test_nhs_number_with_good_check_digit_is_flagged() -> None:
    assert _found("His NHS number is 943 476 5919.", "943 476 5919", "NHS_NUMBER")


def test_nhs_number_with_bad_check_digit_is_not_flagged() -> None:
    assert screen("His NHS number is 943 476 5918.") == []


def test_ten_digits_whose_check_digit_would_be_ten_are_not_flagged() -> None:
    # 123456789x: weighted sum 210, remainder 1, check 10 - never issued.
    assert screen("The reference was 1234567890 on the form.") == []


def test_chi_number_with_bad_check_digit_is_not_flagged() -> None:
    assert screen("Her CHI is 0101901233.") == []


def test_chi_number_with_an_impossible_date_is_an_nhs_number_at_most() -> None:
    # 3213... passes modulus 11 but 32 is no day of the month, so it cannot be a CHI.
    digits = "3213001236"
    from rosette.privacy.patterns import chi_ok, mod11_ok

    assert mod11_ok(digits) and not chi_ok(digits)
    labels = [f.label for f in screen(f"Her CHI is {digits}.")]
    assert labels == ["NHS_NUMBER"]


def test_chi_number_split_after_the_date_is_flagged() -> None:
    assert _found("CHI: 311299-4566", "311299-4566", "CHI")


def test_compact_valid_number_with_a_date_and_no_context_reads_as_chi() -> None:
    assert [f.label for f in screen("Reference 2503870015 was used.")] == ["CHI"]


def test_valid_number_without_a_date_or_context_reads_as_nhs_number() -> None:
    assert [f.label for f in screen("Reference 943 476 5919 was used.")] == ["NHS_NUMBER"]


def test_chi_split_with_bad_check_digit_is_not_flagged() -> None:
    assert screen("CHI: 311299-4567") == []


@pytest.mark.parametrize("number", ["QQ 12 34 56 C", "AB123456E", "GB123456A", "AO123456A"])
def test_national_insurance_number_with_invalid_letters_is_not_flagged(number: str) -> None:
    assert screen(f"His NI number is {number}.") == []


def test_lower_case_national_insurance_number_is_flagged() -> None:
    assert _found("ni number jk123456c on file", "jk123456c", "NI_NUMBER")


# --- phones, postcodes, vehicles, dates, ages, addresses --------------------------------------


@pytest.mark.parametrize(
    "number", ["0800 027 1234", "0808 164 6000", "0300 123 1234", "116 123", "101", "111"]
)
def test_helpline_and_public_service_numbers_are_not_flagged(number: str) -> None:
    assert screen(f"You can call {number} for advice.") == []


@pytest.mark.parametrize("number", ["07852 046603", "+447852046603", "0044 7852 046603"])
def test_uk_mobile_numbers_in_any_format_are_flagged(number: str) -> None:
    assert _found(f"Text her on {number} tonight.", number, "PHONE")


def test_number_too_short_for_a_phone_is_not_flagged() -> None:
    assert screen("Call 0131 496 000 for the office.") == []


def test_postcode_in_an_unknown_area_is_not_flagged() -> None:
    assert screen("The code XQ1 2AB was printed on the box.") == []


def test_mixed_case_postcode_lookalike_is_not_flagged() -> None:
    assert screen("The Eh1 1aB label was odd.") == []


def test_postcode_without_a_space_is_flagged() -> None:
    assert _found("near EH250JR today", "EH250JR", "POSTCODE")


def test_vehicle_registration_with_impossible_age_identifier_is_not_flagged() -> None:
    assert screen("The car had AB40 CDE on it.") == []


def test_old_style_registration_needs_a_vehicle_context() -> None:
    assert screen("Room K123 XYZ is upstairs.") == []
    assert _found("The taxi registration was ABC 123D.", "ABC 123D", "VEHICLE_REG")


def test_current_registration_without_context_is_flagged_with_less_confidence() -> None:
    [finding] = screen("I noted SX25 YFU in the log.")
    assert finding.label == "VEHICLE_REG" and finding.confidence < 0.9


def test_date_without_a_birth_cue_is_not_flagged() -> None:
    assert screen("The policy was reviewed on 12/06/2023 and again on 2024-01-05.") == []


@pytest.mark.parametrize(
    "date", ["19/04/1986", "1986-04-19", "19th April 1986", "April 19th, 1986", "19 Apr 1986"]
)
def test_date_of_birth_in_any_format_is_flagged(date: str) -> None:
    assert _found(f"His date of birth is {date}.", date, "DATE_OF_BIRTH")


@pytest.mark.parametrize("date", ["31/02/1986", "2023-13-01", "32 April 1986"])
def test_impossible_date_of_birth_is_not_flagged(date: str) -> None:
    assert screen(f"date of birth {date}") == []


def test_ages_of_groups_and_durations_are_not_flagged() -> None:
    text = "The group is for adults aged 18 to 65. The call was 45 minutes. We are 12 staff."
    assert screen(text) == []


def test_implausible_ages_are_not_flagged() -> None:
    assert screen("The man is 150 years old, he joked, and she is 0.") == []


def test_age_of_a_person_in_a_relative_clause_is_flagged() -> None:
    assert _found("The tenant, who is 67, lives alone.", "67", "AGE")


def test_address_with_flat_number_and_town_is_flagged_whole() -> None:
    text = "We wrote Flat 2/2, 76 Orchard Brae, Methil on the form."
    [finding] = screen(text)
    assert finding.label == "ADDRESS"
    assert finding.text == "Flat 2/2, 76 Orchard Brae, Methil"


def test_address_without_street_type_after_a_cue_is_flagged() -> None:
    assert _found("He was moved to accommodation at 38 Cowgate last week.", "38 Cowgate")


def test_a_number_and_a_month_after_a_cue_is_not_an_address() -> None:
    assert screen("The visit at 10 June went well.") == []


def test_spelled_out_email_is_flagged() -> None:
    assert _found("write to reide at hotmail dot com", "reide at hotmail dot com", "EMAIL")


def test_bare_social_media_site_without_a_profile_is_not_flagged() -> None:
    assert screen("We looked at facebook.com/. Then at x.com/ too.") == []


def test_social_media_link_keeps_trailing_punctuation_out() -> None:
    [finding] = screen("Her page is facebook.com/jo.bloggs.")
    assert finding.text == "facebook.com/jo.bloggs"


def test_check_digit_arithmetic_handles_zero_and_wrong_lengths() -> None:
    from rosette.privacy.patterns import mod11_ok

    assert mod11_ok("4012345680")  # remainder 0 gives check digit 0
    assert not mod11_ok("401234568")
    assert not mod11_ok("40123456x0")


def test_a_number_after_is_without_a_person_is_not_an_age() -> None:
    assert screen("The score is 7 today and the room is 4 metres wide.") == []


def test_a_named_person_is_then_their_age() -> None:
    assert _found("Kirsty is 14 and loves drawing.", "14", "AGE")
