"""People's names and named small workplaces.

No statistical model. Each capitalised word is first classified by the word lists alone
(``lexicon.kind``: a given name, a surname, a name that is also a word, a place, a dictionary
word, or unknown), then the words around it are read for evidence that it is a person here (a
relation or role before it, a verb of speech or feeling after it, a title, a list of people...).
Which evidence is enough depends on the kind: a given name mid-sentence is a person; "Hope" needs
a cue; "Tranent" needs a strong one. A name found with good evidence anywhere in the text makes
its other mentions count too, as a reader would take them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon as lx
from .dates import NUMBER
from .lexicon import words as _words

# A word: letters, with internal apostrophes or hyphens (O'Neill, Mary-Jane, Jamie's).
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*(?:-[^\W\d_]+)*")
_SENTENCE_BREAK = frozenset('.!?:;\n\r\u2022*•|[]{}"“”')
_POSSESSIVE = ("'s", "\u2019s")

FUNCTION_WORDS = _words(
    """
    the a an at in on to from with our my his her their this that these those when while after
    before during since today yesterday tomorrow then so but and also as if i we he she they it
    you however although though because once later next last every each both after following
    here there staff what where which who how why yes no not sometimes often usually always
    never one two three
    """
)

# Lowercase nouns that make the capitalised word before them a name of a thing or place:
# "Willow ward", "Grace period", "Douglas fir", "Down syndrome", "an Elvis fan".
THING_NOUNS = _words(
    """
    ward wards unit units room rooms wing suite lounge floor corridor house home centre court
    street road lane avenue drive park garden gardens team teams group groups class period tree
    trees fir syndrome disease method model approach cycle scale test law principle principles
    act award scheme service services project programme app day week fund trust hall building
    bus ferry line warnings warning alert alerts level levels fan fans song songs film films
    palsy protocol guidelines competence
    """
)


@dataclass(frozen=True, slots=True)
class Token:
    """One word of the text, with what the detectors ask about it."""

    start: int
    end: int
    text: str  # without a trailing possessive 's
    possessive: bool
    initial: bool  # first word of a sentence or line
    gap_before: str  # the characters between the previous word and this one
    cap: bool  # starts with a capital


@dataclass(frozen=True, slots=True)
class NameHit:
    """A span the name detectors found, before it becomes a public Finding."""

    start: int
    end: int
    label: str
    confidence: float
    reason: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the words around one capitalised word say about it."""

    strong: bool  # a relation, role or naming cue before it, speech or feeling after it...
    cued_before: bool  # the strong evidence comes before the word ("her son", "known as")
    weak: bool  # a verb or preposition that goes with people ("with", "told", "was")
    acts: bool  # a verb only people do follows ("picked", "joined", "felt")
    thing: bool  # a determiner before or a thing noun after: "the Rose Unit", "Willow ward"
    place: bool  # a locative before: "in Angus", "went to Huntly"


def tokenise(text: str) -> list[Token]:
    """Split text into words, marking sentence starts and possessives."""
    tokens: list[Token] = []
    prev_end = 0
    for m in _WORD.finditer(text):
        word = m.group()
        end = m.end()
        possessive = len(word) > 2 and word.endswith(_POSSESSIVE)
        if possessive:
            word = word[:-2]
        gap = text[prev_end : m.start()]
        initial = not tokens or any(ch in _SENTENCE_BREAK for ch in gap)
        tokens.append(Token(m.start(), end if not possessive else end - 2, word, possessive,
                            initial, gap, word[:1].isupper()))  # fmt: skip
        prev_end = end
    return tokens


def _build_phrases() -> dict[str, list[tuple[str, ...]]]:
    table: dict[str, list[tuple[str, ...]]] = {}
    for phrase in (*lx.ALLOWED_PHRASES, *lx.FAMOUS_PEOPLE, *lx.place_phrases()):
        words = tuple(w for w in _WORD.findall(phrase))
        table.setdefault(words[0], []).append(words)
    for options in table.values():
        options.sort(key=len, reverse=True)
    return table


_PHRASES = _build_phrases()
_DESCRIPTORS: dict[str, list[tuple[str, ...]]] = {}
for _d in sorted((tuple(d.split()) for d in lx.WORKPLACE_DESCRIPTORS), key=len, reverse=True):
    _DESCRIPTORS.setdefault(_d[0], []).append(_d)


def _raw(tok: Token) -> str:
    return tok.text + ("'s" if tok.possessive else "")


def _allowed_length(tokens: list[Token], i: int) -> int:
    """How many tokens from i form an allow-listed phrase (0 if none)."""
    for words in _PHRASES.get(_raw(tokens[i]), []):
        n = len(words)
        if (
            i + n <= len(tokens)
            and all(_raw(tokens[i + k]) == words[k] for k in range(n))
            and all(tokens[i + k].gap_before.strip(" '\u2019") == "" for k in range(1, n))
        ):
            return n
    return 0


def _joined(tokens: list[Token], i: int) -> bool:
    """Whether token i follows token i-1 with only a space between (same name or phrase)."""
    return i > 0 and tokens[i].gap_before in (" ", "\u00a0") and not tokens[i - 1].possessive


# Initials written as one word in notes: "AB", "KD", "CMcK".
_INITIALS = re.compile(r"[A-Z]{2,3}|[A-Z]Mc[A-Z]")
_PERSONAL_PRONOUNS = _words("he she him his her hers himself herself")
# Verbs whose object is a person, after which even an unknown lower-case word is a name in
# text-message style: "helped tormod log in", "asked wanjiku if".
_DONE_TO_SOMEONE = _words("""
    helped told asked ask tell remind reminded chase chased phoned texted help helping bring
    bringing brought""")
# Verbs done with or to someone, after which even a month is a person: "I sat with May".
_WITH_SOMEONE = _words("with told asked helped showed supported visited reminded phoned")
# Verbs after which a capitalised word is something used, not someone: "play Roblox".
_THING_PRECEDERS = _words("""
    play played playing use used uses using download downloaded install installed via watch
    watched watching open opened""")
# Words that greet the person named next: "Dear Adwoa", "Thanks Kezia".
_SALUTATIONS = _words("Dear Hi Hello Hey Thanks Cheers Morning Evening Welcome Sorry Bye")
# Prepositions after which an unknown capitalised word is a place: "in Uphall".
_LOCATIVES = _words("in at near across around within throughout outside inside towards through via")
# "LB has asked", "AB had said": an auxiliary before a verb people do.
_AUXILIARIES = _words("has had have was is")
_MODALS = _words("can could will would does did needs uses likes wants")
# "I have worked at Glenmorven", "Staff at Corrieview": one unknown word after "at" near words
# of work names the place someone works or lives, a workplace.
_WORK_WORDS = _words("""
    work works worked working staff placement based shift shifts nights days resident residents
    manager nurse carer carers job volunteer volunteers employed lives lived living""")
# People who belong to a place of work or care: "staff from Hillview".
_STAFF_WORDS = _words("""
    staff carer carers worker workers manager managers nurse nurses team colleagues colleague
    residents resident keyworker""")
# People at a place of work or care: "a young person at Rowanbank", "the lads at Hazelbrae".
_WORK_WORDS = (
    _WORK_WORDS
    | _STAFF_WORDS
    | _words("""
    young person people pupil pupils kids children child lad lads lassie lassies tenant tenants
    patients patient client clients service user users member members""")
)
# Things got from an organisation: "bought from", "funding from", "a leaflet from".
_GOT_FROM = _words("""
    bought buy buying ordered order purchased borrowed downloaded delivered funding grant grants
    leaflets tablets phones laptops devices vouchers funded sourced""")
# Before a lower-case name in text-message style: "saw jenny", "gave kirstin a lift".
_SEEN_SOMEONE = _words("""
    saw see seen seeing met meet meeting visited visit visiting gave give giving took take
    picked collected called messaged wi fae""")
_LOWER_CUES = lx.LOWER_NAME_PRECEDERS | _SEEN_SOMEONE
# After a lower-case listed name: "marisol was raging", "kirstin's got a new phone".
_LOWER_FOLLOWERS = lx.PERSON_VERBS | _words("was is has had wis isnae wasnae")
_LOWER_NICKNAME = _words("wee big auld")
# Words for people that follow "wee", "big" and "auld" and name no one: "the auld fella".
_SCOTS_PEOPLE = _words("""
    fella fellae fellas wifie wifies lassie lassies laddie laddies bairn bairns wean weans yin
    yins boay wummin wumman mannie mannies gadgie gadgies radge dug pal pals bro sis""")
_GAVE = _words("gave give giving")
_AND = _words("and n &")
_ROLES = lx.KIN_AND_ROLES | lx.ROLE_NOUNS
_KISSES = _words("x xx xxx")
_SALUTATIONS_LOWER = _words("cheers thanks thx ta hi hiya hey dear love")
# "Thelonius is in hospital", "was off sick", "is back home": where a person is.
_WHERE_PEOPLE_ARE = [
    ["in", "hospital"], ["off", "sick"], ["back", "home"], ["in", "bed"], ["no", "bother"],
    ["nae", "bother"], ["in", "good"], ["off", "today"], ["off", "tomorrow"], ["on", "holiday"],
    ["on", "leave"], ["off", "work"],
]  # fmt: skip
# "Oighrig has a hospital appt": things and places have no appointments.
_APPOINTMENTS = _words("appt appts appointment appointments")
# "Gurdeep can u start the group": a question put to someone by name.
_ASKING = _words("can could will would")
_YOU = _words("u you ye yous youse")
# What someone is to do, in a list of actions: "Anwen to contact the bank".
_ACTIONS = _words("""
    contact call phone ring chase send email text book arrange follow check speak discuss
    complete attend review share ask inform confirm organise order write visit meet set help
    support bring provide update tell find look sort raise report print collect""")
# Words in a heading over a column of names: "Residents supported this week".
_PEOPLE_HEADINGS = _words("""
    residents tenants people attendees present staff clients members pupils learners
    volunteers participants""")
# Names with a hyphen or an apostrophe, each part a capital and small letters: "Ruairidh-Iain",
# "Drummond-Hay", "O'Rourke" (not "JSON-LD", "N-of").
_DOUBLE_NAME = re.compile(r"[^\W\d_][^\W\d_A-Z]+(?:[-'\u2019][^\W\d_][^\W\d_A-Z]+)+")
# Firms named after the people who founded them: "Templeton's carpet factory".
_BUSINESSES = _words("""
    factory factories mill mills works bakery bakeries shop shops store stores garage dairy
    brewery distillery pub bar restaurant hotel chippy""")
_ONE_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
_LOWER_TITLES = _words("mr mrs ms miss dr")
# "lachie was fine today": how a person was, said of a lower-case name in a message.
_FINE = _words("fine grand ok okay")
_NAME_KINDS = frozenset({lx.GIVEN, lx.SURNAME, lx.UNKNOWN, lx.AMBIGUOUS})
_NEEDS = _words("needs need lost loses uses asked asks wants")
_HIS_HER = _words("his her himself herself")
# After "'s" standing for "is" or "has": "Strathmiglo's a bonnie place", "it's been".
_AFTER_IS = _words("a an the no nae aye been got gonna going very so pure awfy fair really not")
_LINKING = _words("feeling looking seeming getting")
_HE_SHE = _words("he she he's she's hes shes")
_INTENSIFIERS = _words("very so really quite pretty awfy pure dead that too fair")
# Diagnoses a person has: "Pernille has dementia".
_CONDITIONS = _words("""
    dementia alzheimer's alzheimers autism adhd epilepsy diabetes asthma cancer copd parkinson's
    parkinsons ms arthritis depression anxiety schizophrenia psychosis aphasia impairment
    disability disabilities diagnosis""")
_SPEAK = _words("speak spoke speaking talk talked talking chat chatted")
# "Jinty (days)", "KR (keyworker)": a role or a shift in brackets after a name in notes.
_ROLES_AND_SHIFTS = lx.ROLE_NOUNS | _words("days nights lates earlies weekends backshift")
_PARTS_OF_DAY = _words("day night morning afternoon evening shift weekend")
# "Kalinda is 101 today", "Ailsa was 90 last week": a person's age after the name.
_AGE_AFTER = re.compile(
    rf" (?:is|was|turns|turned|will be) {NUMBER}"
    r"(?: today| tomorrow| on| last| this| next| in| now| and|[!.,;])",
    re.IGNORECASE,
)
# Verbs before "to" whose object is a person: "spoke to", "wrote to", "explained to".
_SPOKE = _SPEAK | _words("""
    said says explained explaining wrote write writes writing listened listening listen
    reached reaching""")
# Works by or about someone famous: "a film about ...", "a poem by ...".
_MEDIA_NOUNS = _words("""
    film films documentary documentaries book books novel novels poem poems song songs album
    albums talk talks speech speeches quote quotes programme programmes show shows podcast
    podcasts biography autobiography lecture lectures painting paintings music lyrics tweets
    interview interviews concert concerts""")
# "David Attenborough's programmes": works a private person seldom has.
_WORKS_OF = _words("""
    programmes films novels albums speeches documentaries podcasts lyrics concerts tweets
    biography autobiography""")
_FOLLOW = _words("follow follows following followed")
_READ = _words("read reading studied about using used like drew")
_MADE_BY = _words("narrated presented written directed composed painted illustrated")
_LISTEN = _words("listen listens listening listened")
_ME = _words("me i")
# "Dinky, as everyone calls him": the name someone goes by, named before the cue.
_CALLED_AFTER = re.compile(
    r", as (?:everyone|everybody|we|they|staff|folk|people|his \w+|her \w+) (?:all )?"
    r"call(?:s|ed)? (?:him|her|them)\b"
)
# Two named together and then "both": "were both upset", "baith came", "are both coming".
_TOGETHER = _words("both baith")
# After "X and Y": what two people do ("were both upset"), not what two things are.
_AFTER_TWO_PEOPLE = lx.PERSON_FOLLOWERS | lx.PERSON_VERBS | _words("were both baith")
# Dotted initials standing for a person: "J.M.", "R. S.", and the abbreviations that are not.
_DOTTED_INITIALS = re.compile(r"(?<![\w.])[A-Z]\.\s?[A-Z]\.(?:\s?[A-Z]\.)?(?![\w])")
_NOT_INITIALS = frozenset(
    [
        "U.K.",
        "U.S.",
        "P.S.",
        "N.B.",
        "A.M.",
        "P.M.",
        "E.G.",
        "I.E.",
        "R.I.P.",
        "B.A.",
        "M.A.",
        "D.O.B.",
        "C.V.",
        "B.C.",
        "A.D.",
    ]
)

_BRACKETED = re.compile(r" ?\(([^()\n]{1,40})\)")
# "Torcuil - lead": a dash and a lower-case word after a name heading a line.
_DASH_AND_WORD = re.compile(r" [-\u2013] [a-z]")
# The time that opens an entry of a log: "09:15 - ", "11.40 ", "- 14:00: ".
_TIME_STAMP = re.compile(r"[ \t]*[-*•]?[ \t]*\d{1,2}[:.]\d{2}(?:[ \t]*[-\u2013:])?[ \t]*")
_ARTICLES = _words("a an our my the his her their")
_LIST_GAPS = frozenset({", ", " & ", " n "})
_BULLETS = frozenset({"-", "*", "•", "\u2013"})

# Kinds of word that can be part of a person's full name, by position.
_FIRST_OF_FULL_NAME = frozenset({lx.GIVEN, lx.AMBIGUOUS, lx.UNKNOWN, lx.SURNAME})
_REST_OF_FULL_NAME = frozenset({lx.GIVEN, lx.SURNAME, lx.UNKNOWN})


class _Scan:
    """One pass over a text's tokens; keeps the hits and the names confirmed so far."""

    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text = text
        self.tokens = tokens
        self.hits: list[NameHit] = []
        self.confirmed: set[str] = set()
        self.blocked: set[int] = set()  # token indexes inside allowed phrases and organisations
        self.taken: set[int] = set()

    # --- helpers -------------------------------------------------------------------------
    def word(self, i: int) -> str:
        return self.tokens[i].text.lower() if 0 <= i < len(self.tokens) else ""

    def prev_word(self, i: int) -> str:
        """The word before token i in the same sentence, lowercased, else ''."""
        if i <= 0 or self.tokens[i].initial:
            return ""
        gap = self.tokens[i].gap_before
        if gap.strip(" ,\u00a0"):
            return ""
        return self.word(i - 1)

    def next_word(self, i: int) -> str:
        j = i + 1
        if j >= len(self.tokens) or self.tokens[j].initial:
            return ""
        return self.word(j)

    def following(self, i: int, n: int) -> list[str]:
        """Up to n words after token i in the same sentence, lowercased."""
        out = []
        for j in range(i + 1, min(i + 1 + n, len(self.tokens))):
            if self.tokens[j].initial:
                break
            out.append(self.word(j))
        return out

    def add(self, i: int, j: int, label: str, confidence: float, reason: str) -> None:
        """Record tokens i..j (inclusive) as one hit."""
        self.hits.append(NameHit(self.tokens[i].start, self.tokens[j].end, label, confidence,
                                 reason))  # fmt: skip
        self.taken.update(range(i, j + 1))

    def person(self, i: int, j: int, confidence: float, reason: str) -> None:
        """Record tokens i..j as a person and remember the name for its other mentions."""
        self.add(i, j, "PERSON", confidence, reason)
        self.confirmed.add(self.tokens[j].text)

    # --- passes --------------------------------------------------------------------------
    def run(self) -> list[NameHit]:
        toks = self.tokens
        n = len(toks)
        i = 0
        while i < n:
            if not toks[i].cap:
                i += 1
                continue
            k = _allowed_length(toks, i)
            if k and self.prev_word(i) not in lx.KIN_AND_ROLES and not self.kin_after(i + k - 1):
                self.blocked.update(range(i, i + k))
                i += k
                continue
            j = i
            while j + 1 < n and toks[j + 1].cap and _joined(toks, j + 1):
                j += 1
            self.capital_run(i, j)
            i = j + 1
        self.lower_case_names()
        self.lists_of_people()
        self.second_mentions()
        return self.hits

    def capital_run(self, i: int, j: int) -> None:
        """Decide about a run of capitalised words i..j standing together."""
        toks = self.tokens
        # Leading function words ("At", "The", "When") are sentence furniture, not names.
        while i <= j and toks[i].text.lower() in FUNCTION_WORDS and not self.is_initial(i):
            i += 1
        if i > j:
            return
        if self.workplace(i, j):
            return
        if any(toks[k].text in lx.ORG_WORDS for k in range(i, j + 1)) or (
            i < j
            and toks[i].text not in lx.TITLES
            and (self.after_determiner(i) or self.in_place(i))
        ):
            # "NHS Lothian", "the Gay Gordons", "at Bilston Glen": no one in it is a person.
            self.blocked.update(range(i, j + 1))
            return
        k = i
        while k <= j:
            if k > i and self.inside_proper_noun(k):
                k += 1  # "the Digital Telecare Playbook": the last word names no one
                continue
            k = self.person_at(k, j) + 1

    def inside_proper_noun(self, k: int) -> bool:
        """Whether token k continues a run of capitals started by an ordinary word mid-sentence
        ("Telecare Playbook", "Youth Engagement Officer"), rather than a sentence-opening word
        or a greeting before a name ("Afterwards Tomasz", "Dear Adwoa")."""
        before = self.tokens[k - 1]
        if (
            k - 1 in self.taken
            or before.initial
            or before.text in _SALUTATIONS
            or before.text in lx.MONTHS_AND_DAYS  # "On Tuesday Will Hill came in"
            or self.tokens[k].text in lx.TITLES  # "the SW Ms Gowans"
        ):
            return False
        return lx.kind(before.text) in (lx.WORD, lx.RARE, lx.PROPER, lx.PLACE)

    def workplace(self, i: int, j: int) -> bool:
        """Find "Rowan House", "Seaview Nursing Home", "Brae View nursing home"."""
        toks = self.tokens
        names = [toks[k].text for k in range(i, j + 1)]
        described = 0
        if names[-1] in lx.WORKPLACE_SUFFIXES:
            body = names[:-1]
        else:
            described = self.descriptor_after(j)
            if not described:
                return False
            body = names
        if not body or all(w in lx.GENERIC_QUALIFIERS or w in lx.ORG_WORDS for w in body):
            return False
        # An organisation's word makes it no small workplace, unless it says what kind of
        # place it is just before the ending: "Pinefield Care Home", not "Pinefield Care Trust".
        kind_of_place = body[-1] in lx.WORKPLACE_KINDS and names[-1] in lx.WORKPLACE_SUFFIXES
        if any(
            w in lx.ORG_WORDS and w not in lx.WORKPLACE_SUFFIXES and not (n == 0 and kind_of_place)
            for n, w in enumerate(reversed(body))
        ):
            return False
        if any(w in lx.TITLES for w in body):
            return False
        stop = j + described
        self.add(i, stop, "WORKPLACE", 0.8,
                 "This looks like the name of a small workplace or care setting")  # fmt: skip
        self.blocked.update(range(i, stop + 1))
        return True

    def descriptor_after(self, j: int) -> int:
        """How many lowercase words after token j describe a care setting ("care home")."""
        if j + 1 >= len(self.tokens):
            return 0
        for words in _DESCRIPTORS.get(_raw(self.tokens[j + 1]), []):
            n = len(words)
            if j + n < len(self.tokens) and all(
                _raw(self.tokens[j + 1 + k]) == words[k]
                and self.tokens[j + 1 + k].gap_before in (" ", "\u00a0")
                for k in range(n)
            ):
                return n
        return 0

    # --- one capitalised word and what follows it ----------------------------------------
    def person_at(self, k: int, j: int) -> int:
        """Decide about the capitalised word k inside run ..j; return the last index used."""
        word = self.tokens[k].text
        if word in lx.TITLES or word in lx.NICKNAME_PREFIXES:
            return self.titled(k)
        if self.is_initial(k):
            return self.initial_and_surname(k)
        if k < j:
            # More capitals follow: a full name ("Sadie Gray"), or part of a longer proper
            # noun ("Rose Unit", "Hope Street") that is no person on its own.
            return self.full_name(k, j)
        self.single(k)
        return k

    def titled(self, k: int) -> int:
        """A title or nickname prefix and a name: "Mrs McDonald", "Mrs K.", "Big Shug"."""
        toks = self.tokens
        word = toks[k].text
        j = k + 1
        if j >= len(toks) or toks[j].gap_before not in (" ", ". ", "\u00a0"):
            return k
        first = toks[j]
        if not first.cap or first.text in lx.ORG_WORDS or first.text in lx.MONTHS_AND_DAYS:
            return k
        if word in lx.NICKNAME_PREFIXES:
            # "Big" and "Wee" are ordinary words too: the next word must look like a name.
            if lx.kind(first.text) not in _FIRST_OF_FULL_NAME:
                return k
            self.person(k, j, 0.75, "This looks like a person's nickname")
            return j
        weak = word in lx.WEAK_TITLES
        if len(first.text) == 1:
            # "Mrs A. Boyle", or the initial alone, as notes write it: "Mrs K.", "Mr T"
            nxt = toks[j + 1] if j + 1 < len(toks) else None
            if nxt is not None and nxt.cap and nxt.gap_before in (". ", " "):
                j += 1
        elif (
            weak
            and lx.kind(first.text) not in (lx.GIVEN, lx.SURNAME, lx.AMBIGUOUS)
            and not self.cued_before(k)
        ):
            return k
        last = j
        while (
            last + 1 < len(toks)
            and toks[last + 1].cap
            and _joined(toks, last + 1)
            and not toks[last].possessive
            and toks[last + 1].text in lx.surnames()
            and toks[last + 1].text not in lx.ORG_WORDS
        ):
            last += 1
        self.person(k, last, 0.9 if not weak else 0.75,
                    "This looks like a person's name with a title")  # fmt: skip
        return last

    def initial_and_surname(self, k: int) -> int:
        """ "A. Boyle": an initial and a surname (or a name nobody listed)."""
        nt = self.tokens[k + 1]
        if nt.gap_before in (". ", ".") and lx.kind(nt.text) in (lx.SURNAME, lx.GIVEN, lx.UNKNOWN):
            self.person(k, k + 1, 0.85, "This looks like a person's name")
            return k + 1
        return k

    def full_name(self, k: int, j: int) -> int:
        """Given name and surname ("Sadie Gray", "Kezia Gilfillan"); return the last index."""
        toks = self.tokens
        first, second = toks[k].text, toks[k + 1].text
        first_kind, second_kind = lx.kind(first), lx.kind(second)
        if self.in_media(k):
            return j  # "a film about Nelson Mandela": the whole run is someone famous
        if self.name_and_initial(k, j):
            self.person(k, k + 1, 0.7, "This looks like a person's name")
            return k + 1
        if self.after_determiner(k) or (
            first_kind not in _FIRST_OF_FULL_NAME
            # "our newest volunteer, Precious Mbeki-Shaw": a word-name after a cue
            and not (self.cued_before(k) and second_kind in (lx.UNKNOWN, lx.SURNAME))
        ):
            return k
        known = first_kind in (lx.GIVEN, lx.AMBIGUOUS) and second in lx.surnames()
        # "Lorna Bathgate": Scots surnames are often places; a given name makes it a name.
        known = known or (
            first_kind == lx.GIVEN and second_kind == lx.PLACE and not self.in_place(k)
        )
        # A surname the dictionary knows from someone famous ("Galbraith") still ends a name.
        famous = second_kind == lx.PROPER and first_kind in (lx.GIVEN, lx.UNKNOWN)
        # After "her daughter", any capitalised word but an everyday one is the surname.
        cued = self.cued_before(k) and second_kind != lx.WORD
        if not known and not famous and not cued and second_kind not in _REST_OF_FULL_NAME:
            return k
        if first_kind == lx.AMBIGUOUS and not known and not cued:
            return k  # "Will Gilfillan"? Perhaps; "Rose Unitarian"? Not without a cue.
        last = k + 1
        if last + 1 <= j and lx.kind(toks[last + 1].text) in _REST_OF_FULL_NAME:
            last += 1
        if self.next_word(last) in THING_NOUNS and not toks[last].possessive:
            return k  # "Kilncroft Street"-like names of things the lists lack
        unknown = lx.UNKNOWN in (first_kind, second_kind)
        self.person(k, last, 0.75 if unknown else 0.9 if first_kind == lx.GIVEN else 0.8,
                    "This looks like a person's full name")  # fmt: skip
        return last

    def name_and_initial(self, k: int, j: int) -> bool:
        """ "Ollie B was late", "Kirsty M said": a name and the initial of a surname, as notes
        and messages write them; not "Plan B", "Vitamin D", "Hepatitis C"."""
        first, initial = self.tokens[k].text, self.tokens[k + 1].text
        return (
            j == k + 1
            and len(initial) == 1
            and initial not in ("I", "A")
            and lx.kind(first) in (lx.GIVEN, lx.UNKNOWN, lx.PROPER)
            and first.lower() not in lx.known_words()
            and not self.after_determiner(k)
        )

    def single(self, k: int) -> None:
        """Decide about a capitalised word standing alone, by its kind and its context."""
        tok = self.tokens[k]
        word = tok.text
        kind = lx.kind(word)
        ev = self.evidence(k)
        if (ev.thing and not ev.cued_before) or (not ev.strong and self.listed_with_places(k)):
            return  # "Glenrothes, Markinch and Thornton": a town listed with towns
        confidence = 0.0
        if kind in (lx.GIVEN, lx.SURNAME):
            if ev.strong or ev.weak:
                confidence = 0.8
            elif not tok.initial or ev.acts or self.lower_follows(k) or self.alone_on_line(k):
                confidence = 0.7
        elif word in lx.MONTHS_AND_DAYS:
            # "my colleague June", "May's son", "I sat with May": never "in May", "May 2024".
            with_someone = self.prev_word(k) in _WITH_SOMEONE and not self.number_follows(k)
            confidence = 0.6 if ev.cued_before or self.kin_after(k) or with_someone else 0.0
        elif kind == lx.AMBIGUOUS:
            if ev.strong and not (ev.place and word in lx.places()):
                confidence = 0.65
            elif (
                ev.weak
                and not tok.initial
                and not ev.place
                and word not in lx.places()
                and not self.only_joined(k)
                and word not in lx.NAMED_AFTER_PEOPLE  # "we talked about Kitwood"
            ):
                confidence = 0.55
        elif _INITIALS.fullmatch(word) and word not in lx.ACRONYMS:
            # "AB settled", "KD (night staff)", "Spoke to RB": initials in notes, with a cue.
            told = self.prev_word(k) in _DONE_TO_SOMEONE or (
                self.prev_word(k) == "to" and self.word(k - 2) in _SPOKE
            )
            confidence = 0.55 if ev.strong or ev.acts or told else 0.0
        elif kind == lx.UNKNOWN and self.town_after_place(k):
            return  # "Community Hall, Kinglassie", "Main Street, Muckhart"
        elif kind == lx.UNKNOWN and self.premises(k):
            self.add(k, k, "WORKPLACE", 0.5,
                     "This looks like the name of a small workplace or care setting")  # fmt: skip
            return
        elif kind == lx.UNKNOWN:
            owner = tok.possessive and self.next_word(k) not in _AFTER_IS
            if ev.strong or owner or (ev.acts and not ev.place) or self.referred_to(k):
                confidence = 0.6
            elif (
                not tok.initial
                and not self.in_place(k)
                and not self.supplier(k)
                and (word.isalpha() or _DOUBLE_NAME.fullmatch(word) is not None)
                and len(word) > 2
            ):
                confidence = 0.5 if self.prev_word(k) not in _THING_PRECEDERS else 0.0
        elif kind in (lx.RARE, lx.PROPER):
            if ev.cued_before or (ev.strong and not ev.place):
                confidence = 0.5
        elif ev.cued_before and not self.tokens[k - 1].cap:
            # places and everyday words: "her son Forest", "calls him Dinky"; not a heading
            # in capitals, "Carer Positive"
            confidence = 0.55
        if confidence:
            self.person(k, k, confidence, "This looks like a person's name")

    # --- evidence ------------------------------------------------------------------------
    def evidence(self, k: int) -> Evidence:
        """Read the words around token k for what they say about it."""
        tok = self.tokens[k]
        prev = self.prev_word(k)
        nxt = self.next_word(k)
        cued_before = self.cued_before(k)
        after = self.text[tok.end + (2 if tok.possessive else 0) : tok.end + 40]
        strong = (
            cued_before
            or (self.in_list_of_people(k) and tok.text.lower() not in _ROLES)
            or self.kin_after(k)
            or (nxt in lx.SPEECH_AND_FEELING and not tok.possessive)
            or after.startswith((", who", ", whose", " and his", " and her", " and I ", " and me"))
            or after.startswith((", aged ", " aged ", " (aged "))  # "Sky, aged 15, told me"
            or after.startswith((" and I,", " n me ", " an me ", " & me ", " n I "))
            or _CALLED_AFTER.match(after) is not None  # "Dinky, as everyone calls him"
            or self.two_people_act(k)
            or self.described_as_person(k)
        )
        weak = prev in lx.PERSON_PRECEDERS or nxt in lx.PERSON_FOLLOWERS
        after_two = self.following(k, 2)
        acts = (
            (nxt in lx.PERSON_VERBS and not tok.possessive)
            or nxt in lx.PERSON_STATES  # notes: "CMcK unsettled after the call"
            or (tok.possessive and nxt in lx.POSSESSIONS)
            or (nxt in _AUXILIARIES and after_two[1:] != [] and after_two[1] in lx.PERSON_VERBS)
        )
        thing = self.after_determiner(k) or self.thing_after(k) or self.in_media(k)
        place = prev in lx.PLACE_PRECEDERS or self.in_place(k)
        acts = acts or self.labels_a_line(k) or self.action_for(k)
        return Evidence(strong, cued_before, weak, acts, thing, place)

    def listed_with_places(self, k: int) -> bool:
        """Whether token k stands in a list ("A, B and C") with a place the lists know:
        "Glenrothes, Markinch and Thornton", "Kincardine, Tulliallan and Blairhall"."""
        for step in (-1, 1):
            n = self.list_neighbour(k, step)
            while n >= 0:  # each step moves along the list, so it ends at the list's end
                if lx.kind(self.tokens[n].text) == lx.PLACE:
                    return True
                n = self.list_neighbour(n, step)
        return False

    def list_neighbour(self, k: int, step: int) -> int:
        """The capitalised item next to token k in a list, before (-1) or after (1); else -1."""
        toks = self.tokens
        if not 0 <= k + step < len(toks):
            return -1
        sep = k if step < 0 else k + 1  # the token whose gap may hold the list's comma
        if toks[sep].gap_before == ", ":
            near = k + step
        elif toks[k + step].text in ("and", "or"):
            near = k + 2 * step
        else:
            return -1
        return near if 0 <= near < len(toks) and toks[near].cap else -1

    def town_after_place(self, k: int) -> bool:
        """Whether token k follows the name of a building or street and a comma, as the town of
        an address does: "Community Hall, Kinglassie"."""
        tok = self.tokens[k]
        before = self.tokens[k - 1].text
        return tok.gap_before == ", " and (
            before in lx.ORG_WORDS or before in lx.GENERIC_QUALIFIERS
        )

    def action_for(self, k: int) -> bool:
        """Notes of actions: "Anwen to contact the bank; Taighan to update the chat" (a name
        opening a clause, then "to" and something people do)."""
        after = self.following(k, 2)
        return (
            self.tokens[k].initial
            and after[:1] == ["to"]
            and after[1:] != []
            and (after[1] in _ACTIONS)
        )

    def two_people_act(self, k: int) -> bool:
        """ "Tammas an Ishabel baith came", "Kez and Morven were both upset": two capitalised
        words joined as people, then what two people do."""
        after = self.following(k, 4)
        return (
            len(after) >= 3
            and after[0] in _AND | {"an"}
            and self.tokens[k + 2].cap
            and lx.kind(self.tokens[k + 2].text) in _FIRST_OF_FULL_NAME
            and any(w in _TOGETHER for w in after[2:4])
        )

    def in_place(self, k: int) -> bool:
        """ "in Uphall", "near Huntly", "took the residents to Pumpherston": somewhere, not
        someone. ("from" is left out: "a message from Otieno".)"""
        prev = self.prev_word(k)
        if prev in _LOCATIVES:
            return True
        if prev in ("and", "or") and k >= 2 and self.tokens[k - 2].cap:
            start = k - 2  # "to Pumpherston and Uphall", "at Bilston Glen and Monktonhall"
            while start > 0 and self.tokens[start - 1].cap and _joined(self.tokens, start):
                start -= 1
            return self.in_place(start)
        if prev != "to" or self.word(k - 2) in _SPOKE:
            return False  # "the way I spoke to Ottoline": someone spoken to, not somewhere
        return any(self.word(k - n) in lx.MOTION_WORDS for n in (2, 3, 4))

    def premises(self, k: int) -> bool:
        """ "Staff at Corrieview", "a young person at Rowanbank", "carers from Glenlora": a
        place of work or care, named by one word after the people who work or live there."""
        prev = self.prev_word(k)
        words = _WORK_WORDS if prev == "at" else _STAFF_WORDS if prev == "from" else None
        return words is not None and self.looks_back(k, words)

    def looks_back(self, k: int, words: frozenset[str]) -> bool:
        """Whether one of words stands 2 to 5 words before token k in the same sentence."""
        for n in range(2, 6):
            if k - n < 0 or self.tokens[k - n + 1].initial:
                return False
            if self.word(k - n) in words:
                return True
        return False

    def in_media(self, k: int) -> bool:
        """Someone known from books, films and the news, not someone known in person: "a film
        about Nelson Mandela", "a poem by Robert Burns", "they follow Marcus Rashford",
        "listening to Dolly Parton", "David Attenborough's programmes"."""
        prev = self.prev_word(k)
        last = k
        while (
            last + 1 < len(self.tokens)
            and self.tokens[last + 1].cap
            and _joined(self.tokens, last + 1)
        ):
            last += 1
        if self.tokens[last].possessive:  # "follow Dashiell's lead" is someone known
            return self.next_word(last) in _WORKS_OF
        if prev == "by" and self.word(k - 2) in _MADE_BY:
            return True  # "a documentary narrated by Attenborough": someone known from work
        if last == k:
            return False  # "a song by Lavinia": one name alone may be someone known in person
        if prev in ("by", "about", "from") and self.looks_back(k, _MEDIA_NOUNS):
            return True
        return prev in _FOLLOW or (prev == "to" and self.looks_back(k, _LISTEN))

    def supplier(self, k: int) -> bool:
        """ "bought the phones from Currys", "funding from Inspiring Scotland": something got
        from an organisation, not a message from a person."""
        if self.prev_word(k) != "from":
            return False
        # "claiming to be from Evri", "pretended to be from Amazon": a sender that is a firm.
        return self.looks_back(k, _GOT_FROM) or (
            self.word(k - 2) == "be" and self.word(k - 3) == "to"
        )

    def only_joined(self, k: int) -> bool:
        """Whether the one cue before token k is "and"/"or" ("Rose and Bell", "Will and Power
        of Attorney"): a list of people counts only when its other name is a person."""
        return (
            self.prev_word(k) in ("and", "or", "n", "&", "an")
            and self.word(k - 2) not in _ME  # "Me and Will set up the router"
            and self.next_word(k) not in _AFTER_TWO_PEOPLE
        )

    def referred_to(self, k: int) -> bool:
        """ "Tormod has a tablet, but he rarely uses it": "is" or "has" after the word, and "he"
        or "she" later in the same sentence, which places and products do not get."""
        if self.next_word(k) not in _AUXILIARIES | _MODALS:
            return False
        for j in range(k + 2, min(k + 16, len(self.tokens))):
            if self.tokens[j].initial:
                return False
            if self.tokens[j].text.lower() in _PERSONAL_PRONOUNS:
                return True
        return False

    def number_follows(self, k: int) -> bool:
        return self.text[self.tokens[k].end : self.tokens[k].end + 3].strip()[:1].isdigit()

    def labels_a_line(self, k: int) -> bool:
        """A name heading a line of notes: "Njeri: settled, slept well", "Torcuil - lead",
        "09:15 - Lilias returned from the shop"."""
        tok = self.tokens[k]
        line_start = self.text.rfind("\n", 0, tok.start) + 1
        head = self.text[line_start : tok.start]
        if head.strip(" -*•") == "":
            if tok.text.lower() in lx.LIST_LABELS:
                return False
            if self.text.startswith(":", tok.end):
                return self.text[tok.end + 1 : tok.end + 3].strip() != ""
            return _DASH_AND_WORD.match(self.text, tok.end) is not None
        # A log entry: a time, then the name and what they did ("11:40 Benedek up").
        return _TIME_STAMP.fullmatch(head) is not None and self.lower_follows(k)

    def cued_before(self, k: int) -> bool:
        """A relation, role or naming phrase right before token k: "her son", "known as"."""
        prev = self.prev_word(k)
        if prev in lx.KIN_AND_ROLES:
            # "Present: Manager, Deputy": a role listed beside another role names no one.
            return not (self.tokens[k].gap_before == ", " and self.tokens[k - 1].cap)
        if prev == "as" and "known" in (self.word(k - n) for n in range(2, 6)):
            return True  # "known to everyone as Granny Nettle"
        return not self.tokens[k].initial and any(
            k - len(cue) >= 0 and all(self.word(k - len(cue) + m) == w for m, w in enumerate(cue))
            for cue in lx.NAMING_CUES
        )

    def in_list_of_people(self, k: int) -> bool:
        """Whether token k follows a label of people on its line ("Present: ...") or starts a
        bullet under such a label ("Attendees:\n- Dilnaz")."""
        start = self.tokens[k].start
        line_start = self.text.rfind("\n", 0, start) + 1
        head = self.text[line_start:start]
        label, colon, _rest = head.partition(":")
        if colon:
            return label.strip(" -*•").lower() in lx.LIST_LABELS
        column = head == "" and self.alone_on_line(k)  # "Residents\nGillebride\nRaghnall"
        if head.strip(" ") not in _BULLETS and not column:
            return False
        # Walk up over the other bullets (or words alone on their lines) to the heading.
        while line_start > 0:
            prev_start = self.text.rfind("\n", 0, line_start - 1) + 1
            line = self.text[prev_start : line_start - 1].strip()
            if line[:1] not in _BULLETS and not (column and _ONE_WORD.fullmatch(line)):
                label, colon, rest = line.partition(":")
                if colon:
                    return not rest.strip() and label.strip().lower() in lx.LIST_LABELS
                return any(w in _PEOPLE_HEADINGS for w in line.lower().split())
            line_start = prev_start
        return False

    def kin_after(self, k: int) -> bool:
        """ "Xander's mum": a possessive name before a relation."""
        return self.tokens[k].possessive and self.next_word(k) in lx.KIN_AND_ROLES

    def described_as_person(self, k: int) -> bool:
        """ "Hope was quiet", "Patience is a care assistant", "Bracken, a young person",
        "JB (night staff)"."""
        end = self.tokens[k].end
        bracket = _BRACKETED.match(self.text, end)
        if bracket:
            return any(w in _ROLES_AND_SHIFTS for w in bracket.group(1).lower().split()[:3])
        if _AGE_AFTER.match(self.text, end):
            return True  # "Kalinda is 101 today": places and products are not given an age
        after = self.following(k, 4)
        if not after:
            return False
        if (
            after[0] in ("had", "has")
            and after[1:2] in (["a"], ["an"])
            and any(w in _PARTS_OF_DAY or w in _APPOINTMENTS for w in after[2:4])
        ):
            return True  # notes: "PL had a good day", "oighrig has a hospital appt"
        if after[0] in _ASKING and after[1:2] and after[1] in _YOU:
            # "Gurdeep can u start the group": someone asked by name ("Will can you" is not)
            return lx.kind(self.tokens[k].text.capitalize()) in (lx.GIVEN, lx.UNKNOWN)
        if after[0] in ("has", "had") and after[1:2] and after[1] in _CONDITIONS:
            return True  # "Pernille has dementia": places and products have no diagnosis
        if (
            after[0] in ("has", "had", "got")
            and after[1:2] in (["a"], ["an"], ["his"], ["her"])
            and any(w in lx.POSSESSIONS or w in _CONDITIONS for w in after[2:4])
            and lx.kind(self.tokens[k].text.capitalize()) in _NAME_KINDS
        ):
            return True  # "Tavish has a new phone", "Mungo has a hearing impairment"
        if after[0] in lx.PERSON_FOLLOWERS | _NEEDS and any(w in _HIS_HER for w in after[1:4]):
            # "tavish has lost his phone", "mungo needs his captions"
            return lx.kind(self.tokens[k].text.capitalize()) in _NAME_KINDS
        if after[0] in ("has", "had") and after[1:2] == ["been"]:
            after = ["was", *after[2:]]  # "Will has been feeling low"
        if after[0] in ("was", "is") and after[1:2] and after[1] in _LINKING:
            after = ["felt", *after[2:]]
        if after[0] in ("was", "is", "felt", "seemed", "looked", "became", "gets", "got"):
            rest = after[1:]
            if rest[:1] and rest[0] in _INTENSIFIERS:
                rest = rest[1:]  # "Ingrith is very isolated"
            if (rest[:1] and rest[0] in lx.PERSON_STATES) or rest[:2] in _WHERE_PEOPLE_ARE:
                return True
            if rest[:1] and rest[0] in _ARTICLES:
                return any(w in lx.ROLE_NOUNS for w in rest[1:])
            return False
        if self.text.startswith(", ", end) and after[0] in _ARTICLES:
            return any(w in lx.ROLE_NOUNS for w in after[1:])
        return False

    def thing_after(self, k: int) -> bool:
        """ "Willow ward", "Gibbs' reflective cycle", "Maslow's hierarchy", "Bell's palsy"."""
        tok = self.tokens[k]
        nxt = self.next_word(k) if k + 1 < len(self.tokens) and _joined(self.tokens, k + 1) else ""
        if nxt in THING_NOUNS and not tok.possessive:
            return True
        if tok.possessive or self.text.startswith("'", tok.end):
            after = self.following(k, 3)
            if any(w in _BUSINESSES for w in after):
                return True  # "Templeton's carpet factory": a firm named after its founder
            # "Maslow's hierarchy", but "Rhona's idea": theories are not named by first names
            theory = lx.kind(tok.text) != lx.GIVEN and (
                any(w in lx.THEORY_NOUNS for w in after)
                or (after[:2] == ["work", "on"] and self.prev_word(k) in _READ)
            )  # "I read Goffman's work on stigma", not "Kezia's work on the rota"
            return theory or nxt in THING_NOUNS
        return False

    def is_initial(self, k: int) -> bool:
        """Whether token k is a one-letter initial of a name ("A. Boyle")."""
        toks = self.tokens
        return (
            len(toks[k].text) == 1
            and k + 1 < len(toks)
            and toks[k + 1].gap_before in (". ", ".")
            and toks[k + 1].cap
        )

    def alone_on_line(self, k: int) -> bool:
        """Whether token k ends its line, as a signature does ("Signed: Jo", "\\n\\nLeanne")."""
        rest = self.text[self.tokens[k].end : self.tokens[k].end + 3]
        return rest.strip(" .,") == "" or rest.lstrip(" .,").startswith(("\n", "\r"))

    def after_determiner(self, k: int) -> bool:
        prev = self.prev_word(k)
        if prev == "an" and (
            self.tokens[k].text[:1] not in "AEIOU"
            or self.word(k - 2) in _ME
            or (k >= 2 and self.tokens[k - 2].cap and not self.tokens[k - 1].initial)
        ):
            return False  # "me an Drostan", "me an Ossian", "Tammas an Ishabel": Scots "and"
        return prev in lx.DETERMINERS or prev in ("st", "saint")  # "St Columba's Hospice"

    def lower_follows(self, k: int) -> bool:
        """Whether a lowercase word follows token k in the same sentence ("Stephen keeps")."""
        nxt = self.next_word(k)
        return bool(nxt) and self.tokens[k + 1].text[:1].islower()

    def lower_case_names(self) -> None:
        """Names typed in lower case, as in text messages: "helped kaycee", "jen says"."""
        known = lx.known_words()
        for k, tok in enumerate(self.tokens):
            word = tok.text
            if tok.cap or word in known or k in self.taken or len(word) < 3 or not word.isalpha():
                continue
            title = word.capitalize()
            listed = title in lx.given_names() or title in lx.surnames()
            nxt = self.next_word(k)
            prev = self.prev_word(k)
            if (
                (listed and (prev in _LOWER_CUES or nxt in _LOWER_FOLLOWERS or self.then_he(k)))
                or nxt in lx.SPEECH_AND_FEELING
                or prev in lx.KIN_AND_ROLES
                or prev in _DONE_TO_SOMEONE
                or (prev in _LOWER_NICKNAME and word not in _SCOTS_PEOPLE)
                or (prev in _SEEN_SOMEONE and self.then_he(k, 5))
                or (prev in _SEEN_SOMEONE and nxt in _AND and self.lower_unknown(k + 2))
                or (prev in _AND and self.hit_is_person(k - 2) and not self.tokens[k - 2].cap)
                or (nxt in _AND and self.lower_unknown(k + 2) and self.both_after(k + 2))
                or (self.described_as_person(k) and not tok.possessive)
                or (nxt in ("was", "is") and self.word(k + 2) in _FINE)
                or (tok.possessive and nxt in lx.POSSESSIONS)  # "domhnall's tablet is dead"
                or (prev in _SALUTATIONS_LOWER and self.text.startswith(",", tok.end))
                or (prev == "from" and self.then_he(k))  # "heard from taighan, hes got"
                or prev in _LOWER_TITLES  # "ring mrs colquhoun back"
                or (prev in _GAVE and nxt in ("a", "an"))
                or self.beside_me(k)
                or (prev in _SALUTATIONS_LOWER and (self.alone_on_line(k) or nxt in _KISSES))
                or (prev == "to" and self.word(k - 2) in _SPEAK)
            ):
                self.person(k, k, 0.45, "This looks like a person's name")

    def beside_me(self, k: int) -> bool:
        """ "me and aurelie", "lorcan n me", "jo and I": someone named beside the writer."""
        before = (self.word(k - 2), self.prev_word(k))
        after = self.following(k, 2)
        return (before[0] == "me" and before[1] in _AND) or (
            len(after) == 2 and after[0] in _AND and after[1] in ("me", "i")
        )

    def then_he(self, k: int, n: int = 3) -> bool:
        """ "saw jenny, she was fine": "he" or "she" within the next n words."""
        return any(w in _HE_SHE for w in self.following(k, n))

    def both_after(self, k: int) -> bool:
        """ "... baith came", "... are both coming": "both" just after token k."""
        return any(w in _TOGETHER for w in self.following(k, 2))

    def lower_unknown(self, k: int) -> bool:
        """Whether token k is a lower-case word no list knows, in the same sentence: "tammas"
        in "take tammas n ishabel"."""
        word = self.following(k - 1, 1)  # [] past the end or the sentence
        return (
            bool(word)
            and not self.tokens[k].cap
            and len(word[0]) > 2
            and (word[0] not in lx.known_words())
        )

    def lists_of_people(self) -> None:
        """Names listed beside a name already found: "Attendees were Morag, Tormod and Kez"."""
        if not any(h.label == "PERSON" for h in self.hits):
            return
        changed = True
        while changed:
            changed = False
            for k, tok in enumerate(self.tokens):
                if (
                    tok.cap
                    and (
                        tok.gap_before in _LIST_GAPS
                        or self.word(k - 1) in ("and", "or")
                        or (
                            k + 1 < len(self.tokens) and self.tokens[k + 1].gap_before in _LIST_GAPS
                        )
                        or self.word(k + 1) in ("and", "or")
                    )
                    and k not in self.taken
                    and k not in self.blocked
                    and (
                        lx.kind(tok.text) in _FIRST_OF_FULL_NAME
                        or (_INITIALS.fullmatch(tok.text) and tok.text not in lx.ACRONYMS)
                    )
                    and (self.listed_beside_person(k, -1) or self.listed_beside_person(k, 1))
                ):
                    self.person(k, k, 0.6, "This looks like a person's name")
                    changed = True

    def listed_beside_person(self, k: int, step: int) -> bool:
        """Whether the list item before (step -1) or after (step 1) token k is a person."""
        toks = self.tokens
        near = k + step
        second = k if step < 0 else near
        if not 0 <= near < len(toks):
            return False
        gap = toks[second].gap_before
        if gap in (", ", " & ", " n ") and near in self.taken:
            return self.hit_is_person(near)
        if gap == " " and toks[near].text in ("and", "or") and 0 <= near + step < len(toks):
            return (near + step) in self.taken and self.hit_is_person(near + step)
        return False

    def hit_is_person(self, k: int) -> bool:
        start = self.tokens[k].start
        return any(h.label == "PERSON" and h.start <= start < h.end for h in self.hits)

    def second_mentions(self) -> None:
        """Other mentions of a name already found with good evidence count as the same person."""
        if not self.confirmed:
            return
        for k, tok in enumerate(self.tokens):
            if (
                tok.text in self.confirmed
                and k not in self.taken
                and k not in self.blocked
                and tok.cap
                and not self.after_determiner(k)
                and not (k + 1 < len(self.tokens) and self.tokens[k + 1].cap
                         and _joined(self.tokens, k + 1)
                         and self.tokens[k + 1].text in lx.ORG_WORDS)
            ):  # fmt: skip
                self.add(k, k, "PERSON", 0.75, "This looks like a person's name")
        self.hits.sort(key=lambda h: (h.start, h.end))


def _dotted_initials(text: str) -> list[NameHit]:
    return [
        NameHit(m.start(), m.end(), "PERSON", 0.6, "These look like a person's initials")
        for m in _DOTTED_INITIALS.finditer(text)
        if m.group().replace(" ", "").upper() not in _NOT_INITIALS
    ]


def find_names(text: str) -> list[NameHit]:
    """Find people's names and named small workplaces in text."""
    tokens = tokenise(text)
    return _Scan(text, tokens).run() + _dotted_initials(text)
