"""Issue 18, second pass: one test per class of error found on the tuning set
(bench/data/privacy_tuning.jsonl). The statements here are new ones with other names, so that a
rule passes them only by reading the language, not by knowing the tuning set's sentences."""

from __future__ import annotations

import pytest

from rosette.privacy import screen


def _found(text: str, sub: str, label: str = "") -> bool:
    start = text.index(sub)
    end = start + len(sub)
    return any(
        f.start < end and start < f.end and (not label or f.label == label) for f in screen(text)
    )


@pytest.mark.parametrize(
    "text",
    [
        "Ah jist telt him tae stop.",
        "She phoned the polis aboot the texts.",
        "His granny disnae ken how tae use it.",
        "The wee yin wisnae happy an she wantit her phone back.",
        "Ma pal says it's hee-haw use.",
    ],
)
def test_scots_words_in_lower_case_are_not_taken_for_names(text: str) -> None:
    assert screen(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("I thought about the way I spoke to Ottoline Spreull about her savings.", "Ottoline"),
        ("On the way back I talked to Ailig about the bus app.", "Ailig"),
    ],
)
def test_someone_spoken_to_after_a_word_of_travel_is_a_person(text: str, name: str) -> None:
    assert _found(text, name, "PERSON")


@pytest.mark.parametrize(
    "text",
    [
        "Handover: all settled, nothing to report.",
        "Facilitators: two members of staff from the day team.",
        "Coordinators: see the rota on the office wall.",
        "Signposting: Citizens Advice, Age Scotland.",
    ],
)
def test_a_heading_made_of_an_ordinary_word_is_no_name(text: str) -> None:
    assert screen(text) == []


@pytest.mark.parametrize(
    ("text", "workplace"),
    [
        ("I started at Pinefield Care Home in 2019.", "Pinefield Care Home"),
        ("She moved to Glenbervie Nursing Home last year.", "Glenbervie Nursing Home"),
    ],
)
def test_a_home_named_with_a_capitalised_kind_is_a_workplace(text: str, workplace: str) -> None:
    assert _found(text, workplace, "WORKPLACE")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Me an Ossian went doon tae the library.", ("Ossian",)),
        ("Tammas an Ishabel baith came tae the cafe.", ("Tammas", "Ishabel")),
        ("Ceitidh n me are running the group on Thursday.", ("Ceitidh",)),
        ("Mhorag and me set up the new router.", ("Mhorag",)),
    ],
)
def test_names_joined_in_scots_or_beside_the_writer_are_people(
    text: str, names: tuple[str, ...]
) -> None:
    for name in names:
        assert _found(text, name, "PERSON"), name


@pytest.mark.parametrize(
    ("text", "initials"),
    [
        ("PL had a good day and went to the shops.", "PL"),
        ("MJ declined lunch but ate later.", "MJ"),
        ("KR (keyworker) to phone the school.", "KR"),
    ],
)
def test_initials_in_notes_of_someone_s_day_are_a_person(text: str, initials: str) -> None:
    assert _found(text, initials, "PERSON")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Team:\nTorcuil - lead\nMurdina - rota", ("Torcuil", "Murdina")),
        ("Key workers: Jinty (days), Cailean (nights)", ("Jinty", "Cailean")),
        (
            "Log\n09:15 - Lilias returned from the shop.\n11:40 Benedek up and dressed.",
            ("Lilias", "Benedek"),
        ),
    ],
)
def test_a_name_heading_a_line_of_notes_is_a_person(text: str, names: tuple[str, ...]) -> None:
    for name in names:
        assert _found(text, name, "PERSON"), name


def test_a_heading_over_a_line_of_notes_is_not_taken_for_a_name() -> None:
    assert screen("Actions - update the leaflet\nAgenda (draft) attached") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Kalinda is 101 today!", "Kalinda"),
        ("Jessamy turned 90 last week.", "Jessamy"),
    ],
)
def test_a_name_given_an_age_is_a_person(text: str, name: str) -> None:
    assert _found(text, name, "PERSON")


def test_a_nickname_before_the_naming_cue_is_a_person() -> None:
    text = "Dinky, as everyone calls him, loves the football on his tablet."
    assert _found(text, "Dinky", "PERSON")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ollie B was late for the class.", "Ollie B"),
        ("Kirsty M said she would come back.", "Kirsty M"),
    ],
)
def test_a_given_name_with_an_initial_for_a_surname_is_a_person(text: str, name: str) -> None:
    assert _found(text, name, "PERSON")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("aonghas was raging when the wifi went down", "aonghas"),
        ("saw ceitidh at the shop, she said the tablet works now", "ceitidh"),
        ("gonna take tammas n ishabel to the shops", "tammas"),
        ("gonna take tammas n ishabel to the shops", "ishabel"),
        ("ok so eachann n ailig are both coming thurs", "eachann"),
    ],
)
def test_an_unlisted_lower_case_name_in_a_text_message_is_a_person(text: str, name: str) -> None:
    assert _found(text, name, "PERSON")


@pytest.mark.parametrize(
    "text",
    [
        "We looked at Ofcom's report on media use.",
        "The speaker started playing Abba during the meeting.",
        "He drives a blue Corsa.",
    ],
)
def test_organisations_bands_and_cars_are_not_people(text: str) -> None:
    assert [f for f in screen(text) if f.label == "PERSON"] == []


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("He will be 88 in March and still shops online.", "88"),
        ("My client (male, 45) lost his job.", "45"),
        ("She is eighty-seeven an still daein her ain shoppin.", "eighty-seeven"),
    ],
)
def test_ages_written_loosely_are_found(text: str, age: str) -> None:
    assert _found(text, age, "AGE")


def test_a_birth_month_with_a_short_year_is_a_date_of_birth() -> None:
    text = "Born Sept '49. Enjoys gardening."
    assert _found(text, "Sept '49", "DATE_OF_BIRTH")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("thx, eachann was no bother today", "eachann"),
        ("ailig was fine after his tea", "ailig"),
        ("cant come in, ceitidh has a dentist appt at 2", "ceitidh"),
        ("Torcuil can u do the rota", "Torcuil"),
    ],
)
def test_how_someone_was_or_a_question_put_to_them_marks_a_name(text: str, name: str) -> None:
    assert _found(text, name, "PERSON")


@pytest.mark.parametrize(
    "text",
    [
        "Kahoot was fine for the quiz.",
        "Hope can you believe it is nearly Christmas.",
        "Will can you really learn this in a day?",
        "Honor and integrity are at the heart of the Codes.",
    ],
)
def test_things_and_word_names_are_not_marked_by_those_cues(text: str) -> None:
    assert screen(text) == []


def test_an_unknown_word_at_the_end_of_a_message_is_not_taken_for_a_second_name() -> None:
    assert screen("i saw zoomba and") == []


def test_honor_is_a_name_when_it_speaks() -> None:
    assert _found("Honor shouted at the screen, then laughed.", "Honor", "PERSON")


def test_an_age_given_as_the_year_of_life_is_found() -> None:
    text = "The lady is in her 99th year and reads the news."
    assert _found(text, "99th", "AGE")
    assert screen("In the 3rd year of the course we studied law.") == []


def test_a_trust_named_like_a_home_is_no_workplace() -> None:
    assert [f for f in screen("Funding came from the Pinefield Care Trust.") if f.label] == []


def test_an_age_in_brackets_with_a_sex_must_be_a_possible_age() -> None:
    assert _found("My client (female, 82) lives alone.", "82", "AGE")
    assert _found("My client (82, f) lives alone.", "82", "AGE")
    assert screen("Room 4 (male, 150) was redecorated.") == []


# --- classes found by the tuning set's second batch ---------------------------------------


def test_a_hyphenated_name_nobody_listed_is_a_person() -> None:
    assert _found("After speaking to Tearlach-Iain, I changed the plan.", "Tearlach-Iain")
    assert screen("We read about JSON-LD and the N-of-M rule.") == []


def test_names_in_a_list_of_actions_are_people() -> None:
    text = "Actions: Sorley to phone the GP; Ianthe to book the taxi."
    assert _found(text, "Sorley", "PERSON")
    assert _found(text, "Ianthe", "PERSON")


def test_a_column_of_names_under_a_heading_of_people_is_a_list_of_people() -> None:
    text = "Tenants at the meeting\nSorley\nIanthe"
    assert _found(text, "Sorley", "PERSON")
    assert _found(text, "Ianthe", "PERSON")
    assert screen("Places we visited\nAuchtertool\nKinglassie") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("sorley's phone is broken again", "sorley"),
        ("hiya ianthe, the form came thru", "ianthe"),
        ("just heard from sorley, hes fine", "sorley"),
        ("can u phone mrs balcaskie back", "balcaskie"),
    ],
)
def test_more_ways_a_lower_case_name_is_written_in_a_message(text: str, name: str) -> None:
    assert _found(text, name, "PERSON")


@pytest.mark.parametrize(
    "text",
    [
        "Carer Positive status was renewed this year.",
        "Follow-up: two weeks. Sign-off: the manager.",
        "Venue: Village Hall, Auchtertool",
        "We moved to Vodafone and bought Lenovo tablets and Doro phones.",
    ],
)
def test_headings_compounds_towns_and_brands_are_not_people(text: str) -> None:
    assert screen(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Mercy felt proud when she sent her first email.", "Mercy"),
        ("Brown, the young man I support, wants to learn coding.", "Brown"),
    ],
)
def test_virtue_names_and_colour_surnames_are_names_with_a_cue(text: str, name: str) -> None:
    assert _found(text, name, "PERSON")
    assert screen("Brown envelopes and charity shops worry some tenants.") == []


# --- classes found by the tuning set's third batch ----------------------------------------


def test_a_first_name_s_idea_is_a_person_s_but_a_theorist_s_model_is_not() -> None:
    assert _found("It was Sorcha's idea to start the group chat.", "Sorcha", "PERSON")
    assert screen("We used Maslow's hierarchy and Kitwood's ideas.") == []


def test_a_firm_named_after_its_founder_is_no_person() -> None:
    assert screen("Auchterarder's bakery and Drumgelloch's carpet factory closed.") == []


def test_a_word_name_with_a_surname_after_a_cue_is_a_person() -> None:
    text = "Our newest volunteer, Precious Ndlovu-Grant, leads the tablet club."
    assert _found(text, "Precious", "PERSON")


def test_a_given_name_and_a_place_name_surname_is_a_person() -> None:
    assert _found("I supported Morag Lockerbie to find a carers' group.", "Morag Lockerbie")
    assert screen("We drove from Moffat to Lockerbie and on to Gretna.") == []


def test_someone_who_has_been_feeling_low_is_a_person() -> None:
    assert _found("Will has been feeling low since his tablet was stolen.", "Will", "PERSON")
    assert screen("Will this be feeling like a chore? The battery has been low.") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("can someone help ruaraidh with his phone", "ruaraidh"),
        ("bringing eachann in late, dentist", "eachann"),
    ],
)
def test_a_lower_case_name_someone_is_helped_or_brought_is_a_person(text: str, name: str) -> None:
    assert _found(text, name, "PERSON")


# --- classes found by the tuning set's fourth batch ---------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Lachlann has a new phone but no passcode.", "Lachlann"),
        ("Isbister has a visual impairment, so we use large print.", "Isbister"),
        ("lachlann has lost his bus pass again", "lachlann"),
        ("isbister needs her glasses for the tablet", "isbister"),
        ("Ottoline is off today so no group.", "Ottoline"),
    ],
)
def test_a_name_at_a_sentence_start_with_what_a_person_has_or_where_they_are(
    text: str, name: str
) -> None:
    assert _found(text, name, "PERSON")


@pytest.mark.parametrize(
    "text",
    [
        "Kinglassie has poor mobile signal and no bank.",
        "Auchtertool has a library and a phone box.",
        "canva is down again, cant make the poster",
        "Strathmiglo's a bonnie wee place but the signal's mince.",
        "We travelled through Auchtertool and Gateside to the training.",
        "Vodafone has a new phone deal for tablets.",
    ],
)
def test_towns_and_apps_at_a_sentence_start_are_not_people(text: str) -> None:
    assert screen(text) == []


def test_initials_listed_with_initials_or_spoken_to_are_people() -> None:
    assert _found("MR and JT attended the session.", "MR", "PERSON")
    assert _found("Spoke to RB about privacy settings.", "RB", "PERSON")
    assert screen("Spoke to HR and told SDS about the CAB referral.") == []


def test_a_word_name_given_an_age_in_words_is_a_person() -> None:
    assert _found("Will is nineteen and lives in a supported flat.", "Will", "PERSON")


def test_the_age_of_a_gent_is_found() -> None:
    assert _found("The gent in room 6 is 91.", "91", "AGE")


# --- classes found by the tuning set's fifth batch (clean statements) ---------------------


@pytest.mark.parametrize(
    "text",
    [
        "The team covers Leven, Kennoway and Thornton.",
        "Our area takes in Kincardine, Tulliallan and Blairhall.",
        "Windygates or Kennoway, and then Markinch.",
    ],
)
def test_an_unlisted_town_listed_with_known_towns_is_a_place(text: str) -> None:
    assert screen(text) == []


def test_a_name_listed_with_a_person_is_still_a_person() -> None:
    assert _found("I met Morag and Thornton at the cafe.", "Thornton", "PERSON")
    assert _found("Thornton", "Thornton", "PERSON")


@pytest.mark.parametrize(
    "text",
    [
        "The training covered Rightmove scams and Clearpay debts.",
        "Parents find advice on Netmums.",
    ],
)
def test_an_app_named_by_a_word_and_a_brand_ending_is_no_person(text: str) -> None:
    assert screen(text) == []


def test_a_surname_made_of_words_is_still_a_name() -> None:
    assert _found("I supported Mr Proudfoot and Ailsa Whitelaw.", "Whitelaw", "PERSON")


def test_a_scholar_s_work_on_a_subject_and_a_narrator_are_no_people() -> None:
    assert screen("I read Goffman's work on stigma.") == []
    assert screen("We watched a documentary narrated by Attenborough.") == []
    assert _found("Kezia's work on the rota was excellent.", "Kezia", "PERSON")
