"""Credential signing and verifying throughput, against raw Ed25519 and, when installed, the
Digital Bazaar JavaScript implementation (tests/interop). Prints ratios; asserts nothing.

    .venv/bin/python bench/credentials_bench.py [N]
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rosette.credentials.dataintegrity import (  # noqa: E402
    default_canonicalizer,
    hash_data,
    sign_eddsa_rdfc_2022,
    verify_proof,
)
from rosette.credentials.keys import SigningKey, build_did_document, did_web_from_url  # noqa: E402
from rosette.credentials.ob3 import (  # noqa: E402
    AchievementInfo,
    CredentialInfo,
    IssuerProfile,
    RecipientInfo,
    build_open_badge_credential,
)
from rosette.credentials.statuslist import status_entry  # noqa: E402


def main(count: int) -> None:
    key = SigningKey.from_seed(bytes(range(32)))
    did = did_web_from_url("https://127.0.0.1:8000/issuers/bench")
    did_document = build_did_document(did, [("key-1", key.public_key)])
    resolver = {did: did_document}.get
    method = f"{did}#key-1"
    created = datetime(2025, 1, 1, tzinfo=UTC)
    unsigned = [
        build_open_badge_credential(
            CredentialInfo(
                id=f"urn:uuid:00000000-0000-4000-8000-{i:012d}",
                issuer=IssuerProfile(id=did, name="Bench issuer"),
                achievement=AchievementInfo(
                    id="https://127.0.0.1:8000/badges/b",
                    name="Bench badge",
                    description="A badge for benchmarking.",
                    criteria_narrative="Sign and verify.",
                ),
                recipient=RecipientInfo(email=f"learner{i}@example.org", salt=f"salt{i}"),
                valid_from=created,
                status=(
                    status_entry(
                        list_url="https://127.0.0.1:8000/status/r", index=i, purpose="revocation"
                    ),
                ),
            )
        )
        for i in range(count)
    ]
    default_canonicalizer().canonicalize(unsigned[0])  # warm the context cache

    start = time.perf_counter()
    signed = [
        sign_eddsa_rdfc_2022(c, key, verification_method=method, created=created) for c in unsigned
    ]
    sign_s = time.perf_counter() - start

    start = time.perf_counter()
    for credential in signed:
        if not verify_proof(credential, resolver=resolver).verified:
            raise SystemExit("a benchmark credential failed to verify")
    verify_s = time.perf_counter() - start

    messages = [hash_data(c, c["proof"]) for c in signed]
    start = time.perf_counter()
    signatures = [key.sign(m) for m in messages]
    raw_sign_s = time.perf_counter() - start
    start = time.perf_counter()
    for message, signature in zip(messages, signatures, strict=True):
        key.public_key.verify(signature, message)
    raw_verify_s = time.perf_counter() - start

    print(f"credentials: {count}")
    print(f"rosette sign:   {count / sign_s:10.1f} credentials/s")
    print(f"rosette verify: {count / verify_s:10.1f} credentials/s")
    print(f"raw Ed25519 sign:   {count / raw_sign_s:10.1f} signatures/s")
    print(f"raw Ed25519 verify: {count / raw_verify_s:10.1f} verifications/s")
    print(f"ratio sign   (rosette time / raw Ed25519 time): {sign_s / raw_sign_s:8.1f}x")
    print(f"ratio verify (rosette time / raw Ed25519 time): {verify_s / raw_verify_s:8.1f}x")

    interop = ROOT / "tests" / "interop"
    node = shutil.which("node")
    if node is None or not (interop / "node_modules").is_dir():
        print("JS comparison skipped: node or tests/interop/node_modules missing")
        return
    request = {
        "credential": unsigned[0],
        "seedHex": bytes(range(32)).hex(),
        "verificationMethod": method,
        "suite": "eddsa-rdfc-2022",
        "didDocuments": {did: did_document},
        "count": count,
    }
    completed = subprocess.run(  # noqa: S603 - fixed script
        [node, str(interop / "interop.mjs"), "bench"],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        check=True,
    )
    js = json.loads(completed.stdout)
    print(f"digitalbazaar sign:   {count / js['sign_seconds']:10.1f} credentials/s")
    print(f"digitalbazaar verify: {count / js['verify_seconds']:10.1f} credentials/s")
    print(f"ratio sign   (rosette time / JS time): {sign_s / js['sign_seconds']:8.2f}x")
    print(f"ratio verify (rosette time / JS time): {verify_s / js['verify_seconds']:8.2f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
