from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

import pytest

from rosette.credentials.dataintegrity import (
    CanonicalizationError,
    Canonicalizer,
    hash_data,
    resolve_verification_method,
    sign_eddsa_rdfc_2022,
    verify_proof,
    xsd_datetime,
)
from rosette.credentials.errors import DIDError, SigningError
from rosette.credentials.keys import SigningKey, build_did_document, did_key_verification_method
from rosette.credentials.ob3 import build_open_badge_credential

from .conftest import ISSUER_DID, make_info, read_json

VECTOR_COMBINED_HASH = (
    "4c4d3890a157f8d611b13c265c2c22f39aa0a567c7c7dd9ba3e45cd579784eeb"
    "517744132ae165a5349155bef0bb0cf2258fff99dfe1dbd914b938d775a36017"
)
Resolver = Callable[[str], Mapping[str, Any] | None]


def vector_resolver() -> Resolver:
    pair = read_json("eddsa-key-pair.json")
    key = SigningKey.from_multibase(pair["privateKeyMultibase"]).public_key
    doc = build_did_document("https://vc.example/issuers/5678", [(key.multibase, key)])
    return {"https://vc.example/issuers/5678": doc}.get


def test_w3c_eddsa_rdfc_2022_vector_verifies(examples_canonicalizer: Canonicalizer) -> None:
    signed = read_json("eddsa-rdfc-2022-signed.json")
    assert hash_data(signed, signed["proof"], examples_canonicalizer).hex() == VECTOR_COMBINED_HASH
    check = verify_proof(signed, resolver=vector_resolver(), canonicalizer=examples_canonicalizer)
    assert check.verified, check.reasons
    assert check.controllers == ("https://vc.example/issuers/5678",)


def test_signer_reproduces_the_w3c_vector_proof_value(
    examples_canonicalizer: Canonicalizer,
) -> None:
    signed = read_json("eddsa-rdfc-2022-signed.json")
    key = SigningKey.from_multibase(read_json("eddsa-key-pair.json")["privateKeyMultibase"])
    unsigned = {k: v for k, v in signed.items() if k != "proof"}
    ours = sign_eddsa_rdfc_2022(
        unsigned,
        key,
        verification_method=signed["proof"]["verificationMethod"],
        created=datetime(2023, 2, 24, 23, 36, 38, tzinfo=UTC),
        canonicalizer=examples_canonicalizer,
    )
    assert ours == signed


def test_w3c_vector_fails_when_any_value_changes(examples_canonicalizer: Canonicalizer) -> None:
    signed = read_json("eddsa-rdfc-2022-signed.json")
    signed["credentialSubject"]["alumniOf"] = "Another School"
    check = verify_proof(signed, resolver=vector_resolver(), canonicalizer=examples_canonicalizer)
    assert not check.verified
    assert check.problems[0].code == "tampered"


def _signed(key: SigningKey, fragment: str = "key-2") -> dict[str, Any]:
    return sign_eddsa_rdfc_2022(
        build_open_badge_credential(make_info()),
        key,
        verification_method=f"{ISSUER_DID}#{fragment}",
        created=datetime(2025, 1, 2, tzinfo=UTC),
    )


@pytest.mark.parametrize(
    "change",
    [
        lambda c: c["credentialSubject"]["achievement"].__setitem__("name", "Other"),
        lambda c: c.__setitem__("validFrom", "2020-01-01T00:00:00Z"),
        lambda c: c["credentialSubject"]["identifier"][0].__setitem__("salt", "x"),
        lambda c: c["proof"].__setitem__("created", "2020-01-01T00:00:00Z"),
        lambda c: c["evidence"][0].__setitem__("narrative", "Edited"),
    ],
)
def test_tampering_is_detected(
    issuer_key: SigningKey, resolver: Resolver, change: Callable[[dict[str, Any]], None]
) -> None:
    credential = _signed(issuer_key)
    assert verify_proof(credential, resolver=resolver).verified
    change(credential)
    check = verify_proof(credential, resolver=resolver)
    assert not check.verified and check.problems[0].code == "tampered"
    assert "changed after signing" in check.reasons[0]


def test_credential_signed_with_previous_key_still_verifies_after_rotation(
    old_key: SigningKey, resolver: Resolver
) -> None:
    assert verify_proof(_signed(old_key, "key-1"), resolver=resolver).verified


def test_key_removed_from_did_document_is_unknown(issuer_key: SigningKey) -> None:
    credential = _signed(issuer_key)
    only_new = build_did_document(ISSUER_DID, [("key-3", SigningKey.generate().public_key)])
    check = verify_proof(credential, resolver={ISSUER_DID: only_new}.get)
    assert check.problems[0].code == "unknown-key"


def test_wrong_key_under_right_name_is_tampered(issuer_key: SigningKey, resolver: Resolver) -> None:
    check = verify_proof(_signed(issuer_key, "key-1"), resolver=resolver)
    assert check.problems[0].code == "tampered"


def test_did_key_signed_credentials_verify_without_resolver() -> None:
    key = SigningKey.generate()
    document = build_open_badge_credential(make_info())
    document["issuer"]["id"] = key.public_key.did_key
    signed = sign_eddsa_rdfc_2022(
        document,
        key,
        verification_method=did_key_verification_method(key.public_key),
        created=datetime(2025, 1, 1, tzinfo=UTC),
    )
    assert verify_proof(signed).verified


@pytest.mark.parametrize(
    ("proof_change", "code"),
    [
        ({"cryptosuite": "ecdsa-rdfc-2019"}, "unsupported-cryptosuite"),
        ({"type": "RsaSignature2018"}, "unsupported-proof"),
        ({"proofPurpose": "authentication"}, "wrong-purpose"),
        ({"proofValue": "not-base58"}, "malformed-proof"),
        ({"@context": ["https://example.org/other"]}, "bad-context"),
        ({"verificationMethod": "did:web:elsewhere.example#key-1"}, "unknown-key"),
        ({"verificationMethod": "no-fragment"}, "unknown-key"),
    ],
)
def test_unusable_proofs_give_plain_reasons(
    issuer_key: SigningKey, resolver: Resolver, proof_change: dict[str, Any], code: str
) -> None:
    credential = _signed(issuer_key)
    credential["proof"].update(proof_change)
    check = verify_proof(credential, resolver=resolver)
    assert not check.verified and check.problems[0].code == code


def test_missing_proof_and_non_object_proof(resolver: Resolver) -> None:
    document = build_open_badge_credential(make_info())
    assert verify_proof(document).problems[0].code == "no-proof"
    assert verify_proof({**document, "proof": []}).problems[0].code == "no-proof"
    assert verify_proof({**document, "proof": ["x"]}).problems[0].code == "malformed-proof"


def test_proof_sets_need_every_proof_to_verify(
    issuer_key: SigningKey, old_key: SigningKey, resolver: Resolver
) -> None:
    first = _signed(issuer_key)
    both = sign_eddsa_rdfc_2022(
        first, old_key, verification_method=f"{ISSUER_DID}#key-1", created=datetime.now(UTC)
    )
    assert len(both["proof"]) == 2
    assert verify_proof(both, resolver=resolver).verified
    both["proof"][0]["proofValue"] = both["proof"][1]["proofValue"]
    assert not verify_proof(both, resolver=resolver).verified


def test_signing_refuses_terms_no_context_defines(issuer_key: SigningKey) -> None:
    document = build_open_badge_credential(make_info())
    document["credentialSubject"]["achievement"]["undefinedTerm"] = "silently unsigned"
    with pytest.raises(SigningError, match="undefinedTerm"):
        sign_eddsa_rdfc_2022(
            document,
            issuer_key,
            verification_method=f"{ISSUER_DID}#key-2",
            created=datetime.now(UTC),
        )


def test_signing_refuses_unknown_contexts_and_relative_identifiers(issuer_key: SigningKey) -> None:
    document = build_open_badge_credential(make_info())
    for bad in (
        {**document, "@context": [*document["@context"], "https://evil.example/ctx"]},
        {**document, "id": "relative/id"},
        {**document, "type": ["VerifiableCredential", "NoSuchType"]},
    ):
        with pytest.raises(SigningError):
            sign_eddsa_rdfc_2022(
                bad, issuer_key, verification_method=f"{ISSUER_DID}#k", created=datetime.now(UTC)
            )


def test_verification_reports_undefined_terms_added_after_signing(
    issuer_key: SigningKey, resolver: Resolver
) -> None:
    credential = _signed(issuer_key)
    credential["sneaky"] = "added later"
    assert verify_proof(credential, resolver=resolver).problems[0].code == "bad-context"


def test_vc_v1_documents_get_the_data_integrity_context(issuer_key: SigningKey) -> None:
    document = {
        "@context": ["https://www.w3.org/2018/credentials/v1"],
        "type": ["VerifiableCredential"],
        "issuer": issuer_key.public_key.did_key,
        "issuanceDate": "2024-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:1"},
    }
    signed = sign_eddsa_rdfc_2022(
        document,
        issuer_key,
        verification_method=did_key_verification_method(issuer_key.public_key),
        created=datetime.now(UTC),
    )
    assert signed["@context"][-1] == "https://w3id.org/security/data-integrity/v2"
    assert verify_proof(signed).verified


def test_ed25519signature2020_needs_its_context(issuer_key: SigningKey, resolver: Resolver) -> None:
    credential = _signed(issuer_key)
    proof = credential["proof"]
    proof["type"] = "Ed25519Signature2020"
    del proof["cryptosuite"]
    assert verify_proof(credential, resolver=resolver).problems[0].code == "bad-context"


def test_resolver_failures_become_unknown_key() -> None:
    def broken(did: str) -> Mapping[str, Any] | None:
        raise DIDError("network down")

    with pytest.raises(DIDError, match="network down"):
        resolve_verification_method("did:web:x.org#k", broken)
    with pytest.raises(DIDError, match="No resolver"):
        resolve_verification_method("did:web:x.org#k", None)
    with pytest.raises(DIDError, match="matching document"):
        resolve_verification_method("did:web:x.org#k", {"did:web:x.org": {"id": "other"}}.get)
    key = SigningKey.generate().public_key
    doc = build_did_document("did:web:x.org", [("k", key)])
    for change, message in (
        ({"controller": "did:web:evil.org"}, "someone else"),
        ({"type": "JsonWebKey2020"}, "unsupported type"),
        ({"publicKeyMultibase": "zzz"}, "unusable"),
    ):
        bad = copy.deepcopy(doc)
        bad["verificationMethod"][0].update(change)
        with pytest.raises(DIDError, match=message):
            resolve_verification_method("did:web:x.org#k", {"did:web:x.org": bad}.get)


def test_canonicalizer_refuses_blank_node_floods() -> None:
    document = {
        "@context": {"@vocab": "https://example.org/"},
        "items": [{"value": i} for i in range(600)],
    }
    with pytest.raises(CanonicalizationError, match="blank nodes"):
        Canonicalizer().canonicalize(document)


def test_xsd_datetime_refuses_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="aware"):
        xsd_datetime(datetime(2024, 1, 1))  # noqa: DTZ001 - the point of the test
