"""People's names and named small workplaces.

No statistical model: a gazetteer says which capitalised words can be given names or surnames,
and the words around them decide whether this one is a person here ("I told Grace" is; "a Grace
period" is not). A name found with good evidence anywhere in the text makes its other mentions
count too, as a reader would take them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon as lx
from .lexicon import words as _words

# A word: letters, with internal apostrophes or hyphens (O'Neill, Mary-Jane, Jamie's).
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*(?:-[^\W\d_]+)*")
_SENTENCE_BREAK = frozenset('.!?:;\n\r\u2022*•|()[]{}"“”')
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


@dataclass(frozen=True, slots=True)
class Token:
    """One word of the text, with what the detectors ask about it."""

    start: int
    end: int
    text: str  # without a trailing possessive 's
    possessive: bool
    initial: bool  # first word of a sentence or line
    gap_before: str  # the characters between the previous word and this one

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()


@dataclass(frozen=True, slots=True)
class NameHit:
    """A span the name detectors found, before it becomes a public Finding."""

    start: int
    end: int
    label: str
    confidence: float
    reason: str


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
                            initial, gap))  # fmt: skip
        prev_end = end
    return tokens


def _build_phrases() -> dict[str, list[tuple[str, ...]]]:
    table: dict[str, list[tuple[str, ...]]] = {}
    for phrase in lx.ALLOWED_PHRASES:
        words = tuple(w for w in _WORD.findall(phrase))
        table.setdefault(words[0], []).append(words)
    for options in table.values():
        options.sort(key=len, reverse=True)
    return table


_PHRASES = _build_phrases()
_DESCRIPTORS = [tuple(d.split()) for d in lx.WORKPLACE_DESCRIPTORS]


def _raw(tok: Token) -> str:
    return tok.text + ("'s" if tok.possessive else "")


def _allowed_length(tokens: list[Token], i: int) -> int:
    """How many tokens from i form an allow-listed phrase (0 if none)."""
    for words in _PHRASES.get(_raw(tokens[i]), []):
        n = len(words)
        if (
            i + n <= len(tokens)
            and all(_raw(tokens[i + k]) == words[k] for k in range(n))
            and all(tokens[i + k].gap_before.strip() == "" for k in range(1, n))
        ):
            return n
    return 0


def _joined(tokens: list[Token], i: int) -> bool:
    """Whether token i follows token i-1 with only a space between (same name or phrase)."""
    return i > 0 and tokens[i].gap_before in (" ", "\u00a0") and not tokens[i - 1].possessive


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

    def add(self, i: int, j: int, label: str, confidence: float, reason: str) -> None:
        """Record tokens i..j (inclusive) as one hit."""
        self.hits.append(NameHit(self.tokens[i].start, self.tokens[j].end, label, confidence,
                                 reason))  # fmt: skip
        self.taken.update(range(i, j + 1))

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
            if k:
                self.blocked.update(range(i, i + k))
                i += k
                continue
            j = i
            while j + 1 < n and toks[j + 1].cap and _joined(toks, j + 1):
                j += 1
            self.capital_run(i, j)
            i = j + 1
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
        if any(toks[k].text in lx.ORG_WORDS for k in range(i, j + 1)):
            self.blocked.update(range(i, j + 1))
            return
        k = i
        while k <= j:
            k = self.person_at(k, j) + 1

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
        if any(w in lx.ORG_WORDS and w not in lx.WORKPLACE_SUFFIXES for w in body):
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
        for words in _DESCRIPTORS:
            n = len(words)
            if j + n < len(self.tokens) and all(
                self.tokens[j + 1 + k].text == words[k] and _joined(self.tokens, j + 1 + k)
                for k in range(n)
            ):
                return n
        return 0

    def person_at(self, k: int, j: int) -> int:
        """Decide about the capitalised word k inside run ..j; return the last index used."""
        toks = self.tokens
        tok = toks[k]
        word = tok.text
        given = lx.given_names()
        surnames = lx.surnames()
        nxt = k + 1 if k + 1 <= j else -1
        if word in lx.MONTHS_AND_DAYS:
            return k
        # Mr Campbell, Mrs A. Boyle, Dr Lee
        if word in lx.TITLES:
            return self.titled(k)
        # A. Boyle: an initial and a surname.
        if len(word) == 1 and k + 1 < len(toks) and toks[k + 1].gap_before.startswith("."):
            nt = toks[k + 1]
            if nt.text in surnames and nt.cap and nt.gap_before in (". ", "."):
                self.add(k, k + 1, "PERSON", 0.85, "This looks like a person's name")
                self.confirmed.add(nt.text)
                return k + 1
            return k
        if word in lx.NOT_NAMES or word in lx.ORG_WORDS:
            return k
        ambiguous = word in lx.AMBIGUOUS_NAMES or word in lx.PLACES
        is_given = word in given or (ambiguous and word not in lx.PLACES)
        # Given name + surname: "Sadie Gray", "Leanne Wilson".
        if is_given and nxt != -1:
            second = toks[nxt].text
            good_second = second in surnames and second not in lx.ORG_WORDS
            if not good_second and not ambiguous:
                good_second = (
                    second not in lx.NOT_NAMES
                    and second not in lx.PLACES
                    and second not in lx.MONTHS_AND_DAYS
                    and second not in lx.AMBIGUOUS_NAMES
                )
            if good_second and not self.after_determiner(k):
                last = nxt
                if last + 1 <= j and toks[last + 1].text in surnames:
                    last += 1
                self.add(k, last, "PERSON", 0.9 if not ambiguous else 0.8,
                         "This looks like a person's full name")  # fmt: skip
                self.confirmed.add(word)
                return last
        if nxt != -1:
            # (A possessive always ends a run, so nxt is -1 for "Jamie's".) A capitalised
            # word followed by another one that is not a surname: part of a
            # longer proper noun ("Rose Unit", "Hope Street"), not a person on its own.
            return k
        strong, weak = self.cues(k)
        if self.after_determiner(k) or (not tok.possessive and self.next_word(k) in THING_NOUNS):
            return k
        if is_given and not ambiguous:
            if (
                strong
                or weak
                or not tok.initial
                or self.verb_follows(k)
                or self.lower_follows(k)
                or self.alone_on_line(k)
            ):
                self.add(k, k, "PERSON", 0.8 if (strong or weak) else 0.7,
                         "This looks like a person's name")  # fmt: skip
                self.confirmed.add(word)
            return k
        if is_given or word in lx.PLACES:
            # Words that are also ordinary words or places need a cue.
            place_context = self.prev_word(k) in lx.PLACE_PRECEDERS and word in lx.PLACES
            if strong and not place_context:
                self.add(k, k, "PERSON", 0.65, "This looks like a person's name")
                self.confirmed.add(word)
            elif weak and not tok.initial and not place_context and word not in lx.PLACES:
                self.add(k, k, "PERSON", 0.55, "This looks like a person's name")
            return k
        # A capitalised word we do not know as a name, introduced as a person: "his
        # daughter Eilidh", "Zainab's mum".
        introduced = self.prev_word(k) in lx.KIN_AND_ROLES or (
            tok.possessive and self.next_word(k) in lx.KIN_AND_ROLES
        )
        if (introduced or (strong and not tok.initial)) and word.isalpha() and len(word) > 2:
            self.add(k, k, "PERSON", 0.6, "This looks like a person's name")
            self.confirmed.add(word)
        return k

    def titled(self, k: int) -> int:
        toks = self.tokens
        word = toks[k].text
        j = k + 1
        if j >= len(toks) or toks[j].gap_before not in (" ", ". ", "\u00a0"):
            return k
        first = toks[j]
        if not first.cap or first.text in lx.ORG_WORDS or first.text in lx.MONTHS_AND_DAYS:
            return k
        weak = word in lx.WEAK_TITLES
        if len(first.text) == 1:
            # Mrs A. Boyle
            if j + 1 < len(toks) and toks[j + 1].cap and toks[j + 1].gap_before in (". ", " "):
                j += 1
            else:
                return k
        elif weak and not (first.text in lx.given_names() or first.text in lx.surnames()):
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
        self.add(k, last, "PERSON", 0.9 if not weak else 0.75,
                 "This looks like a person's name with a title")  # fmt: skip
        self.confirmed.add(toks[last].text)
        return last

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
        return self.prev_word(k) in lx.DETERMINERS

    def lower_follows(self, k: int) -> bool:
        """Whether a lowercase word follows token k in the same sentence ("Stephen keeps")."""
        nxt = self.next_word(k)
        return bool(nxt) and self.tokens[k + 1].text[:1].islower()

    def verb_follows(self, k: int) -> bool:
        return self.next_word(k) in lx.PERSON_FOLLOWERS or self.tokens[k].possessive

    def cues(self, k: int) -> tuple[bool, bool]:
        """(strong, weak) evidence from the words around token k that it is a person."""
        tok = self.tokens[k]
        prev = self.prev_word(k)
        nxt = self.next_word(k)
        strong = prev in lx.KIN_AND_ROLES or (tok.possessive and nxt in lx.KIN_AND_ROLES)
        if nxt in _SPEECH and not tok.possessive:
            strong = True
        weak = prev in lx.PERSON_PRECEDERS or nxt in lx.PERSON_FOLLOWERS
        # ", who is 35" and similar relative clauses after a name.
        after = self.text[tok.end + (2 if tok.possessive else 0) : tok.end + 8]
        if after.startswith((", who", ", whose", " and his", " and her", " and I ", " and me")):
            strong = True
        return strong, weak

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


# Lowercase nouns that make the capitalised word before them a name of a thing or place:
# "Willow ward", "Grace period", "Douglas fir", "Down syndrome".
THING_NOUNS = _words(
    """
    ward wards unit units room rooms wing suite lounge floor corridor house home centre court
    street road lane avenue drive park garden gardens team teams group groups class period tree
    trees fir syndrome disease method model approach cycle scale test law principle principles
    act award scheme service services project programme app day week fund trust hall building
    bus ferry line warnings warning alert alerts level levels
    """
)

# Verbs of speech and feeling after an unknown capitalised word make it a person.
_SPEECH = _words(
    """
    said says told asked disclosed explained admitted shouted cried laughed smiled replied
    answered whispered insisted complained mentioned confided agreed refused
    """
)


def find_names(text: str) -> list[NameHit]:
    """Find people's names and named small workplaces in text."""
    tokens = tokenise(text)
    return _Scan(text, tokens).run()
