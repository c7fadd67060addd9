"""Ages and dates of birth, written every way people write them.

An age counts when it is one person's ("she's 86", "a twelve-year-old", "Mr Laird, 79,", "her
100th birthday"), not a group's ("aged 18 to 65", "over-65s") or a duration ("for 12 years"). A
date counts as a date of birth only after a cue ("date of birth", "DOB", "born", "birthday"),
and then in any form: "12.07.1944", "7 jan 80", "4th Oct '52", "the ninth of November 1962",
"the 22nd of June", "March 2009", "born in 1957".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import lexicon as lx
from .patterns import Hit, valid_day_month

_I = re.IGNORECASE

# --- numbers written in words ------------------------------------------------------------------

_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = [
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen",
]  # fmt: skip
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _spelled_numbers() -> dict[str, int]:
    table = {w: i + 1 for i, w in enumerate(_UNITS)}
    table.update({w: i + 10 for i, w in enumerate(_TEENS)})
    for t, tens in enumerate(_TENS):
        table[tens] = 20 + 10 * t
        for u, unit in enumerate(_UNITS):
            table[f"{tens}-{unit}"] = table[f"{tens} {unit}"] = 21 + 10 * t + u
    table["a hundred"] = table["one hundred"] = table["hundred"] = 100
    # Scots spellings: "eighty-seeven", "seeventeen".
    table.update({w.replace("seven", "seeven"): n for w, n in table.items() if "seven" in w})
    return table


SPELLED = _spelled_numbers()
_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
for _unit, _n in list(_ORDINAL_WORDS.items())[:9]:
    _ORDINAL_WORDS[f"twenty-{_unit}"] = _ORDINAL_WORDS[f"twenty {_unit}"] = 20 + _n
_ORDINAL_WORDS["thirty-first"] = _ORDINAL_WORDS["thirty first"] = 31


def _alternation(words: list[str]) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"[\s-]") for w in sorted(words, key=len, reverse=True)
    )


_UNIT_WORDS = "|".join([*_UNITS, "seeven"])
NUMBER = (
    rf"(?:\d{{1,3}}|(?:{'|'.join(_TENS)})(?:[\s-](?:{_UNIT_WORDS}))?|{'|'.join(_TEENS)}|seeventeen"
    rf"|{_UNIT_WORDS}|(?:a\s+|one\s+)?hundred)"
)
_DAY = rf"(?:\d{{1,2}}(?:st|nd|rd|th)?|{_alternation(list(_ORDINAL_WORDS))})"


def number_value(word: str) -> int:
    """The value of a number written in digits or words ("86", "seventy-eight")."""
    if word.isdigit():
        return int(word)
    return SPELLED[re.sub(r"[\s-]+", " ", word.lower())]


def _day_value(word: str) -> int:
    digits = re.match(r"\d+", word)
    if digits:
        return int(digits.group())
    return _ORDINAL_WORDS[re.sub(r"[\s-]+", " ", word.lower())]


# --- dates of birth ----------------------------------------------------------------------------

_MONTH = (
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}
_YEAR = r"(?:\d{4}|['\u2019]\d{2}|\d{2})"
DATE = re.compile(
    r"(?<![\w/.-])(?:"
    r"(?P<d1>\d{1,2})[/.-](?P<m1>\d{1,2})[/.-](?P<y1>\d{4}|\d{2})"
    r"|(?P<y2>\d{4})-(?P<m2>\d{2})-(?P<d2>\d{2})"
    rf"|(?:the\s+)?(?P<d3>{_DAY})\s+(?:of\s+)?{_MONTH}\.?(?:,?\s+(?P<y3>{_YEAR}))?"
    rf"|{_MONTH.replace('mon>', 'mon2>')}\.?\s+(?:the\s+)?(?P<d4>{_DAY})(?:,?\s+(?P<y4>{_YEAR}))?"
    rf"|{_MONTH.replace('mon>', 'mon3>')}\.?\s+(?P<y5>\d{{4}}|['\u2019]\d{{2}})"
    r")(?![\w/-])",
    _I,
)
_DOB_CUE = re.compile(
    r"(?:date of birth|\bd\.?o\.?b\b\.?|\bborn\b|birthday|birth date)[^.\n]{0,30}$", _I
)
# "born in 1957", "b. 1948": a year alone is a date of birth only straight after the cue.
BIRTH_YEAR = re.compile(r"\b(?:born(?:\s+in)?|b\.)\s+((?:19|20)\d{2})\b", _I)


def _date_ok(g: dict[str, str | None]) -> bool:
    day_text = g["d1"] or g["d2"] or g["d3"] or g["d4"]
    month_text = g["m1"] or g["m2"]
    month_name = g["mon"] or g["mon2"] or g["mon3"]
    day = _day_value(day_text) if day_text else 1
    month = int(month_text) if month_text else _MONTHS[str(month_name)[:3].lower()]
    return valid_day_month(day, month)


_CUE_WORDS = re.compile(r"date of birth|d\.?o\.?b|born|birthday|birth date", _I)


def dates_of_birth(text: str) -> Iterator[Hit]:
    """Dates given as someone's date of birth: only the text just after a cue is read."""
    seen: set[int] = set()
    for cue in _CUE_WORDS.finditer(text):
        window_end = min(len(text), cue.end() + 90)
        for m in DATE.finditer(text, cue.end(), window_end):
            if m.start() in seen or not _date_ok(m.groupdict()):
                continue
            if _DOB_CUE.search(text, max(0, m.start() - 60), m.start()):
                seen.add(m.start())
                yield Hit(m.start(), m.end(), "DATE_OF_BIRTH", 0.9)
    for m in BIRTH_YEAR.finditer(text):
        yield Hit(m.start(1), m.end(1), "DATE_OF_BIRTH", 0.75)


# --- ages ------------------------------------------------------------------------------------

_NOT_A_UNIT = (
    r"(?!\s*(?:%|percent|per\b|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|yrs?|"
    r"miles?|km|metres?|meters?|feet|foot|ft|inch(?:es)?|stone|kg|times|pounds?|p\b|pence|"
    r"people|staff|out of|or\s+\d|to\s+\d|and\s+\d|-|\u2013|/|:|\.\d|,\d|\d|am\b|pm\b|"
    r"o'clock|points?|steps?|words?|items?|beds?|questions?|residents?|of\s+(?:the|us|them)))"
)
# "57 years old", "a 14-year-old", "a twelve-year-old", "8 weeks old".
AGE_OLD = re.compile(
    rf"(?<![\w.,])({NUMBER})(?:\s*|-)(?:years?|yrs?|yr|weeks?|months?)(?:\s*|-)(?:old|young)\b", _I
)
# Short forms: "83 yrs", "14y", "15yo", "14 y/o", "6 yr".
AGE_SHORT = re.compile(
    r"(?<![\w.,£$])(\d{1,3})\s?(?:yrs?|y/o|y\.o\.?|yo|y)(?![\w/])(?!\s+(?:ago|of|experience|service))",
    _I,
)
_DURATION_BEFORE = re.compile(r"\b(?:for|over|past|last|in|about|around|than|every)\s+$", _I)
# "who is 42", "He's 86", "she turned 18", "aged 13", "now 101", "nearly 90", "age 17".
AGE_CLAUSE = re.compile(
    r"(?:\b(?:is|was|turned|turns|turning|aged|age|reached|now|will\s+be|would\s+be)"
    r"|['\u2019](?:s|ll\s+be))\s+"
    r"(?:(?:now|only|just|nearly|almost|about|around|barely|over|under)\s+)?"
    rf"({NUMBER})\b{_NOT_A_UNIT}",
    _I,
)
_PERSON_NOUN = re.compile(
    r"\b(?:he|she|they|who|client|lady|gentleman|gent|man|woman|person|boy|girl|resident|tenant|"
    r"son|daughter|mum|mother|dad|father|brother|sister|child|baby|grandson|granddaughter|"
    r"grandmother|grandfather|gran|granny|grandad|husband|wife|partner|patient|learner|"
    r"pupil|student|individual|adult|teenager|young person|service user|neighbour|friend)\b"
    r"[^.!?\n]{0,40}$",
    _I,
)
# A capitalised word (a name) right before the verb: "Jamie is 14", "Lorraine, who is".
_NAME_BEFORE = re.compile(
    r"\b(?!(?:The|This|That|It|There|Which|What|Everything|Nothing|All|Each|One|Our|My|Her|"
    r"His|Their|Age|Score|Rating|Room|Code|Level|Section|Standard|Unit|Version)\b)"
    r"[A-Z][a-z]+,?\s+$"
)
# "aged 13" of one person, unless of a group: "children aged 5 to 12", "people aged 16".
_GROUP_BEFORE = re.compile(
    r"\b(?:people|persons|children|adults|men|women|pupils|those|anyone|everyone|users|"
    r"carers|groups?|young people|residents|between|from|over|under)\s+(?:who\s+are\s+)?$",
    _I,
)
_RANGE_AFTER = re.compile(r"\s*(?:to|-|\u2013|and|or)\s*\d|\s*(?:and\s+)?(?:over|under|up)\b", _I)
# "Her husband, 88, is", "My client (67)", "Mr Laird, 79,": a number set off by commas or
# brackets, straight after a person (read backwards from the number).
AGE_APPOSITION = re.compile(rf"(?:,|\()\s*({NUMBER})(?:\s*(?:yrs?|years?))?\s*(?:,|\))", _I)
_PERSON_BEFORE = re.compile(
    r"(?:\b(?:client|lady|gentleman|man|woman|person|boy|girl|resident|tenant|son|daughter|"
    r"mum|mother|dad|father|brother|sister|child|grandson|granddaughter|grandmother|"
    r"grandfather|husband|wife|partner|patient|teenager|neighbour|friend)"
    r"|\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z][\w'-]+)\s*$",
    _I,
)
# "Isidore, 79, lives alone": a name before the commas, not a month, a day or a heading.
_NAME_BEFORE_COMMA = re.compile(
    r"\b(?!(?:The|This|That|It|There|Section|Part|Step|Chapter|Page|Room|Unit|Level|Week|"
    r"Year|Table|Figure|Flat|No|Number|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday|January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b)[A-Z][a-z]+$"
)
_NAME_KINDS = frozenset({lx.GIVEN, lx.SURNAME, lx.AMBIGUOUS, lx.UNKNOWN})


def _name_before_comma(text: str, end: int) -> bool:
    """Whether a word shaped like a name, not a place, ends right at ``end``."""
    m = _NAME_BEFORE_COMMA.search(text, max(0, end - 30), end)
    return m is not None and lx.kind(m.group()) in _NAME_KINDS and m.group() not in lx.places()


# "a gentleman of 94", "At sixteen he...", "her 100th birthday".
AGE_OF = re.compile(
    rf"\b(?:lady|gentleman|man|woman|boy|girl|person)\s+of\s+({NUMBER})\b{_NOT_A_UNIT}", _I
)
# "My client (male, 45)", "(45, female)", "(F, 82)": a sex and an age in brackets.
AGE_SEX = re.compile(
    r"\((?:(?:male|female|m|f)\s*,\s*(\d{1,3})|(\d{1,3})\s*,\s*(?:male|female|m|f))\)", _I
)
AGE_AT = re.compile(rf"\bAt\s+({NUMBER}),?\s+(?:he|she|they)\b", _I)
AGE_BIRTHDAY = re.compile(
    r"\b(\d{1,3}(?:st|nd|rd|th)\s+birthday|(?<=in (?:his|her) )\d{1,3}(?:st|nd|rd|th)\s+year)\b",
    _I,
)
# "Age: 79" on a line of notes.
AGE_LABEL = re.compile(r"^[ \t]*age[ \t]*[:\-][ \t]*(\d{1,3})\b", _I | re.M)
# Things that have ages too: "the tablet was 6 years old", "a 10-year-old laptop".
_THING = (
    r"(?:tablet|laptop|phone|mobile|computer|pc|device|tv|television|car|van|building|house|"
    r"boiler|router|system|policy|scheme|service|project|printer|console|kettle|fridge|sofa)"
)
_THING_BEFORE = re.compile(rf"\b{_THING}s?\s+(?:was|is|were|are)\s+(?:about\s+)?$", _I)
_THING_AFTER = re.compile(rf"\s+{_THING}s?\b", _I)


def _age_ok(word: str) -> bool:
    return 1 <= number_value(word) <= 120


def ages(text: str) -> Iterator[Hit]:
    """Stated ages of one person."""
    lowered = text.lower()
    for m in AGE_OLD.finditer(text) if "old" in lowered or "young" in lowered else ():
        if (
            _age_ok(m.group(1))
            and not _GROUP_BEFORE.search(text, max(0, m.start() - 30), m.start())
            and not _THING_BEFORE.search(text, max(0, m.start() - 30), m.start())
            and not _THING_AFTER.match(text, m.end())
        ):
            yield Hit(m.start(), m.end(), "AGE", 0.8)
    for m in AGE_SHORT.finditer(text):
        if _age_ok(m.group(1)) and not _DURATION_BEFORE.search(text, max(0, m.start() - 12),
                                                               m.start()):  # fmt: skip
            yield Hit(m.start(), m.end(), "AGE", 0.7)
    for m in AGE_CLAUSE.finditer(text):
        if not _age_ok(m.group(1)):
            continue
        head = m.group().lower()
        before = max(0, m.start() - 48)
        if head.startswith(("aged", "age")):
            if _GROUP_BEFORE.search(text, max(0, m.start() - 30), m.start()) or _RANGE_AFTER.match(
                text, m.end()
            ):
                continue
        elif not (
            _PERSON_NOUN.search(text, before, m.start())
            or _NAME_BEFORE.search(text, before, m.start())
        ):
            continue
        yield Hit(m.start(1), m.end(1), "AGE", 0.7)
    for m in AGE_APPOSITION.finditer(text):
        if _age_ok(m.group(1)) and (
            _PERSON_BEFORE.search(text, max(0, m.start() - 40), m.start())
            or (m.group().startswith(",") and _name_before_comma(text, m.start()))
        ):
            yield Hit(m.start(1), m.end(1), "AGE", 0.7)
    for pattern in (AGE_OF, AGE_AT, AGE_LABEL):
        for m in pattern.finditer(text):
            if _age_ok(m.group(1)):
                yield Hit(m.start(1), m.end(1), "AGE", 0.7)
    for m in AGE_SEX.finditer(text):
        group = 1 if m.group(1) else 2
        if _age_ok(m.group(group)):
            yield Hit(m.start(group), m.end(group), "AGE", 0.7)
    for m in AGE_BIRTHDAY.finditer(text):
        yield Hit(m.start(1), m.end(1), "AGE", 0.6)
