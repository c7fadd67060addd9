"""Identifiers with a fixed shape: emails, phone numbers, postcodes, health and NI numbers...

Each detector is a compiled pattern plus a check in Python where the identifier has one (check
digits, valid prefixes, real dates), so that a number of the right length is not enough.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .lexicon import words


@dataclass(frozen=True, slots=True)
class Hit:
    """A span a pattern detector found, before it becomes a public Finding."""

    start: int
    end: int
    label: str
    confidence: float


# --- check digits ------------------------------------------------------------------------------


def mod11_ok(digits: str) -> bool:
    """The NHS / CHI modulus 11 check: weights 10..2 over the first nine digits."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def valid_day_month(day: int, month: int) -> bool:
    """Whether day/month could be a calendar date (29 February allowed)."""
    return 1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month - 1]


def chi_ok(digits: str) -> bool:
    """A CHI number: a DDMMYY date of birth, three digits, and a modulus 11 check digit."""
    return mod11_ok(digits) and valid_day_month(int(digits[:2]), int(digits[2:4]))


# National Insurance: first letter not D F I Q U V; second not D F I O Q U V; some pairs never
# issued; suffix A to D (HMRC NIM39110).
_NI_BAD_PAIRS = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})


def ni_ok(prefix: str, suffix: str) -> bool:
    """Whether a National Insurance prefix and suffix letter could have been issued."""
    p = prefix.upper()
    return (
        p[0] not in "DFIQUV"
        and p[1] not in "DFIOQUV"
        and p not in _NI_BAD_PAIRS
        and suffix.upper() in "ABCD"
    )


# Postcode areas in use (Royal Mail PAF), so that "XY1 2AB" is not a postcode.
POSTCODE_AREAS = words(
    """
    AB AL B BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN
    DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L
    LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA
    SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV
    YO ZE
    """
)


# --- patterns ----------------------------------------------------------------------------------

_I = re.IGNORECASE

EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
    r"\.[A-Za-z]{2,24}\b"
)
# "jo.bloggs at gmail dot com": spelled out to dodge filters, still an address.
EMAIL_SPELLED = re.compile(
    r"(?<![\w.])[A-Za-z0-9][A-Za-z0-9._-]{1,63}\s*[\[(]?\s*\bat\b\s*[\])]?\s*"
    r"[A-Za-z0-9-]{2,63}(?:\s*[\[(]?\s*\bdot\b\s*[\])]?\s*[A-Za-z]{2,6}){1,3}\b",
    _I,
)

SOCIAL_URL = re.compile(
    r"(?:https?://)?(?:(?:www|m|mobile|[a-z]{2})\.)?"
    r"(?:facebook|fb|instagram|twitter|x|tiktok|linkedin|snapchat|youtube|threads|pinterest)"
    r"\.com/[^\s<>\"'()\[\]{},;]+",
    _I,
)
# @handles, but not the domain part of an email address.
SOCIAL_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{1,29})(?<![.])\b")

# UK phone numbers: +44 / 0044 / 0, then 9-10 digits with spaces, dashes or brackets.
PHONE = re.compile(
    r"(?<![\w+])(?:\+\s?44\s?(?:\(0\)\s?)?|0044\s?|\(?0)(?:[\s\-)]*\d){9,10}(?![\d])"
)

POSTCODE = re.compile(
    r"(?<![\w])([A-Z]{1,2})(\d[A-Z\d]?)\s?(\d[ABD-HJLNP-UW-Z]{2})(?![\w])",
    _I,
)

# 10-digit health numbers, written any way: 3-3-4 (NHS style), 6-4 (CHI style), run together,
# or split anywhere else ("22 12 99 1584", "8147 982 720"), which then needs a cue nearby.
HEALTH_NUMBER = re.compile(r"(?<![\w-])\d(?:[ -]?\d){9}(?![\w-])")
_USUAL_HEALTH_SHAPE = re.compile(r"\d{10}|\d{3}([ -])\d{3}\1\d{4}|\d{6}[ -]\d{4}")
_CHI_SHAPE = re.compile(r"\d{10}|\d{6}[ -]\d{4}")
_HEALTH_CUE = re.compile(r"\b(?:chi|nhs|health|hospital|number|no)\b", _I)
_CHI_CUE = re.compile(r"\bchi\b", _I)
_NHS_CUE = re.compile(r"\bnhs\b", _I)

# National Insurance numbers: two letters, six digits, a letter A-D, with or without spaces,
# dots or hyphens anywhere between ("AB 12 34 56 C", "ab123456c", "NA-23-74-08-D").
NI_NUMBER = re.compile(r"(?<![\w])([A-Za-z]{2})((?:[ .-]?\d){6})[ .-]?([A-Da-d])(?![\w])")
_NI_CUE = re.compile(r"\b(?:ni|n\.i|nino|national insurance|insurance)\b", _I)

# Vehicle registrations: current (AB12 CDE), prefix (A123 BCD) and suffix (ABC 123D).
VEHICLE_CURRENT = re.compile(
    r"(?<![\w])([A-HJ-PR-Y][A-HJ-PR-Y])(\d{2})\s?([A-HJ-PR-Z]{3})(?![\w])"
    r"|(?<![\w])([a-hj-pr-y]{2})(\d{2})\s?([a-hj-pr-z]{3})(?![\w])"
)
VEHICLE_OLD = re.compile(
    r"(?<![\w])(?:[A-HJ-NP-Y]\d{1,3}\s?[A-Z]{3}|[A-Z]{3}\s?\d{1,3}[A-HJ-NP-Y])(?![\w])"
)
_VEHICLE_CUE = re.compile(r"registration|\breg\b|number plate|numberplate|\bcar\b|\bvan\b"
                          r"|vehicle|\btaxi\b|\bplate\b", _I)  # fmt: skip

# Street addresses: a house number, up to three capitalised words and a street type.
_STREET_TYPES = (
    r"Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Crescent|Cres|Place|Pl|Terrace|Terr|"
    r"Gardens|Gdns|Court|Ct|Way|Walk|Wynd|Close|Square|Sq|Park|Grove|View|Brae|Row|Loan|"
    r"Loaning|Vennel|Gate|Hill|Green|Circus|Parade|Quadrant|Mews|Rise|Bank|Path|Neuk|Brig|"
    r"Causeway|Boulevard|Vale|Glen|Wharf|Yard|Steps|Close|Mount|Heights|Grange|Drove|Croft|"
    r"Tce|Ter|Pk|Cl|Gdn|Gr|Gro|Av|Cr|Wy|Pde|Sq|Rw|Gait|Lade|Brae|Knowe|Haugh|Gardens"
)
_FLAT = (
    r"(?:(?:[Ff]lat|[Aa]partment|[Aa]pt|[Uu]nit)\s+[\dA-Za-z]{1,4}(?:/\d{1,3})?,?\s+"
    r"|\d{1,2}F\d{1,2},?\s+)"
)
_CAP = r"[A-Z][a-z]+(?:['\u2019-][A-Za-z][a-z]+)?"
_TOWN = rf"(?:,\s+(?!(?:and|but|on|which|who|in|so)\b){_CAP}(?:\s{_CAP})?(?=[\s,.;:)!?]|$))?"
ADDRESS = re.compile(
    rf"{_FLAT}?(?<![\w/.£$-])\d{{1,4}}[A-Za-z]?(?:/\d{{1,3}})?,?\s+(?:{_CAP}\s+){{0,3}}"
    rf"(?:{_STREET_TYPES})\b\.?{_TOWN}"
)
# "accommodation at 38 Cowgate": a number and a name after a word that introduces an address.
ADDRESS_CUED = re.compile(
    rf"(?:\b(?:lives|living|lived|live|staying|stays|moved|move|address|accommodation|flat|"
    rf"house|home|visit(?:ed)?|at)\s+(?:at|to|is|was|in)?\s*)"
    rf"({_FLAT}?\d{{1,4}}[A-Za-z]?(?:/\d{{1,3}})?,?\s+{_CAP}(?:\s{_CAP})?{_TOWN})",
)
# "lives on Craigentinny Place", "an address on Muirend Avenue": a street where someone lives.
ADDRESS_STREET_CUED = re.compile(
    rf"\b(?:lives|living|lived|live|stays|staying|stayed|moved|address)\s+(?:on|in|to)\s+"
    rf"(?:the\s+)?((?:{_CAP}\s+){{1,2}}(?:{_STREET_TYPES}))\b"
)
# "the home on Orchard Brae", "the hostel on Kilncroft Street", "the nursery at the top of
# Kirkgate": a care setting described by its street names one workplace.
_SETTING = (
    r"(?:care\s+home|nursing\s+home|residential\s+home|children['\u2019]?s\s+(?:home|house|unit)"
    r"|home|nursery|hostel|(?:respite\s+)?unit|day\s+(?:centre|center|service|unit)"
    r"|family\s+centre|resource\s+centre|centre|(?:GP\s+|doctors['\u2019]?\s+)?surgery"
    r"|supported\s+living(?:\s+service)?|sheltered\s+housing|hub|project|service|school|club)"
)
_STREET = re.compile(
    rf"\b(?:(?:{_CAP}\s+){{1,2}}(?:{_STREET_TYPES})\b|[A-Z][a-z]+(?:gate|wynd|brae)\b)"
)
# Read backwards from a street: "the home on " / "the nursery at the top of " just before it.
_SETTING_BEFORE = re.compile(
    rf"\b(?:[Tt]he|[Aa]|[Oo]ur|[Tt]heir)\s+(?:(?:wee|small|little|new|old|local)\s+)?{_SETTING}"
    rf"(?:\s+[\w'\u2019-]+){{0,5}}?\s+(?:on|in|at|off|along|of|near)\s+(?:the\s+)?"
    rf"(?:(?:top|bottom|end|corner)\s+of\s+)?$"
)
_NOT_STREET = words(
    """
    January February March April May June July August September October November December Jan
    Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday Years Year Hours Minutes Days Weeks Months People Staff
    """
)


# --- detectors ---------------------------------------------------------------------------------


def _emails(text: str) -> Iterator[Hit]:
    if "@" in text:
        for m in EMAIL.finditer(text):
            yield Hit(m.start(), m.end(), "EMAIL", 0.97)
    lower = text.lower()
    if " at " in lower and "dot" in lower:  # the cheap test first: most texts have neither
        for m in EMAIL_SPELLED.finditer(text):
            yield Hit(m.start(), m.end(), "EMAIL", 0.85)


def _social(text: str) -> Iterator[Hit]:
    lower = text.lower()
    if ".com/" in lower:
        for m in SOCIAL_URL.finditer(text):
            url = m.group().rstrip(".!?:")
            path = url.split(".com/", 1)[1]
            if path:
                yield Hit(m.start(), m.start() + len(url), "SOCIAL_MEDIA", 0.9)
    if "@" in text:
        for m in SOCIAL_HANDLE.finditer(text):
            yield Hit(m.start(), m.end(), "SOCIAL_MEDIA", 0.75)
    if any(cue in lower for cue in _SOCIAL_CUE_WORDS):
        for m in SOCIAL_CUED.finditer(text):
            if any(ch.isdigit() or ch in "_." for ch in m.group(1)):
                yield Hit(m.start(1), m.end(1), "SOCIAL_MEDIA", 0.7)


# A handle written without "@" straight after the service it is on: "his Snapchat
# (kaiden.b2010)", "gamertag: Sniper_Kai". It must look like a handle (a digit, "_" or ".").
SOCIAL_CUED = re.compile(
    r"\b(?:snapchat|snap|insta(?:gram)?|tiktok|twitter|xbox|psn|discord|roblox|steam|"
    r"gamertag|gamer\s+tag|username|user\s+name|handle|gaming\s+names?|online\s+name)\b"
    r"(?:\s+(?:is|was|name|names|handle|account|id)\b)*\s*[:(,-]?\s*"
    r"([A-Za-z][\w.]{2,29}(?<![.]))",
    _I,
)
_SOCIAL_CUE_WORDS = (
    "snap", "insta", "tiktok", "twitter", "xbox", "psn", "discord", "roblox", "steam", "gamer",
    "user", "handle", "gaming", "online name",
)  # fmt: skip
_NON_DIGIT = re.compile(r"\D")


def _phones(text: str) -> Iterator[Hit]:
    for m in PHONE.finditer(text):
        raw = m.group().replace("(0)", "")
        digits = _NON_DIGIT.sub("", raw)
        if raw.startswith("+"):
            national = digits[2:]
        elif digits.startswith("0044"):
            national = digits[4:]
        else:
            national = digits[1:]
        if len(national) != 10 or national[0] not in "127":
            # 03, 08 and 09 numbers are helplines, public services and businesses, which
            # learners are right to mention; only mobiles and geographic lines point to a person.
            continue
        yield Hit(m.start(), m.end(), "PHONE", 0.9 if national[0] == "7" else 0.8)


def _postcodes(text: str) -> Iterator[Hit]:
    for m in POSTCODE.finditer(text):
        area, district, inward = m.group(1), m.group(2), m.group(3)
        if area.upper() not in POSTCODE_AREAS:
            continue
        letters = area + district + inward
        if not (letters.isupper() or letters.islower() or letters.upper() == letters):
            continue  # "Eh1 1aa" mixed case is a word, not a postcode
        spaced = " " in m.group()
        yield Hit(m.start(), m.end(), "POSTCODE", 0.9 if spaced else 0.8)


def _health_numbers(text: str) -> Iterator[Hit]:
    for m in HEALTH_NUMBER.finditer(text):
        digits = _NON_DIGIT.sub("", m.group())
        if not mod11_ok(digits):
            continue
        before = text[max(0, m.start() - 60) : m.start()]
        if not _USUAL_HEALTH_SHAPE.fullmatch(m.group()) and not _HEALTH_CUE.search(before):
            continue  # digits grouped oddly with nothing about health or numbers nearby
        if _CHI_CUE.search(before) and chi_ok(digits):
            yield Hit(m.start(), m.end(), "CHI", 0.95)
        elif _NHS_CUE.search(before):
            yield Hit(m.start(), m.end(), "NHS_NUMBER", 0.95)
        elif chi_ok(digits) and _CHI_SHAPE.fullmatch(m.group()):
            yield Hit(m.start(), m.end(), "CHI", 0.8)
        else:
            yield Hit(m.start(), m.end(), "NHS_NUMBER", 0.8)


def _ni_numbers(text: str) -> Iterator[Hit]:
    for m in NI_NUMBER.finditer(text):
        found = m.group()
        if not ni_ok(m.group(1), m.group(3)):
            continue
        plain = found.isupper() or (found.islower() and " " not in found)
        if plain or _NI_CUE.search(text, max(0, m.start() - 60), m.start()):
            yield Hit(m.start(), m.end(), "NI_NUMBER", 0.9)


def _vehicles(text: str) -> Iterator[Hit]:
    for m in VEHICLE_CURRENT.finditer(text):
        age = int(m.group(2) or m.group(5))
        # Age identifiers: 02-29 (March) and 51-79 (September) cover 2001 to 2029.
        if not (2 <= age <= 29 or 51 <= age <= 79):
            continue
        cued = bool(_VEHICLE_CUE.search(text, max(0, m.start() - 80), m.start()))
        yield Hit(m.start(), m.end(), "VEHICLE_REG", 0.9 if cued else 0.7)
    for m in VEHICLE_OLD.finditer(text):
        if _VEHICLE_CUE.search(text, max(0, m.start() - 80), m.start()):
            yield Hit(m.start(), m.end(), "VEHICLE_REG", 0.8)


def _addresses(text: str) -> Iterator[Hit]:
    for m in ADDRESS.finditer(text):
        yield Hit(m.start(), m.end(), "ADDRESS", 0.85)
    for m in ADDRESS_STREET_CUED.finditer(text):
        yield Hit(m.start(1), m.end(1), "ADDRESS", 0.7)
    for m in _STREET.finditer(text):
        setting = _SETTING_BEFORE.search(text, max(0, m.start() - 90), m.start())
        if setting:
            yield Hit(setting.start(), m.end(), "WORKPLACE", 0.7)
    for m in ADDRESS_CUED.finditer(text):
        words = re.findall(r"[A-Z][a-z]+", m.group(1))
        if words and words[0] not in _NOT_STREET:
            yield Hit(m.start(1), m.end(1), "ADDRESS", 0.7)


DETECTORS: tuple[Callable[[str], Iterator[Hit]], ...] = (
    _emails,
    _social,
    _health_numbers,
    _ni_numbers,
    _phones,
    _postcodes,
    _vehicles,
    _addresses,
)


def find_patterns(text: str) -> list[Hit]:
    """Run every fixed-shape detector over text."""
    hits: list[Hit] = []
    for detect in DETECTORS:
        hits.extend(detect(text))
    return hits
