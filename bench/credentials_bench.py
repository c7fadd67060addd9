"""OB 3.0 credentials: signing and verifying, like for like with Digital Bazaar's JavaScript
implementation (tests/interop), with raw Ed25519 as the floor. Prints ratios; asserts nothing.

    .venv/bin/python bench/credentials_bench.py [N]

Both sides get the same N unsigned credentials, shaped as ``credential_issue`` makes them
(issuer profile, achievement with image and criteria, hashed recipient, evidence, one
Bitstring Status List entry), the same key and the same ``created`` date: Ed25519 is
deterministic, so the two must produce identical signatures, and the bench checks they do.
Verifying is the full check on both sides: the proof, the issuer controlling the key, the
validity dates, and the status, which loads the issuer's status list credential (16 KiB of
bits) from a local table, verifies its proof and reads the bit.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rosette.credentials.dataintegrity import (  # noqa: E402
    hash_data,
    sign_eddsa_rdfc_2022,
)
from rosette.credentials.keys import SigningKey, build_did_document, did_web_from_url  # noqa: E402
from rosette.credentials.ob3 import (  # noqa: E402
    AchievementInfo,
    CredentialInfo,
    EvidenceItem,
    IssuerProfile,
    RecipientInfo,
    build_open_badge_credential,
)
from rosette.credentials.statuslist import (  # noqa: E402
    StatusBitstring,
    build_status_list_credential,
    status_entry,
)
from rosette.credentials.verify import verify_credential  # noqa: E402

SITE = "https://rosette.example"
TARGET = 2.0  # Rosette at least this many times faster than Digital Bazaar, each way


def unsigned_credentials(count: int, did: str, list_url: str) -> list[dict[str, Any]]:
    awarded = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
    return [
        build_open_badge_credential(
            CredentialInfo(
                id=f"{SITE}/credentials/code{i:06d}.json",
                issuer=IssuerProfile(
                    id=did,
                    name="Scottish Social Services Council",
                    url=f"{SITE}/issuers/sssc/",
                    email="badges@sssc.example",
                ),
                achievement=AchievementInfo(
                    id=f"{SITE}/badges/oss-video-chats/",
                    name="OSS Video chats",
                    description="Staying safe on video calls with the people you support.",
                    criteria_narrative="- Explain the risks\n- Set up a call safely",
                    image_url=f"{SITE}/badges/oss-video-chats/image",
                    image_caption="OSS Video chats",
                ),
                recipient=RecipientInfo(
                    email=f"learner{i}@example.org", salt=f"salt{i:06d}", name=f"Learner {i}"
                ),
                valid_from=awarded,
                awarded=awarded,
                evidence=(
                    EvidenceItem(
                        id=f"{SITE}/awards/code{i:06d}/",
                        name="Award page and evidence",
                        narrative="The learner's evidence, as assessed, is on their award page.",
                        genre="Award page",
                    ),
                ),
                status=(status_entry(list_url=list_url, index=i, purpose="revocation"),),
            )
        )
        for i in range(count)
    ]


def main(count: int) -> int:
    key = SigningKey.from_seed(bytes(range(32)))
    did = did_web_from_url(f"{SITE}/issuers/sssc")
    did_document = build_did_document(did, [("key-1", key.public_key)])
    method = f"{did}#key-1"
    created = datetime(2025, 3, 1, 10, 0, tzinfo=UTC)
    list_url = f"{SITE}/status/sssc/revocation.json"
    bits = StatusBitstring()
    for revoked in range(count, count + 50):  # some other awards are revoked
        bits.set(revoked * 7)
    status_list = sign_eddsa_rdfc_2022(
        build_status_list_credential(
            list_url=list_url,
            issuer_id=did,
            purpose="revocation",
            bitstring=bits,
            valid_from=created,
        ),
        key,
        verification_method=method,
        created=created,
    )
    documents = {list_url: status_list}
    resolver = {did: did_document}.get
    unsigned = unsigned_credentials(count, did, list_url)

    def sign(credential: dict[str, Any]) -> dict[str, Any]:
        return sign_eddsa_rdfc_2022(credential, key, verification_method=method, created=created)

    def verify(credential: dict[str, Any]) -> None:
        report = verify_credential(
            credential, resolver=resolver, fetch_status_list=documents.__getitem__
        )
        if not report.verified or len(report.statuses) != 1:
            raise SystemExit(f"a benchmark credential failed to verify: {report.problems}")

    for credential in unsigned[:3]:  # learn the shapes, as a running server has
        verify(sign(credential))

    start = time.perf_counter()
    signed = [sign(c) for c in unsigned]
    sign_s = time.perf_counter() - start
    start = time.perf_counter()
    for credential in signed:
        verify(credential)
    verify_s = time.perf_counter() - start

    messages = [hash_data(c, c["proof"]) for c in signed]
    start = time.perf_counter()
    signatures = [key.sign(m) for m in messages]
    raw_sign_s = time.perf_counter() - start
    start = time.perf_counter()
    for message, signature in zip(messages, signatures, strict=True):
        key.public_key.verify(signature, message)
        key.public_key.verify(signature, message)  # a full check verifies two proofs
    raw_verify_s = time.perf_counter() - start

    def per(seconds: float) -> str:
        return f"{seconds / count * 1000:8.3f} ms"

    print(f"credentials: {count} (one status entry each; full verification checks the list)")
    print(f"rosette sign:          {per(sign_s)}   {count / sign_s:9.1f}/s")
    print(f"rosette verify:        {per(verify_s)}   {count / verify_s:9.1f}/s")
    print(f"raw Ed25519 sign:      {per(raw_sign_s)}   (the floor: the signature alone)")
    print(f"raw Ed25519 verify x2: {per(raw_verify_s)}   (the floor: credential and list)")

    interop = ROOT / "tests" / "interop"
    node = shutil.which("node")
    if node is None or not (interop / "node_modules" / "@digitalbazaar").is_dir():
        print("Digital Bazaar comparison skipped: node or tests/interop/node_modules missing")
        return 0
    request = {
        "credentials": unsigned,
        "documents": documents,
        "seedHex": bytes(range(32)).hex(),
        "verificationMethod": method,
        "suite": "eddsa-rdfc-2022",
        "created": created.isoformat().replace("+00:00", "Z"),
        "didDocuments": {did: did_document},
    }
    completed = subprocess.run(  # noqa: S603 - fixed script
        [node, str(interop / "interop.mjs"), "bench"],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode:
        raise SystemExit(f"interop.mjs bench failed: {completed.stdout}{completed.stderr}")
    js = json.loads(completed.stdout)
    same = js["proof_values"] == [c["proof"]["proofValue"] for c in signed]
    print(f"digitalbazaar sign:    {per(js['sign_seconds'])}   {count / js['sign_seconds']:9.1f}/s")
    print(
        f"digitalbazaar verify:  {per(js['verify_seconds'])}   "
        f"{count / js['verify_seconds']:9.1f}/s"
    )
    print(f"same signatures from both (same bytes signed): {'yes' if same else 'NO'}")
    sign_ratio = js["sign_seconds"] / sign_s
    verify_ratio = js["verify_seconds"] / verify_s
    for name, ratio in (("sign", sign_ratio), ("verify", verify_ratio)):
        verdict = "met" if ratio >= TARGET else "MISSED"
        print(
            f"ratio {name:6} (Digital Bazaar time / Rosette time): {ratio:6.2f}x"
            f"   target >= {TARGET:.0f}x: {verdict}"
        )
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 200))
