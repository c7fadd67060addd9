"""What changed between two versions of an answer, word by word, readable without colour.

Insertions are ``<ins>`` and deletions ``<del>``, each with a visually hidden label ("added",
"removed") so that screen readers say what the change is; the stylesheet adds underline and
strike-through, so the difference never rests on colour alone.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class TextDiff:
    html: SafeString
    added: int  # words
    removed: int
    changed: bool


def _words(tokens: list[str]) -> int:
    return sum(1 for t in tokens if not t.isspace())


def text_diff(before: str, after: str) -> TextDiff:
    """The words of ``after`` with what was added and removed since ``before`` marked."""
    old = _TOKENS.findall(before or "")
    new = _TOKENS.findall(after or "")
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    parts: list[SafeString] = []
    added = removed = 0
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(format_html("{}", "".join(new[j1:j2])))
            continue
        if op in ("delete", "replace"):
            removed += _words(old[i1:i2])
            parts.append(_marked("del", _("removed"), "".join(old[i1:i2])))
        if op in ("insert", "replace"):
            added += _words(new[j1:j2])
            parts.append(_marked("ins", _("added"), "".join(new[j1:j2])))
    html = format_html_join("", "{}", ((part,) for part in parts))
    return TextDiff(html=html, added=added, removed=removed, changed=bool(added or removed))


def _marked(tag: str, label: str, text: str) -> SafeString:
    return format_html(
        '<{} class="rosette-diff__{}"><span class="visually-hidden">[{}: </span>{}'
        '<span class="visually-hidden">]</span></{}>',
        tag,
        tag,
        label,
        text,
        tag,
    )
