"""Interoperability with Digital Bazaar's independent implementation (tests/interop)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from rosette.credentials.dataintegrity import sign_eddsa_rdfc_2022, verify_proof
from rosette.credentials.keys import SigningKey
from rosette.credentials.ob3 import build_open_badge_credential

from .conftest import ISSUER_DID, make_info
from .test_ob3_and_status import status_lists

INTEROP = Path(__file__).resolve().parents[3] / "tests" / "interop"
NODE = shutil.which("node")

# bin/setup installs the independent implementation; in CI it must never be skipped.
_MISSING = NODE is None or not (INTEROP / "node_modules").is_dir()
if _MISSING and os.environ.get("CI"):
    raise RuntimeError("CI must run the interoperability tests: run bin/setup first.")
pytestmark = [
    pytest.mark.skipif(
        _MISSING, reason="node or tests/interop/node_modules is missing (run bin/setup)"
    ),
]


def run_node(command: str, request: dict[str, Any]) -> Any:
    assert NODE is not None
    completed = subprocess.run(  # noqa: S603 - fixed script, our own input
        [NODE, str(INTEROP / "interop.mjs"), command],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.stdout, completed.stderr
    return json.loads(completed.stdout)


def test_digitalbazaar_verifies_our_open_badge_credential_and_its_status(
    issuer_key: SigningKey, did_document: dict[str, Any]
) -> None:
    signed = sign_eddsa_rdfc_2022(
        build_open_badge_credential(make_info()),
        issuer_key,
        verification_method=f"{ISSUER_DID}#key-2",
        created=datetime(2025, 1, 2, tzinfo=UTC),
    )
    request = {"credential": signed, "didDocuments": {ISSUER_DID: did_document}}
    result = run_node("verify", {**request, "documents": status_lists(issuer_key, set(), set())})
    assert result == {
        "verified": True,
        "error": None,
        "statuses": [{"purpose": "revocation", "index": "7", "set": False}],
    }
    revoked = status_lists(issuer_key, set(), set(), validity={7})
    assert run_node("verify", {**request, "documents": revoked})["statuses"][0]["set"] is True
    forged = status_lists(SigningKey.generate(), set(), set())
    assert run_node("verify", {**request, "documents": forged})["verified"] is False
    assert run_node("verify", request)["verified"] is False  # the list could not be loaded


def test_digitalbazaar_rejects_our_credential_when_tampered(
    issuer_key: SigningKey, did_document: dict[str, Any]
) -> None:
    signed = sign_eddsa_rdfc_2022(
        build_open_badge_credential(make_info()),
        issuer_key,
        verification_method=f"{ISSUER_DID}#key-2",
        created=datetime(2025, 1, 2, tzinfo=UTC),
    )
    signed["credentialSubject"]["achievement"]["name"] = "Something else"
    result = run_node("verify", {"credential": signed, "didDocuments": {ISSUER_DID: did_document}})
    assert result["verified"] is False


def test_we_verify_digitalbazaars_eddsa_rdfc_2022_credential(
    did_document: dict[str, Any], resolver: Callable[[str], Mapping[str, Any] | None]
) -> None:
    signed = run_node(
        "sign",
        {
            "credential": build_open_badge_credential(make_info()),
            "seedHex": bytes(range(32)).hex(),
            "verificationMethod": f"{ISSUER_DID}#key-2",
            "suite": "eddsa-rdfc-2022",
            "didDocuments": {ISSUER_DID: did_document},
        },
    )
    assert signed["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    check = verify_proof(signed, resolver=resolver)
    assert check.verified, check.reasons


def test_we_verify_digitalbazaars_ed25519signature2020_credential(
    did_document: dict[str, Any], resolver: Callable[[str], Mapping[str, Any] | None]
) -> None:
    credential = {
        "@context": [
            "https://www.w3.org/2018/credentials/v1",
            "https://w3id.org/security/suites/ed25519-2020/v1",
        ],
        "id": "urn:uuid:5f4d1c3e-2b1a-4c0e-9f8d-7a6b5c4d3e2f",
        "type": ["VerifiableCredential"],
        "issuer": ISSUER_DID,
        "issuanceDate": "2024-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:learner"},
    }
    signed = run_node(
        "sign",
        {
            "credential": credential,
            "seedHex": bytes(range(100, 132)).hex(),
            "verificationMethod": f"{ISSUER_DID}#key-1",
            "suite": "Ed25519Signature2020",
            "didDocuments": {ISSUER_DID: did_document},
        },
    )
    assert signed["proof"]["type"] == "Ed25519Signature2020"
    assert verify_proof(signed, resolver=resolver).verified
    signed["credentialSubject"]["id"] = "did:example:someone-else"
    assert verify_proof(signed, resolver=resolver).problems[0].code == "tampered"
