"""Defensive JSON parsing for documents that come from outside (uploads, baked images, HTTP).

The standard library parser is fine for well-formed input but has no size limit, accepts
``NaN``/``Infinity``, silently keeps the last of duplicate keys and can hit Python's recursion
limit on deeply nested input. :func:`load_json` closes those gaps.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .errors import CredentialFormatError

MAX_JSON_BYTES = 1_000_000
MAX_JSON_DEPTH = 48

# A JSON string literal; removing them leaves only structural characters and scalars.
_STRING_RE = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET_RE = re.compile(r"[\[\]{}]")


def _reject_constant(name: str) -> Any:
    raise CredentialFormatError(f"JSON contains {name}, which is not allowed.")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise CredentialFormatError(f"JSON object has the key {key!r} more than once.")
        result[key] = value
    return result


def _check_depth(text: str, max_depth: int) -> None:
    depth = 0
    for match in _BRACKET_RE.finditer(_STRING_RE.sub('""', text)):
        if match.group() in "[{":
            depth += 1
            if depth > max_depth:
                raise CredentialFormatError(
                    f"JSON is nested more than {max_depth} levels deep; refusing to read it."
                )
        else:
            depth -= 1


def load_json(
    data: bytes | str, *, max_bytes: int = MAX_JSON_BYTES, max_depth: int = MAX_JSON_DEPTH
) -> Any:
    """Parse untrusted JSON with a size cap, a nesting-depth cap and strict literals.

    Raises :class:`CredentialFormatError` with a plain message for anything that is not a
    well-formed, reasonably sized JSON document (also for invalid UTF-8 and duplicate keys).
    """
    if isinstance(data, bytes):
        if len(data) > max_bytes:
            raise CredentialFormatError(f"JSON document is larger than {max_bytes} bytes.")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise CredentialFormatError("JSON document is not valid UTF-8.") from None
    else:
        text = data
        if len(text.encode("utf-8", "surrogatepass")) > max_bytes:
            raise CredentialFormatError(f"JSON document is larger than {max_bytes} bytes.")
    _check_depth(text, max_depth)
    try:
        return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicates)
    except CredentialFormatError:
        raise
    except (ValueError, RecursionError) as exc:
        raise CredentialFormatError(f"Not valid JSON: {exc}") from None


def dump_json(document: Any, *, pretty: bool = False) -> str:
    """Serialise a document as UTF-8 friendly JSON (used for downloads and baking)."""
    if pretty:
        return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False)
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))
