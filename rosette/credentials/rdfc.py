"""RDFC-1.0 canonicalization without pyld, for documents of a shape seen before.

Canonicalizing a credential with pyld means expanding it against its contexts, turning it into
RDF quads and labelling its blank nodes: several milliseconds, almost all of it spent on what is
the same for every credential Rosette signs or checks: the contexts, the keys, the types, where
each value ends up. This module learns that once per *shape* and then only substitutes values.

A document's **shape** is its JSON structure (keys, array lengths), its ``@context`` and
``type`` values, its non-string values, and for every other string a *class*: an absolute IRI
of a given scheme, or plain text. To learn a shape, the document is rebuilt with a unique
sentinel string in place of each classed string (an IRI of the same scheme, or plain text),
and pyld converts that to quads (with the same checks as always: undefined terms and relative
IRIs refused, blank nodes capped). A string whose sentinel comes out unchanged as a whole IRI
or literal is a *slot*: the quads are a template into which any value of its class can be
placed. A string whose sentinel is changed on the way (a vocabulary term, a compact IRI, a
JSON literal) or disappears is *structural*: the shape is learnt again with its real value,
and templates of that shape are kept per real value.

Canonicalizing from a template is then: substitute, drop duplicate quads (pyld merges equal
values and nodes), hash each blank node's first-degree quads (RDFC-1.0 §4.6) and, when every
hash is distinct, label blank nodes in hash order; N-Quads are serialized exactly as pyld does
(its escaping included). When two blank nodes hash alike (the N-degree algorithm would be
needed), or a shape cannot be learnt, the caller's pyld path is used for that document.
``rosette/credentials/tests/test_rdfc.py`` proves the output equal to pyld's over generated
credentials, status lists, proof options and hostile variations (hypothesis).

A shape is learnt on its second sighting, so one-off documents (anything pasted into the
verify page) cost no more than before; the number of shapes kept is bounded.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from cachetools import LRUCache

#: ``dataset(document)``: pyld's RDF dataset of a document (``{graph: [triple, …]}``), after
#: the same checks as a full canonicalization; raises when the document cannot be signed.
ToDataset = Callable[[Mapping[str, Any]], dict[str, list[dict[str, Any]]]]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_MARK = "rosettesentinel"
SENTINEL = re.compile(_MARK + r"(\d+)x")
# An absolute IRI that pyld passes through unchanged and N-Quads can carry without escaping.
# pyld's placeholder base is excluded: our safe mode treats IRIs under it as relative.
_IRI = re.compile(r"^([a-z][a-z0-9+.\-]*):(//)?[!#-;=?-\[\]_a-z~]*$")
_PLACEHOLDER_BASE = "http://example.org/base/"
_STRUCTURAL_KEYS = frozenset({"type", "@type", "@language", "@direction", "@vocab", "@base"})
MAX_RELEARN = 4


def escape(value: str) -> str:
    """N-Quads literal escaping, as pyld does it (``pyld.nquads.escape``)."""
    return (
        value.replace("\\", "\\\\")
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace('"', '\\"')
    )


# --- shapes ----------------------------------------------------------------------------------


class UnknownShape(Exception):
    """The document has no shape this module will template (it mentions a sentinel)."""


def shape_of(document: Any) -> tuple[tuple[Any, ...], list[str]]:
    """The document's shape and its classed strings, in the order they are visited.

    Raises :class:`UnknownShape` for a document that contains the sentinel marker itself:
    a real value mistaken for a sentinel would put the wrong value in the template.
    """
    signature: list[Any] = []
    leaves: list[str] = []
    _walk(document, None, signature, leaves)
    return tuple(signature), leaves


def _walk(value: Any, key: str | None, signature: list[Any], leaves: list[str]) -> None:
    if isinstance(value, Mapping):
        keys = sorted(value)
        if any(_MARK in k for k in keys):
            raise UnknownShape
        signature.append(("{", tuple(keys)))
        for k in keys:
            if k == "@context":
                context = json.dumps(value[k], sort_keys=True)
                if _MARK in context:
                    raise UnknownShape
                signature.append(("ctx", context))
            else:
                _walk(value[k], k, signature, leaves)
    elif isinstance(value, list):
        signature.append(("[", len(value)))
        for item in value:
            _walk(item, key, signature, leaves)
    elif isinstance(value, str):
        if _MARK in value:
            raise UnknownShape
        if key in _STRUCTURAL_KEYS or value.startswith(("@", "_:")):
            signature.append(("=", value))
        else:
            signature.append(_class(value))
            leaves.append(value)
    else:  # numbers, booleans and null shape the quads by type and value
        signature.append(("=", type(value).__name__, repr(value)))


def _class(value: str) -> str:
    match = _IRI.match(value)
    if match is None or value.startswith(_PLACEHOLDER_BASE):
        return "str"
    return f"iri:{match.group(1)}:{match.group(2) or ''}"


def _sentinel(number: int, cls: str) -> str:
    if cls == "str":
        return f"rosettesentinel{number}x"
    _, scheme, slashes = cls.split(":")
    return f"{scheme}:{slashes}rosettesentinel{number}x"


def _rebuild(value: Any, key: str | None, replacements: list[str], position: list[int]) -> Any:
    """``value`` with its classed strings replaced, visiting them as :func:`_walk` does."""
    if isinstance(value, Mapping):
        return {
            k: value[k] if k == "@context" else _rebuild(value[k], k, replacements, position)
            for k in sorted(value)
        }
    if isinstance(value, list):
        return [_rebuild(item, key, replacements, position) for item in value]
    if isinstance(value, str) and not (key in _STRUCTURAL_KEYS or value.startswith(("@", "_:"))):
        position[0] += 1
        return replacements[position[0] - 1]
    return value


# --- templates -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Template:
    """The quads of one shape as ``str.format`` strings over slot texts and blank nodes.

    Format fields ``0 … slots-1`` are the slot texts (escaped literal or IRI, see ``fills``),
    ``slots … slots+blanks-1`` the blank nodes.
    """

    fills: tuple[tuple[int, bool], ...]  # (leaf index, is literal) per slot text
    blanks: int
    quads: tuple[str, ...]
    quad_blanks: tuple[tuple[int, ...], ...]  # the blank nodes each quad mentions


class _Builder:
    """Turns a sentinel document's quads into format strings; notes structural strings."""

    def __init__(self, sentinels: dict[str, int]) -> None:
        self.sentinels = sentinels
        self.fills: dict[tuple[int, bool], int] = {}
        self.structural: set[int] = set()
        self.used: set[int] = set()

    def text(self, value: str, literal: bool) -> str:
        """The format text of an IRI or literal value: a slot field, or a constant."""
        leaf = self.sentinels.get(value)
        if leaf is not None:
            self.used.add(leaf)
            return f"{{{self.fills.setdefault((leaf, literal), len(self.fills))}}}"
        found = SENTINEL.findall(value)
        if found:  # a sentinel changed on the way: that string shapes the quads
            self.structural.update(int(n) for n in found)
            return ""
        text = escape(value) if literal else value
        return text.replace("{", "{{").replace("}", "}}")

    def term(self, term: Mapping[str, Any]) -> str | tuple[str]:
        """A term's format text, or ``(label,)`` for a blank node."""
        if term["type"] == "IRI":
            return "<" + self.text(term["value"], False) + ">"
        if term["type"] == "blank node":
            return (term["value"],)
        text = '"' + self.text(term["value"], True) + '"'
        datatype: str = term["datatype"]  # pyld gives every literal one
        if datatype == RDF_LANGSTRING:
            if term.get("language"):
                text += "@" + term["language"]
        elif datatype != XSD_STRING:
            text += "^^<" + self.text(datatype, False) + ">"
        return text


def build_template(
    dataset: Mapping[str, list[dict[str, Any]]], sentinels: dict[str, int], fixed: set[int]
) -> Template | set[int]:
    """The template of a dataset made from a sentinel document (``sentinels``: sentinel →
    leaf; ``fixed``: leaves given their real values), or the further leaves found to be
    structural, to learn again with their real values."""
    builder = _Builder(sentinels)
    raw: list[list[str | tuple[str]]] = []
    for graph_name, triples in dataset.items():
        graph: list[str | tuple[str]] = []
        if graph_name != "@default":
            kind = "blank node" if graph_name.startswith("_:") else "IRI"
            graph = [" ", builder.term({"type": kind, "value": graph_name})]
        for triple in triples:
            s, p, o = (builder.term(triple[k]) for k in ("subject", "predicate", "object"))
            raw.append([s, " ", p, " ", o, *graph, " .\n"])
    unused = set(sentinels.values()) - builder.used - builder.structural - fixed
    if builder.structural or unused:
        return builder.structural | unused
    slots = len(builder.fills)
    labels = sorted({part[0] for parts in raw for part in parts if isinstance(part, tuple)})
    field = {label: slots + n for n, label in enumerate(labels)}
    quads = []
    quad_blanks = []
    for parts in raw:
        quads.append(
            "".join(part if isinstance(part, str) else f"{{{field[part[0]]}}}" for part in parts)
        )
        quad_blanks.append(
            tuple(sorted({field[p[0]] - slots for p in parts if isinstance(p, tuple)}))
        )
    fills = tuple(sorted(builder.fills, key=builder.fills.__getitem__))
    return Template(fills, len(labels), tuple(quads), tuple(quad_blanks))


def render(template: Template, leaves: list[str]) -> str | None:
    """The canonical N-Quads of a document of this shape with these strings, or ``None`` when
    two blank nodes hash alike (the caller then uses pyld)."""
    texts = [escape(leaves[i]) if literal else leaves[i] for i, literal in template.fills]
    slots = len(texts)
    blanks = template.blanks
    named = texts + [f"_:b{n}" for n in range(blanks)]
    # pyld keeps one of equal quads (equal values, or nodes merged because their ids match).
    seen: dict[str, int] = {}
    for n, quad in enumerate(template.quads):
        seen.setdefault(quad.format(*named), n)
    kept = sorted(seen.values()) if len(seen) < len(template.quads) else range(len(template.quads))
    quads = [template.quads[n] for n in kept]
    mentions: list[list[int]] = [[] for _ in range(blanks)]
    for position, n in enumerate(kept):
        for blank in template.quad_blanks[n]:
            mentions[blank].append(position)
    hashes = []
    for blank in range(blanks):
        values = texts + ["_:z"] * blanks
        values[slots + blank] = "_:a"
        lines = sorted(quads[q].format(*values) for q in mentions[blank])
        hashes.append((hashlib.sha256("".join(lines).encode("utf-8")).hexdigest(), blank))
    hashes.sort()
    if any(a[0] == b[0] for a, b in itertools.pairwise(hashes)):
        return None
    labels = [""] * blanks
    for number, (_, blank) in enumerate(hashes):
        labels[blank] = f"_:c14n{number}"
    final = texts + labels
    return "".join(sorted(quad.format(*final) for quad in quads))


# --- the cache of shapes ---------------------------------------------------------------------


@dataclass
class _Shape:
    structural: frozenset[int] = frozenset()
    templates: LRUCache[tuple[str, ...], Template] | None = None
    unusable: bool = False


class ShapeCache:
    """Templates by shape, learnt from one pyld ``to_dataset`` (one set of contexts)."""

    def __init__(self, maxsize: int = 256) -> None:
        self._shapes: LRUCache[tuple[Any, ...], _Shape] = LRUCache(maxsize=maxsize)
        self._seen: LRUCache[tuple[Any, ...], bool] = LRUCache(maxsize=maxsize * 4)
        self._lock = threading.Lock()
        self.hits = 0

    def canonicalize(self, document: Mapping[str, Any], to_dataset: ToDataset) -> str | None:
        """The canonical N-Quads of ``document`` from a template, or ``None`` (use pyld)."""
        try:
            signature, leaves = shape_of(document)
        except UnknownShape:
            return None
        with self._lock:
            shape = self._shapes.get(signature)
            if shape is None:
                if not self._seen.pop(signature, False):
                    self._seen[signature] = True  # learnt on the second sighting
                    return None
                shape = self._shapes[signature] = _Shape()
        if shape.unusable:
            return None
        template = self._template(shape, signature, leaves, document, to_dataset)
        if template is None:
            return None
        result = render(template, leaves)
        if result is not None:
            self.hits += 1
        return result

    def _template(
        self,
        shape: _Shape,
        signature: tuple[Any, ...],
        leaves: list[str],
        document: Mapping[str, Any],
        to_dataset: ToDataset,
    ) -> Template | None:
        key = tuple(leaves[i] for i in sorted(shape.structural))
        with self._lock:
            if shape.templates is not None and key in shape.templates:
                return shape.templates[key]
        structural = set(shape.structural)
        classes = [c for c in signature if isinstance(c, str)]
        for _ in range(MAX_RELEARN):
            sentinels = {
                _sentinel(i, classes[i]): i for i in range(len(leaves)) if i not in structural
            }
            replacements = [
                leaves[i] if i in structural else _sentinel(i, classes[i])
                for i in range(len(leaves))
            ]
            try:
                dataset = to_dataset(_rebuild(document, None, replacements, [0]))
            except Exception as exc:
                # A sentinel refused (a vocabulary term where text was put): learn with that
                # string's real value. Anything else: the document goes to pyld, which says
                # what is wrong with it.
                named = {int(n) for n in SENTINEL.findall(str(exc))}
                if not named or named <= structural:
                    break
                structural |= named
                continue
            learnt = build_template(dataset, sentinels, structural)
            if isinstance(learnt, Template):
                with self._lock:
                    if frozenset(structural) != shape.structural:
                        shape.structural = frozenset(structural)
                        shape.templates = None
                    if shape.templates is None:
                        shape.templates = LRUCache(maxsize=64)
                    shape.templates[tuple(leaves[i] for i in sorted(structural))] = learnt
                return learnt
            if learnt <= structural:
                break
            structural |= learnt
        shape.unusable = True
        return None
