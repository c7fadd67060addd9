from __future__ import annotations

import copy
import pickle

import pytest

from rosette.credentials.errors import DIDError, KeyDecryptionError, KeyMaterialError
from rosette.credentials.keys import (
    SigningKey,
    VerificationKey,
    build_did_document,
    decrypt_private_key,
    did_key_verification_method,
    did_web_document_url,
    did_web_from_url,
    encrypt_private_key,
    find_verification_method,
    resolve_did_key,
)
from rosette.credentials.multibase import decode_base64url, encode_base58btc, encode_base64url

from .conftest import read_json

KEK = "k" * 40


def test_multikey_encoding_matches_the_w3c_key_pair() -> None:
    pair = read_json("eddsa-key-pair.json")
    key = SigningKey.from_multibase(pair["privateKeyMultibase"])
    assert key.public_key.multibase == pair["publicKeyMultibase"]
    assert key.secret_multibase() == pair["privateKeyMultibase"]
    assert VerificationKey.from_multibase(pair["publicKeyMultibase"]) == key.public_key


def test_multikey_rejects_wrong_prefix_length_and_alphabet() -> None:
    with pytest.raises(KeyMaterialError):
        VerificationKey.from_multibase(encode_base58btc(b"\x12\x00" + bytes(32)))
    with pytest.raises(KeyMaterialError):
        SigningKey.from_multibase(encode_base58btc(b"\xed\x01" + bytes(32)))
    with pytest.raises(KeyMaterialError):
        VerificationKey.from_multibase("z0OIl")
    with pytest.raises(KeyMaterialError):
        VerificationKey.from_multibase("uAAAA")
    with pytest.raises(KeyMaterialError):
        VerificationKey(b"short")
    with pytest.raises(KeyMaterialError):
        SigningKey.from_seed(b"short")


def test_base64url_multibase_round_trip_and_rejections() -> None:
    assert decode_base64url(encode_base64url(b"\xff\x00abc")) == b"\xff\x00abc"
    for bad in ("zabc", "u***", "uA"):
        with pytest.raises(ValueError):
            decode_base64url(bad)


def test_signing_key_never_shows_or_pickles_its_secret() -> None:
    key = SigningKey.generate()
    secret = key.secret_multibase()
    assert secret not in repr(key) and secret not in str(key)
    assert key.public_key.multibase in repr(key)
    with pytest.raises(TypeError):
        pickle.dumps(key)
    with pytest.raises(TypeError):
        copy.copy(key)
    with pytest.raises(TypeError):
        copy.deepcopy(key)


def test_signature_verifies_and_rejects_changes() -> None:
    key = SigningKey.generate()
    signature = key.sign(b"message")
    assert key.public_key.verify(signature, b"message")
    assert not key.public_key.verify(signature, b"messagf")
    assert not key.public_key.verify(b"short", b"message")


def test_private_key_round_trips_through_encryption() -> None:
    key = SigningKey.generate()
    blob = encrypt_private_key(key.seed(), KEK, associated_data=b"issuer:1:key-1")
    assert key.seed() not in blob
    seed = decrypt_private_key(blob, KEK, associated_data=b"issuer:1:key-1")
    assert SigningKey.from_seed(seed).public_key == key.public_key
    assert decrypt_private_key(encrypt_private_key(seed, KEK.encode()), KEK.encode()) == seed


def test_wrong_kek_or_altered_blob_gives_a_clear_error() -> None:
    blob = encrypt_private_key(bytes(32), KEK)
    with pytest.raises(KeyDecryptionError, match="key-encryption key is wrong"):
        decrypt_private_key(blob, "x" * 40)
    with pytest.raises(KeyDecryptionError):
        decrypt_private_key(blob, KEK, associated_data=b"other record")
    altered = blob[:-1] + bytes([blob[-1] ^ 1])
    with pytest.raises(KeyDecryptionError):
        decrypt_private_key(altered, KEK)
    with pytest.raises(KeyDecryptionError, match="format version"):
        decrypt_private_key(b"XXXX" + blob[4:], KEK)
    with pytest.raises(KeyDecryptionError, match="not a Rosette key blob"):
        decrypt_private_key(blob[:10], KEK)


def test_short_kek_and_bad_seed_are_refused() -> None:
    with pytest.raises(KeyMaterialError, match="at least 32"):
        encrypt_private_key(bytes(32), "short")
    with pytest.raises(KeyMaterialError):
        encrypt_private_key(bytes(31), KEK)


@pytest.mark.parametrize(
    ("url", "did"),
    [
        ("https://127.0.0.1:8000", "did:web:127.0.0.1%3A8000"),
        ("https://Example.COM/issuers/sssc", "did:web:example.com:issuers:sssc"),
        ("https://example.com:8443/a/b/", "did:web:example.com%3A8443:a:b"),
    ],
)
def test_did_web_from_site_url(url: str, did: str) -> None:
    assert did_web_from_url(url) == did


@pytest.mark.parametrize("url", ["ftp://x.org", "https://x.org/?q=1", "https://u:p@x.org", "/x"])
def test_did_web_refuses_odd_urls(url: str) -> None:
    with pytest.raises(DIDError):
        did_web_from_url(url)


def test_did_web_document_location() -> None:
    assert did_web_document_url("did:web:127.0.0.1%3A8000") == (
        "https://127.0.0.1:8000/.well-known/did.json"
    )
    assert did_web_document_url("did:web:example.com:issuers:sssc#key-1") == (
        "https://example.com/issuers/sssc/did.json"
    )
    for bad in ("did:key:z6Mk", "did:web:example.com:..", "did:web:example.com:a%2Fb"):
        with pytest.raises(DIDError):
            did_web_document_url(bad)


def test_did_key_resolves_locally() -> None:
    key = SigningKey.generate().public_key
    document = resolve_did_key(key.did_key)
    method = find_verification_method(document, did_key_verification_method(key))
    assert method is not None and method["publicKeyMultibase"] == key.multibase
    with pytest.raises(DIDError):
        resolve_did_key("did:key:nope")
    with pytest.raises(DIDError, match="Ed25519"):
        resolve_did_key("did:key:" + encode_base58btc(b"\x12\x00" + bytes(32)))


def test_did_document_lists_current_and_previous_keys_for_assertion() -> None:
    new, old = SigningKey.generate().public_key, SigningKey.generate().public_key
    doc = build_did_document(
        "did:web:x.org", [("key-2", new), ("key-1", old)], also_known_as="https://x.org"
    )
    assert doc["assertionMethod"] == ["did:web:x.org#key-2", "did:web:x.org#key-1"]
    assert {m["type"] for m in doc["verificationMethod"]} == {"Multikey"}
    assert doc["alsoKnownAs"] == ["https://x.org"]
    assert find_verification_method(doc, "did:web:x.org#key-1") is not None
    assert find_verification_method(doc, "did:web:x.org#key-9") is None
    assert find_verification_method(doc, "did:web:x.org#key-1", purpose="authentication") is None


def test_find_verification_method_handles_relative_and_embedded_entries() -> None:
    key = SigningKey.generate().public_key
    embedded = {"id": "#k", "type": "Multikey", "publicKeyMultibase": key.multibase}
    doc = {"id": "did:web:y.org", "assertionMethod": [embedded, 5]}
    found = find_verification_method(doc, "did:web:y.org#k")
    assert found is not None and found["id"] == "did:web:y.org#k"
    relative = {"id": "did:web:y.org", "verificationMethod": embedded, "assertionMethod": "#k"}
    assert find_verification_method(relative, "did:web:y.org#k") is not None
    listed_only = {"id": "did:web:y.org", "assertionMethod": ["#k"]}
    assert find_verification_method(listed_only, "did:web:y.org#k") is None
    assert find_verification_method({"assertionMethod": ["#k"]}, "#k") is None
