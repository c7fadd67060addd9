from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pyld import jsonld

from rosette.credentials import contexts
from rosette.credentials.errors import ContextError


def test_loader_serves_every_required_context_locally() -> None:
    load = contexts.document_loader()
    for url in (
        "https://www.w3.org/ns/credentials/v2",
        "https://www.w3.org/2018/credentials/v1",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json",
        "https://w3id.org/security/data-integrity/v2",
        "https://w3id.org/security/multikey/v1",
        "https://w3id.org/security/suites/ed25519-2020/v1",
        "https://www.w3.org/ns/did/v1",
        "https://w3id.org/vc/status-list/2021/v1",
        "https://w3id.org/openbadges/v2",
    ):
        remote = load(url, {})
        assert remote["documentUrl"] == url
        assert "@context" in remote["document"]


def test_loader_refuses_unknown_urls_without_fetching() -> None:
    load = contexts.document_loader()
    with pytest.raises(ContextError, match="does not fetch"):
        load("https://evil.example/context.json", {})


def test_loader_returns_copies_so_callers_cannot_poison_it() -> None:
    load = contexts.document_loader()
    load(contexts.VC_V2)["document"]["@context"]["id"] = "poisoned"
    assert load(contexts.VC_V2)["document"]["@context"]["id"] == "@id"
    assert contexts.get_context(contexts.VC_V2)["@context"]["id"] == "@id"


def test_get_context_refuses_unknown_url() -> None:
    with pytest.raises(ContextError):
        contexts.get_context("https://example.org/nope")
    assert contexts.OB3_CONTEXT in contexts.known_context_urls()


def test_expansion_with_unknown_remote_context_fails_cleanly() -> None:
    doc = {"@context": "https://evil.example/ctx", "name": "x"}
    with pytest.raises(jsonld.JsonLdError):
        jsonld.expand(doc, {"documentLoader": contexts.document_loader()})


def test_tampered_context_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "contexts"
    shutil.copytree(contexts.CONTEXTS_DIR, copy)
    target = copy / "credentials-v2.jsonld"
    target.write_text(target.read_text("utf-8").replace("schema.org", "evil.example"), "utf-8")
    monkeypatch.setattr(contexts, "CONTEXTS_DIR", copy)
    contexts._load_local_contexts.cache_clear()
    try:
        with pytest.raises(ContextError, match="checksum"):
            contexts.document_loader()
    finally:
        monkeypatch.undo()
        contexts._load_local_contexts.cache_clear()
