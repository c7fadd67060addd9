"""Every user-facing string in a project template is marked for translation.

The scan reads each template of ours (templates/ and rosette/*/templates/, not the packages'
own) with Django's own lexer, blanks what is marked ({% translate %}, the inside of
{% blocktranslate %}), what is computed ({{ variables }}, {% tags %}) and what is not shown
(comments, <script>, <style>), and reports every text node or user-facing attribute that
still holds a word.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from django.template.base import Lexer, TokenType

ROOT = Path(__file__).resolve().parent.parent

# Words that are the same in every language: the product's name, and the name of English
# shown to choose English (a language is named in its own language).
ALLOWED = {"Rosette", "English", "Open Badges"}

# Attributes a reader sees or hears. `value` only counts on buttons (see below).
SHOWN_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "aria-description"}

SENTINEL = "\x00"
WORD = re.compile(r"[^\W\d_]{2,}")
QUOTED = re.compile(r"""(?<![\w.])(\w+)=(["'])([^"']*)\2""")
# Arguments to tags that are passed on to be shown (`with title="…"`).
SHOWN_TAG_ARGUMENTS = {
    "title",
    "label",
    "hint",
    "text",
    "content",
    "heading",
    "button",
    "button_text",
    "legend",
    "caption",
    "message",
    "description",
    "inline_label",
    "link_text",
    "summary",
    "error",
}


# The demo's printable handout is English seed material (DESIGN.md: the demo texts are in
# English); it declares lang="en-GB" and is never offered in another language.
NOT_TRANSLATED = {"rosette/demo/templates/demo/guide_handout.html"}


def project_templates() -> list[Path]:
    directories = [ROOT / "templates", *sorted((ROOT / "rosette").glob("*/templates"))]
    found = [
        path
        for directory in directories
        for path in sorted(directory.rglob("*"))
        if path.suffix in {".html", ".txt"}
    ]
    return [path for path in found if str(path.relative_to(ROOT)) not in NOT_TRANSLATED]


# Not words: CSS class names in a {% block %} (`ds_layout--article`), and the pieces of a tag
# the HTML parser sees as text when a {% if %} chooses the tag's name (`<fieldset`, `id="…"`).
NOT_WORDS = re.compile(r"\S*(?:_|--)\S*|<\w+|[\w-]+=\"[^\"]*\"?")


def _has_words(text: str) -> bool:
    text = NOT_WORDS.sub(" ", text.replace(SENTINEL, " "))
    for allowed in ALLOWED:
        text = text.replace(allowed, " ")
    return bool(WORD.search(text))


def _shown_text(source: str) -> tuple[str, list[str]]:
    """The template with everything marked, computed or hidden replaced by SENTINEL; and the
    string literals passed to tags as things to show."""
    shown: list[str] = []
    tag_literals: list[str] = []
    in_blocktranslate = False
    in_comment = False
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents.split() else ""
            if name in {"blocktranslate", "blocktrans"}:
                in_blocktranslate = True
            elif name in {"endblocktranslate", "endblocktrans"}:
                in_blocktranslate = False
            elif name == "comment":
                in_comment = True
            elif name == "endcomment":
                in_comment = False
            elif not in_comment:
                for key, _quote, value in QUOTED.findall(token.contents):
                    if key in SHOWN_TAG_ARGUMENTS and _has_words(value):
                        tag_literals.append(f'{{% … {key}="{value}" %}}')
            shown.append(SENTINEL)
        elif token.token_type == TokenType.TEXT and not (in_blocktranslate or in_comment):
            shown.append(token.contents)
        else:
            shown.append(SENTINEL)
    return "".join(shown), tag_literals


class _ShownStrings(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self._hidden += 1
        attributes = dict(attrs)
        for name, value in attrs:
            if value is None:
                continue
            is_button_value = name == "value" and (
                tag == "input" and attributes.get("type") in {"submit", "button", "reset"}
            )
            if (name in SHOWN_ATTRIBUTES or is_button_value) and _has_words(value):
                self.found.append(f'{name}="{value.replace(SENTINEL, "…")}"')

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in {"script", "style"}:
            self._hidden -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self._hidden = max(0, self._hidden - 1)

    def handle_data(self, data: str) -> None:
        if not self._hidden and _has_words(data):
            self.found.append(" ".join(data.replace(SENTINEL, "…").split()))


def unmarked_strings(path: Path) -> list[str]:
    text, tag_literals = _shown_text(path.read_text(encoding="utf-8"))
    if path.suffix == ".txt":
        lines = [line for line in text.splitlines() if _has_words(line)]
        return [" ".join(line.replace(SENTINEL, "…").split()) for line in lines] + tag_literals
    parser = _ShownStrings()
    parser.feed(text)
    parser.close()
    return parser.found + tag_literals


def test_the_scan_finds_an_unmarked_string() -> None:
    """The scan can fail: an English sentence, an alt text and a button value left bare."""
    source = (
        '{% load i18n %}<p>{% translate "Marked" %} {{ name }}</p><p>Not marked</p>'
        '<img alt="A rosette"><input type="submit" value="Send">'
        '<button value="save">{% translate "Save" %}</button>'
        "{% block layout %}ds_layout--article{% endblock %}"
        "<script>const hidden = 'not shown';</script>{# a comment #}"
        "{% blocktranslate %}Also marked {{ x }}{% endblocktranslate %}"
        '{% include "x.html" with title="Bare" %}'
    )
    text, tag_literals = _shown_text(source)
    parser = _ShownStrings()
    parser.feed(text)
    assert parser.found == ["Not marked", 'alt="A rosette"', 'value="Send"']
    assert tag_literals == ['{% … title="Bare" %}']


def test_every_user_facing_string_in_a_project_template_is_marked_for_translation() -> None:
    templates = project_templates()
    assert len(templates) > 100
    found = {
        str(path.relative_to(ROOT)): strings
        for path in templates
        if (strings := unmarked_strings(path))
    }
    report = "\n".join(f"{path}: {each!r}" for path, strings in found.items() for each in strings)
    assert not found, f"{sum(map(len, found.values()))} unmarked strings:\n{report}"


# A string literal holding two words or more: something a reader would see. Our scripts take
# what they show from data- attributes rendered (and translated) by the templates.
JS_STRING = re.compile(r"""(["'`])((?:\\.|(?!\1)[^\\\n])*)\1""")
JS_SENTENCE = re.compile(r"[^\W\d_]{2,} [^\W\d_]{2,}")
CSS_SELECTOR = re.compile(r"^[#.\[]|\[[\w-]+(=|\])")
JS_COMMENT = re.compile(r"^\s*//[^\n]*$|/\*.*?\*/", re.MULTILINE | re.DOTALL)


def test_our_scripts_show_no_words_of_their_own() -> None:
    scripts = sorted((ROOT / "static" / "rosette").glob("*.js"))
    assert scripts
    found = [
        f"{path.name}: {match.group(2)!r}"
        for path in scripts
        for match in JS_STRING.finditer(JS_COMMENT.sub("", path.read_text(encoding="utf-8")))
        if JS_SENTENCE.search(NOT_WORDS.sub(" ", match.group(2)))
        and not CSS_SELECTOR.search(match.group(2))
    ]
    assert not found, "\n".join(found)
