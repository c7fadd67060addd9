"""Data Integrity proofs: ``eddsa-rdfc-2022`` (create and verify) and ``Ed25519Signature2020``
(verify only).

Both suites hash the same way (W3C vc-di-eddsa): the proof options and the document (without
its proof) are each canonicalized with RDFC-1.0, hashed with SHA-256, and the Ed25519 signature
covers ``sha256(canonical proof options) || sha256(canonical document)``. The signature is
carried as multibase base58btc in ``proofValue``.

Canonicalization uses pyld's ``URDNA2015`` (RDFC-1.0 is the W3C Recommendation of that
algorithm; the two produce the same output for the documents we sign) with the local-only
document loader, and in "safe mode": a property or type the contexts do not define would be
silently dropped from the signed data, so it is refused instead. Documents of a shape seen
before (every credential and status list Rosette issues) are canonicalized from a template
learnt from pyld (:mod:`.rdfc`, proved equal to pyld by property tests); pyld's resolved
contexts are cached (the loader tags them static), so even the pyld path no longer re-reads
and re-processes the context files for every document (ADR 0013).
"""

from __future__ import annotations

import copy
import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from cachetools import LRUCache
from pyld.canon import URDNA2015
from pyld.context_resolver import ContextResolver
from pyld.jsonld import JsonLdError, JsonLdProcessor

from .contexts import DATA_INTEGRITY_V2, ED25519_2020_V1, VC_V2, DocumentLoader, document_loader
from .errors import ContextError, CredentialError, DIDError, KeyMaterialError, SigningError
from .keys import (
    SigningKey,
    VerificationKey,
    find_verification_method,
    resolve_did_key,
)
from .multibase import decode_base58btc, encode_base58btc
from .rdfc import ShapeCache

EDDSA_RDFC_2022 = "eddsa-rdfc-2022"
DATA_INTEGRITY_PROOF = "DataIntegrityProof"
ED25519_SIGNATURE_2020 = "Ed25519Signature2020"

MAX_BLANK_NODES = 512

#: ``resolver(did_or_url) -> DID/controller document or None``; supplied by the caller for
#: anything that is not a did:key (did:web of our own issuers locally, others over guarded HTTP).
Resolver = Callable[[str], Mapping[str, Any] | None]


class CanonicalizationError(CredentialError):
    """The document cannot be canonicalized safely (undefined terms, relative IRIs, contexts)."""


@dataclass(frozen=True)
class Problem:
    """One reason a verification failed: a stable ``code`` and a plain-English ``message``."""

    code: str
    message: str


@dataclass(frozen=True)
class ProofCheck:
    """The outcome of checking the proof(s) on a document."""

    verified: bool
    problems: tuple[Problem, ...] = ()
    verification_methods: tuple[str, ...] = ()
    controllers: tuple[str, ...] = field(default=())

    @property
    def reasons(self) -> list[str]:
        """The plain messages, for display."""
        return [p.message for p in self.problems]


# --- canonicalization ------------------------------------------------------------------------

_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
# pyld resolves relative IRIs against this placeholder when a document has no base; such an IRI
# was relative in the document (jsonld.js "safe mode" refuses those too).
_PYLD_PLACEHOLDER_BASE = "http://example.org/base/"


def _is_absolute(iri: str) -> bool:
    return bool(_ABSOLUTE_IRI.match(iri)) and not iri.startswith(_PYLD_PLACEHOLDER_BASE)


def _raise_dropped(term: str | None) -> None:
    raise CanonicalizationError(
        f"The document uses a term ({term!r}) that none of its contexts define; it would not "
        "be covered by the signature."
    )


def _check_expanded(node: Any) -> None:
    if isinstance(node, list):
        for item in node:
            _check_expanded(item)
        return
    if not isinstance(node, dict):
        return
    is_value = "@value" in node
    for key, value in node.items():
        if key == "@id" and isinstance(value, str):
            if not (value.startswith("_:") or _is_absolute(value)):
                raise CanonicalizationError(
                    f"The identifier {value.removeprefix(_PYLD_PLACEHOLDER_BASE)!r} is not an "
                    "absolute IRI; it would not be signed."
                )
        elif key == "@type":
            for t in value if isinstance(value, list) else [value]:
                if isinstance(t, str) and not (
                    t.startswith("_:") or _is_absolute(t) or (is_value and t == "@json")
                ):
                    raise CanonicalizationError(
                        f"The type {t.removeprefix(_PYLD_PLACEHOLDER_BASE)!r} is not defined by "
                        "the document's contexts."
                    )
        elif key != "@value":
            _check_expanded(value)


# Templates of the shapes of documents (rdfc.py), shared by every canonicalizer that uses only
# Rosette's local contexts: what they learn depends on nothing else.
_SHARED_SHAPES = ShapeCache()


class Canonicalizer:
    """RDFC-1.0 canonicalization with a local-only loader and a private context cache.

    Documents of a shape seen before are canonicalized from a template (:mod:`.rdfc`), which
    gives pyld's output without running it; anything else goes through pyld.
    """

    def __init__(self, loader: DocumentLoader | None = None) -> None:
        self.loader = loader or document_loader()
        self._cache: LRUCache[str, Any] = LRUCache(maxsize=64)
        self._shapes = _SHARED_SHAPES if loader is None else ShapeCache()

    def canonicalize(self, document: Mapping[str, Any]) -> str:
        """The canonical N-Quads of ``document`` (raises :class:`CanonicalizationError`)."""
        fast = self._shapes.canonicalize(document, self.dataset)
        if fast is not None:
            return fast
        return self.canonicalize_with_pyld(document)

    def canonicalize_with_pyld(self, document: Mapping[str, Any]) -> str:
        """The canonical N-Quads of ``document`` by pyld alone (the reference)."""
        result: str = URDNA2015().main(self.dataset(document), {"format": "application/n-quads"})
        return result

    def dataset(self, document: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
        """pyld's RDF dataset of ``document``, in safe mode and with blank nodes capped."""
        options: dict[str, Any] = {
            "documentLoader": self.loader,
            "contextResolver": ContextResolver(self._cache, self.loader),
            "base": "",
            "processingMode": "json-ld-1.1",
            "extractAllScripts": True,
        }
        processor = JsonLdProcessor(on_property_dropped=_raise_dropped)
        try:
            expanded = processor.expand(dict(document), dict(options))
            _check_expanded(expanded)
            dataset: dict[str, list[dict[str, Any]]] = processor.to_rdf(
                expanded, {**options, "produceGeneralizedRdf": False}
            )
        except CanonicalizationError:
            raise
        except JsonLdError as exc:
            raise CanonicalizationError(_jsonld_message(exc)) from None
        blank_nodes = {
            term["value"]
            for quads in dataset.values()
            for quad in quads
            for term in (quad["subject"], quad["object"])
            if term["type"] == "blank node"
        }
        if len(blank_nodes) > MAX_BLANK_NODES:
            raise CanonicalizationError("The document has too many blank nodes to canonicalize.")
        return dataset


def _jsonld_message(exc: JsonLdError) -> str:
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ContextError | CanonicalizationError):
            return str(cause)
        cause = cause.__cause__ or cause.__context__
        if cause is not None and isinstance(cause, JsonLdError):
            details = getattr(cause, "details", None) or {}
            inner = details.get("cause") if isinstance(details, dict) else None
            if isinstance(inner, ContextError):
                return str(inner)
    details = getattr(exc, "details", None) or {}
    inner = details.get("cause") if isinstance(details, dict) else None
    if isinstance(inner, ContextError):
        return str(inner)
    return f"The document is not valid JSON-LD: {exc}"


_DEFAULT: Canonicalizer | None = None


def default_canonicalizer() -> Canonicalizer:
    """A shared canonicalizer using only Rosette's local contexts."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Canonicalizer()
    return _DEFAULT


# --- create ----------------------------------------------------------------------------------


def xsd_datetime(moment: datetime) -> str:
    """An XML Schema dateTime in UTC with seconds precision, e.g. ``2024-05-01T12:00:00Z``."""
    if moment.tzinfo is None:
        raise ValueError("Timezone-aware datetimes only.")
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _contexts(document: Mapping[str, Any]) -> list[Any]:
    ctx = document.get("@context")
    if ctx is None:
        return []
    return list(ctx) if isinstance(ctx, list) else [ctx]


def hash_data(
    document: Mapping[str, Any],
    proof_options: Mapping[str, Any],
    canonicalizer: Canonicalizer | None = None,
) -> bytes:
    """``sha256(canon(proof options with the document's @context)) || sha256(canon(document
    without proof))`` — the bytes an eddsa-rdfc-2022 or Ed25519Signature2020 signature covers.
    """
    canon = canonicalizer or default_canonicalizer()
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    config = {k: v for k, v in proof_options.items() if k != "proofValue"}
    config["@context"] = document.get("@context")
    proof_hash = hashlib.sha256(canon.canonicalize(config).encode("utf-8")).digest()
    doc_hash = hashlib.sha256(canon.canonicalize(unsecured).encode("utf-8")).digest()
    return proof_hash + doc_hash


def sign_eddsa_rdfc_2022(
    document: Mapping[str, Any],
    key: SigningKey,
    *,
    verification_method: str,
    created: datetime,
    proof_purpose: str = "assertionMethod",
    canonicalizer: Canonicalizer | None = None,
) -> dict[str, Any]:
    """Return a copy of ``document`` with an ``eddsa-rdfc-2022`` DataIntegrityProof added.

    If the document does not use the VC 2.0 context, the Data Integrity v2 context is appended
    so the proof's terms are defined. Existing proofs are kept (a proof set).
    """
    unsecured = copy.deepcopy({k: v for k, v in document.items() if k != "proof"})
    contexts = _contexts(unsecured)
    if VC_V2 not in contexts and DATA_INTEGRITY_V2 not in contexts:
        unsecured["@context"] = [*contexts, DATA_INTEGRITY_V2]
    proof: dict[str, Any] = {
        "type": DATA_INTEGRITY_PROOF,
        "cryptosuite": EDDSA_RDFC_2022,
        "created": xsd_datetime(created),
        "verificationMethod": verification_method,
        "proofPurpose": proof_purpose,
    }
    try:
        data = hash_data(unsecured, proof, canonicalizer)
    except CanonicalizationError as exc:
        raise SigningError(f"Cannot sign this document: {exc}") from None
    proof["proofValue"] = encode_base58btc(key.sign(data))
    previous = document.get("proof")
    if previous is None:
        unsecured["proof"] = proof
    else:
        prior = previous if isinstance(previous, list) else [previous]
        unsecured["proof"] = [*copy.deepcopy(prior), proof]
    return unsecured


# --- verify ----------------------------------------------------------------------------------


def resolve_verification_method(
    method_id: str, resolver: Resolver | None, *, purpose: str = "assertionMethod"
) -> tuple[VerificationKey, str]:
    """Find the public key and controller for ``method_id``.

    did:key is resolved locally; anything else goes to ``resolver`` (which returns the DID or
    controller document, or ``None``). The method must be listed under ``purpose`` and be a
    Multikey or Ed25519VerificationKey2020 holding an Ed25519 key.
    """
    if not isinstance(method_id, str) or "#" not in method_id:
        raise DIDError("The proof's verificationMethod is not a DID URL with a key fragment.")
    controller_id = method_id.split("#", 1)[0]
    if controller_id.startswith("did:key:"):
        document: Mapping[str, Any] | None = resolve_did_key(controller_id)
    elif resolver is None:
        raise DIDError(f"No resolver is available for {controller_id}.")
    else:
        try:
            document = resolver(controller_id)
        except CredentialError as exc:
            raise DIDError(f"Could not resolve {controller_id}: {exc}") from None
    if not document or document.get("id") != controller_id:
        raise DIDError(f"Could not resolve {controller_id} to a matching document.")
    method = find_verification_method(document, method_id, purpose=purpose)
    if method is None:
        raise DIDError(f"The key {method_id} is not listed for {purpose} by its controller.")
    if method.get("controller", controller_id) != controller_id:
        raise DIDError(f"The key {method_id} is controlled by someone else.")
    if method.get("type") not in ("Multikey", "Ed25519VerificationKey2020"):
        raise DIDError(f"The key {method_id} is of an unsupported type.")
    try:
        key = VerificationKey.from_multibase(method.get("publicKeyMultibase", ""))
    except KeyMaterialError as exc:
        raise DIDError(f"The key {method_id} is unusable: {exc}") from None
    return key, controller_id


def _check_one_proof(
    document: Mapping[str, Any],
    proof: Any,
    resolver: Resolver | None,
    purpose: str,
    canonicalizer: Canonicalizer | None,
) -> tuple[list[Problem], str | None, str | None]:
    """One proof: its form (a suite we support, its context, its purpose), then its signature
    over the document with the key it names. Problems, the method's id and its controller."""
    unfit = _unsupported_form(document, proof, purpose)
    if unfit is not None:
        return [unfit], None, None
    method_id = proof.get("verificationMethod")
    if isinstance(method_id, Mapping):
        method_id = method_id.get("id")
    try:
        signature = decode_base58btc(proof.get("proofValue", ""))
    except KeyMaterialError:
        return [Problem("malformed-proof", "The proofValue is not base58btc.")], None, None
    try:
        key, controller = resolve_verification_method(str(method_id), resolver, purpose=purpose)
    except DIDError as exc:
        return [Problem("unknown-key", str(exc))], None, None
    try:
        data = hash_data(document, proof, canonicalizer)
    except CanonicalizationError as exc:
        return [Problem("bad-context", str(exc))], None, None
    if len(signature) != 64 or not key.verify(signature, data):
        return [_TAMPERED], str(method_id), controller
    return [], str(method_id), controller


_TAMPERED = Problem(
    "tampered",
    "The signature does not match: the document was changed after signing, "
    "or it was signed with a different key.",
)


def _unsupported_form(document: Mapping[str, Any], proof: Any, purpose: str) -> Problem | None:
    """Why this proof is not one we can check (suite, context, purpose), or ``None``."""
    if not isinstance(proof, Mapping):
        return Problem("malformed-proof", "The proof is not a JSON object.")
    proof_type = proof.get("type")
    if proof_type == DATA_INTEGRITY_PROOF:
        if proof.get("cryptosuite") != EDDSA_RDFC_2022:
            return Problem(
                "unsupported-cryptosuite",
                f"The proof uses the cryptosuite {proof.get('cryptosuite')!r}; only "
                f"{EDDSA_RDFC_2022} is supported.",
            )
        proof_ctx = proof.get("@context")
        if proof_ctx is not None:
            wanted = proof_ctx if isinstance(proof_ctx, list) else [proof_ctx]
            if _contexts(document)[: len(wanted)] != wanted:
                return Problem("bad-context", "The proof's @context does not match the document.")
    elif proof_type == ED25519_SIGNATURE_2020:
        if ED25519_2020_V1 not in _contexts(document):
            return Problem(
                "bad-context", "An Ed25519Signature2020 proof needs the ed25519-2020 context."
            )
    else:
        return Problem("unsupported-proof", f"The proof type {proof_type!r} is not supported.")
    if proof.get("proofPurpose") != purpose:
        return Problem("wrong-purpose", f"The proof's purpose is not {purpose}.")
    return None


def verify_proof(
    document: Mapping[str, Any],
    *,
    resolver: Resolver | None = None,
    purpose: str = "assertionMethod",
    canonicalizer: Canonicalizer | None = None,
) -> ProofCheck:
    """Verify every proof on ``document``; all must pass.

    Supports DataIntegrityProof/eddsa-rdfc-2022 and Ed25519Signature2020. ``resolver`` resolves
    non-did:key controllers (see :data:`Resolver`).
    """
    proofs = document.get("proof")
    if proofs is None:
        return ProofCheck(False, (Problem("no-proof", "The document is not signed."),))
    proof_list = proofs if isinstance(proofs, list) else [proofs]
    if not proof_list:
        return ProofCheck(False, (Problem("no-proof", "The document is not signed."),))
    problems: list[Problem] = []
    methods: list[str] = []
    controllers: list[str] = []
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    for proof in proof_list:
        found, method, controller = _check_one_proof(
            unsecured, proof, resolver, purpose, canonicalizer
        )
        problems.extend(found)
        if method and controller and not found:
            methods.append(method)
            controllers.append(controller)
    return ProofCheck(not problems, tuple(problems), tuple(methods), tuple(controllers))
