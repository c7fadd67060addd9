"""Local JSON-LD contexts and the document loader that serves only them.

Rosette never fetches a JSON-LD context at run time (DESIGN C7). Every context a credential may
use is a file in ``contexts/``; ``contexts/manifest.json`` maps each URL to its file and the file's
SHA-256, which is checked when the files are first loaded. The loader returned by
:func:`document_loader` answers only for those URLs and raises :class:`ContextError` for any
other, without touching the network.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import ContextError

CONTEXTS_DIR = Path(__file__).resolve().parent / "contexts"

VC_V1 = "https://www.w3.org/2018/credentials/v1"
VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB2_CONTEXT = "https://w3id.org/openbadges/v2"
DATA_INTEGRITY_V2 = "https://w3id.org/security/data-integrity/v2"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"
ED25519_2020_V1 = "https://w3id.org/security/suites/ed25519-2020/v1"
DID_V1 = "https://www.w3.org/ns/did/v1"

DocumentLoader = Callable[..., dict[str, Any]]


@lru_cache(maxsize=1)
def _load_local_contexts() -> dict[str, Any]:
    manifest = json.loads((CONTEXTS_DIR / "manifest.json").read_text("utf-8"))
    loaded: dict[str, Any] = {}
    for url, entry in manifest.items():
        raw = (CONTEXTS_DIR / entry["file"]).read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        if digest != entry["sha256"]:
            raise ContextError(
                f"The local JSON-LD context file {entry['file']} for {url} does not match its "
                "recorded checksum; refusing to use it."
            )
        loaded[url] = json.loads(raw)
    return loaded


def known_context_urls() -> frozenset[str]:
    """The context URLs this installation can serve."""
    return frozenset(_load_local_contexts())


def get_context(url: str) -> Any:
    """A deep copy of the local context document for ``url`` (raises :class:`ContextError`)."""
    contexts = _load_local_contexts()
    if url not in contexts:
        raise ContextError(f"The JSON-LD context {url} is not one Rosette knows.")
    return copy.deepcopy(contexts[url])


def document_loader(extra: Mapping[str, Any] | None = None) -> DocumentLoader:
    """Return a pyld document loader serving only local contexts (plus ``extra``, for tests).

    Any other URL raises :class:`ContextError`; nothing is ever fetched.
    """
    documents = dict(_load_local_contexts())
    if extra:
        documents.update(extra)

    def load(url: str, options: Any = None) -> dict[str, Any]:
        try:
            document = documents[url]
        except (KeyError, TypeError):
            raise ContextError(
                f"The JSON-LD context {url!r} is not available locally and Rosette does not "
                "fetch contexts from the network."
            ) from None
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": copy.deepcopy(document),
            # "static": pyld keeps the resolved context in the canonicalizer's cache instead of
            # loading and resolving it again for every document (these files never change).
            "tag": "static",
        }

    return load
