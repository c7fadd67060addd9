from __future__ import annotations

import copy
import gzip
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rosette.credentials.dataintegrity import sign_eddsa_rdfc_2022
from rosette.credentials.errors import CredentialError, CredentialFormatError
from rosette.credentials.keys import SigningKey
from rosette.credentials.multibase import encode_base64url
from rosette.credentials.ob3 import RecipientInfo, build_open_badge_credential
from rosette.credentials.statuslist import (
    MIN_BITS,
    StatusBitstring,
    allocate_index,
    build_status_list_credential,
    check_status_entry,
    status_entry,
)
from rosette.credentials.verify import verify_credential

from .conftest import ISSUER_DID, NOW, SITE, TWO_ENTRIES, make_info, read_json

Resolver = Callable[[str], Mapping[str, Any] | None]
SCHEMA = read_json("ob_v3p0_achievementcredential_schema.vc2.json")
# Properties the 1EdTech plain-JSON schema requires as arrays although JSON-LD compaction may
# write a single value (see /work/shared/specs/ob3-schema/README.md).
COMPACTABLE = ("proof", "credentialSchema", "termsOfUse", "evidence")


def schema_view(credential: dict[str, Any]) -> dict[str, Any]:
    view = copy.deepcopy(credential)
    for key in COMPACTABLE:
        if key in view and not isinstance(view[key], list):
            view[key] = [view[key]]
    return view


def validate(credential: dict[str, Any]) -> None:
    jsonschema.validate(schema_view(credential), SCHEMA, cls=jsonschema.Draft201909Validator)


def sign(credential: dict[str, Any], key: SigningKey, fragment: str = "key-2") -> dict[str, Any]:
    return sign_eddsa_rdfc_2022(
        credential, key, verification_method=f"{ISSUER_DID}#{fragment}", created=NOW
    )


def test_signed_credential_with_its_one_status_entry_meets_the_1edtech_schema(
    issuer_key: SigningKey,
) -> None:
    signed = sign(build_open_badge_credential(make_info()), issuer_key)
    validate(signed)
    assert signed["credentialStatus"]["statusPurpose"] == "revocation"


def test_two_status_entries_are_written_as_an_array(issuer_key: SigningKey) -> None:
    # As credentials were issued before ADR 0008 (OB 3.0 allows at most one entry, so such a
    # credential fails the 1EdTech schema; it still verifies, see test_status_list_* below).
    signed = sign(build_open_badge_credential(make_info(status=TWO_ENTRIES)), issuer_key)
    assert [s["statusPurpose"] for s in signed["credentialStatus"]] == ["revocation", "suspension"]
    with pytest.raises(jsonschema.ValidationError):
        validate(signed)


def test_credential_carries_a_hashed_email_and_optional_learner_did() -> None:
    info = make_info(
        recipient=RecipientInfo(email="a@b.org", salt="x", did="did:key:z6Mk1", name="A")
    )
    credential = build_open_badge_credential(
        make_info(
            recipient=info.recipient, valid_until=NOW, description="d", image_url=f"{SITE}/i.png"
        )
    )
    subject = credential["credentialSubject"]
    assert subject["id"] == "did:key:z6Mk1"
    identity = subject["identifier"][0]
    assert identity["identityHash"].startswith("sha256$") and identity["hashed"] is True
    assert "a@b.org" not in str(credential)
    assert credential["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert credential["validUntil"] and credential["image"]["type"] == "Image"


def status_lists(
    key: SigningKey,
    revoked: set[int],
    suspended: set[int],
    *,
    validity: frozenset[int] | set[int] = frozenset(),
) -> dict[str, Any]:
    lists = {}
    for name, purpose, indexes in (
        ("revocation", "revocation", revoked),
        ("suspension", "suspension", suspended),
        ("validity", "revocation", validity),
    ):
        bits = StatusBitstring()
        for index in indexes:
            bits.set(index)
        url = f"{SITE}/status/sssc/{name}"
        lists[url] = sign(
            build_status_list_credential(
                list_url=url, issuer_id=ISSUER_DID, purpose=purpose, bitstring=bits, valid_from=NOW
            ),
            key,
        )
    return lists


@pytest.mark.parametrize(("set_bits", "codes"), [(set(), []), ({1}, []), ({7}, ["revoked"])])
def test_the_one_status_entry_says_whether_the_credential_is_valid_now(
    issuer_key: SigningKey, resolver: Resolver, set_bits: set[int], codes: list[str]
) -> None:
    signed = sign(build_open_badge_credential(make_info()), issuer_key)
    lists = status_lists(issuer_key, set(), set(), validity=set_bits)
    report = verify_credential(
        signed, resolver=resolver, fetch_status_list=lists.__getitem__, now=NOW
    )
    assert [p.code for p in report.problems] == codes
    assert [(s.purpose, s.index) for s in report.statuses] == [("revocation", 7)]


@pytest.mark.parametrize(
    ("revoked", "suspended", "codes"),
    [
        (set(), {1}, []),
        ({7}, set(), ["revoked"]),
        (set(), {7}, ["suspended"]),
    ],
)
def test_status_list_revocation_and_suspension_of_a_two_entry_credential(
    issuer_key: SigningKey,
    resolver: Resolver,
    revoked: set[int],
    suspended: set[int],
    codes: list[str],
) -> None:
    signed = sign(build_open_badge_credential(make_info(status=TWO_ENTRIES)), issuer_key)
    lists = status_lists(issuer_key, revoked, suspended)
    report = verify_credential(
        signed,
        resolver=resolver,
        fetch_status_list=lists.__getitem__,
        now=NOW,
        email="learner@example.org",
    )
    assert [p.code for p in report.problems] == codes
    assert report.kind == "ob3" and report.recipient_matches is True
    assert len(report.statuses) == 2


def test_status_list_signed_by_someone_else_is_not_trusted(
    issuer_key: SigningKey, resolver: Resolver
) -> None:
    signed = sign(build_open_badge_credential(make_info()), issuer_key)
    forged = status_lists(SigningKey.generate(), set(), set())
    report = verify_credential(
        signed, resolver=resolver, fetch_status_list=forged.__getitem__, now=NOW
    )
    assert {p.code for p in report.problems} == {"status-unavailable"}


def test_unchecked_status_is_a_warning_and_other_failures_are_problems(
    issuer_key: SigningKey, resolver: Resolver
) -> None:
    signed = sign(build_open_badge_credential(make_info()), issuer_key)
    report = verify_credential(signed, resolver=resolver, now=NOW, email="someone@else.org")
    assert report.warnings == ("The credential's status (revocation) was not checked.",)
    assert [p.code for p in report.problems] == ["recipient-mismatch"]
    early = verify_credential(signed, resolver=resolver, now=datetime(2000, 1, 1, tzinfo=UTC))
    assert "not-yet-valid" in [p.code for p in early.problems]
    expired = sign(build_open_badge_credential(make_info(valid_until=NOW)), issuer_key)
    assert "expired" in [
        p.code for p in verify_credential(expired, resolver=resolver, now=NOW).problems
    ]
    wrong_issuer = sign(build_open_badge_credential(make_info()), issuer_key)
    wrong_issuer = copy.deepcopy(wrong_issuer)
    assert verify_credential(b"{", now=NOW).problems[0].code == "malformed"
    assert verify_credential("[]", now=NOW).problems[0].code == "malformed"
    assert verify_credential({"type": "X"}, now=NOW).problems[0].code == "malformed"


def test_issuer_must_control_the_signing_key(resolver: Resolver) -> None:
    key = SigningKey.generate()
    credential = build_open_badge_credential(make_info())
    signed = sign_eddsa_rdfc_2022(
        credential,
        key,
        verification_method=f"{key.public_key.did_key}#{key.public_key.multibase}",
        created=NOW,
    )
    report = verify_credential(signed, resolver=resolver, now=NOW)
    assert [p.code for p in report.problems] == ["issuer-mismatch"]


@settings(max_examples=25, deadline=None)
@given(st.sets(st.integers(min_value=0, max_value=MIN_BITS - 1), max_size=50))
def test_bitstring_round_trips(indexes: set[int]) -> None:
    bits = StatusBitstring()
    for index in indexes:
        bits.set(index)
    decoded = StatusBitstring.decode(bits.encode())
    assert {i for i in indexes if decoded.get(i)} == indexes
    assert decoded.to_bytes() == bits.to_bytes()
    if indexes:
        first = min(indexes)
        decoded.set(first, False)
        assert not decoded.get(first)


def test_bitstring_encoding_is_gzip_base64url_multibase_msb_first() -> None:
    bits = StatusBitstring()
    bits.set(0)
    encoded = bits.encode()
    assert encoded.startswith("u") and len(bits) == 131072
    raw = StatusBitstring.decode(encoded).to_bytes()
    assert raw[0] == 0x80 and len(raw) == 16384
    assert StatusBitstring.decode(encoded[1:]).get(0)  # prefix-less lists from older issuers


@pytest.mark.parametrize(
    "encoded",
    [
        "u" + "A" * 10,
        "u***",
        "***",
        # mtime=0 keeps the bytes, and so the test ids, the same in every process (xdist).
        encode_base64url(gzip.compress(bytes(10), mtime=0)),
        encode_base64url(gzip.compress(bytes(3_000_000), mtime=0)),
        encode_base64url(gzip.compress(bytes(16384), mtime=0)[:-10]),
        "u" + "A" * 3_000_001,
    ],
    ids=["short", "not-base64url", "no-prefix", "too-short", "bomb", "truncated", "huge"],
)
def test_hostile_status_lists_are_refused(encoded: str) -> None:
    with pytest.raises(CredentialFormatError):
        StatusBitstring.decode(encoded)


def test_bitstring_bounds_and_sizes() -> None:
    with pytest.raises(ValueError):
        StatusBitstring(100)
    with pytest.raises(IndexError):
        StatusBitstring().get(MIN_BITS)
    with pytest.raises(IndexError):
        StatusBitstring().set(True)  # type: ignore[arg-type]


def test_allocate_index_avoids_used_and_reports_full_lists() -> None:
    used = set(range(0, 20))
    assert allocate_index(used, size=40) not in used
    with pytest.raises(LookupError):
        allocate_index(set(range(8)), size=8)


def test_status_entry_checks_refuse_mismatched_lists(issuer_key: SigningKey) -> None:
    lists = status_lists(issuer_key, set(), set())
    url = f"{SITE}/status/sssc/revocation"
    entry = status_entry(list_url=url, index=3, purpose="revocation")
    assert check_status_entry(entry, lists[url]).active is False
    suspension = lists[f"{SITE}/status/sssc/suspension"]
    bad_cases: list[tuple[dict[str, Any], dict[str, Any]]] = [
        ({**entry, "type": "StatusList2021Entry"}, lists[url]),
        ({**entry, "statusListIndex": "-1"}, lists[url]),
        ({**entry, "statusListIndex": str(MIN_BITS)}, lists[url]),
        (entry, suspension),
        (entry, {**lists[url], "type": ["VerifiableCredential"]}),
        (entry, {**lists[url], "credentialSubject": "x"}),
        ({**entry, "statusListCredential": suspension["id"]}, suspension),
    ]
    for bad_entry, list_credential in bad_cases:
        with pytest.raises(CredentialError):
            check_status_entry(bad_entry, list_credential)
    with pytest.raises(ValueError):
        status_entry(list_url=url, index=1, purpose="message")
    with pytest.raises(ValueError):
        build_status_list_credential(
            list_url=url,
            issuer_id=ISSUER_DID,
            purpose="x",
            bitstring=StatusBitstring(),
            valid_from=NOW,
        )
    until = build_status_list_credential(
        list_url=url,
        issuer_id=ISSUER_DID,
        purpose="revocation",
        bitstring=StatusBitstring(),
        valid_from=NOW,
        valid_until=NOW,
    )
    assert until["validUntil"] == "2025-03-01T12:00:00Z"
