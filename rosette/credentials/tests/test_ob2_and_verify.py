from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from rosette.credentials.baking import bake_png, bake_svg
from rosette.credentials.dataintegrity import sign_eddsa_rdfc_2022
from rosette.credentials.errors import CredentialError
from rosette.credentials.jsonsafe import dump_json
from rosette.credentials.keys import SigningKey
from rosette.credentials.ob2 import (
    Ob2Evidence,
    build_assertion,
    build_badge_class,
    build_issuer,
    build_revocation_list,
    build_revoked_assertion,
    verify_hosted_assertion,
)
from rosette.credentials.ob3 import build_open_badge_credential
from rosette.credentials.verify import verify_badge

from .conftest import ISSUER_DID, NOW, SVG, make_info, png_bytes

BASE = "https://badges.example.org"
A_URL, B_URL, I_URL, R_URL = (f"{BASE}/a/1", f"{BASE}/b/1", f"{BASE}/i", f"{BASE}/i/revoked")


def site(**overrides: Any) -> dict[str, Any]:
    docs: dict[str, Any] = {
        A_URL: build_assertion(
            id=A_URL,
            badge=B_URL,
            recipient_email="Learner@Example.org",
            salt="pepper",
            issued_on=NOW - timedelta(days=1),
            image=f"{A_URL}/image",
            evidence=[Ob2Evidence(id=f"{A_URL}/e", narrative="I did it")],
            narrative="Well done",
            expires=NOW + timedelta(days=365),
        ),
        B_URL: build_badge_class(
            id=B_URL,
            name="Video chats",
            description="d",
            image=f"{B_URL}/image",
            criteria_narrative="c",
            criteria_url=f"{B_URL}/criteria",
            issuer=I_URL,
            tags=["online"],
        ),
        I_URL: build_issuer(
            id=I_URL, name="SSSC", url=BASE, email="x@y.org", revocation_list=R_URL
        ),
        R_URL: build_revocation_list(id=R_URL, issuer=I_URL, revoked=[(f"{BASE}/a/0", "error")]),
    }
    docs.update(overrides)
    return docs


def fetcher(docs: dict[str, Any]) -> Any:
    def fetch(url: str) -> Any:
        if url not in docs:
            raise CredentialError("404")
        return docs[url]

    return fetch


def test_hosted_assertion_verifies_and_matches_the_typed_email() -> None:
    docs = site()
    result = verify_hosted_assertion(
        docs[A_URL], fetch=fetcher(docs), email=" learner@example.org ", now=NOW
    )
    assert result.valid and result.recipient_matches, result.reasons
    assert docs[A_URL]["recipient"]["identity"].startswith("sha256$")
    by_url = verify_hosted_assertion(A_URL, fetch=fetcher(docs), now=NOW)
    assert by_url.valid and by_url.recipient_matches is None


@pytest.mark.parametrize(
    ("mutate", "code"),
    [
        (lambda d: d[A_URL].__setitem__("issuedOn", "2000-01-01T00:00:00Z"), "tampered"),
        (
            lambda d: d.__setitem__(A_URL, build_revoked_assertion(id=A_URL, reason="misconduct")),
            "revoked",
        ),
        (
            lambda d: d.__setitem__(
                R_URL, build_revocation_list(id=R_URL, issuer=I_URL, revoked=[(A_URL, None)])
            ),
            "revoked",
        ),
        (lambda d: d[A_URL].__setitem__("expires", "2020-01-01T00:00:00Z"), "expired"),
        (lambda d: d[A_URL].__setitem__("expires", "soon"), "malformed"),
        (lambda d: d.pop(B_URL), "unreachable"),
        (lambda d: d[B_URL].__setitem__("type", "Thing"), "malformed"),
        (lambda d: d[I_URL].__setitem__("id", "https://elsewhere.org/i"), "malformed"),
        (lambda d: d[I_URL].__setitem__("type", "Thing"), "malformed"),
        (lambda d: d[B_URL].__setitem__("issuer", {"id": I_URL}), "malformed"),
        (lambda d: d[A_URL].__setitem__("badge", {"id": B_URL}), "malformed"),
        (
            lambda d: d[A_URL].__setitem__("verification", {"type": "signed"}),
            "unsupported-verification",
        ),
        (
            lambda d: d[I_URL].__setitem__("verification", {"startsWith": "https://other.org/"}),
            "wrong-host",
        ),
        (
            lambda d: d[I_URL].__setitem__("verification", {"allowedOrigins": "other.org"}),
            "wrong-host",
        ),
        (lambda d: d[A_URL].__setitem__("id", f"{BASE}/a/2"), "malformed"),
        (lambda d: d.__setitem__(A_URL, "not json object"), "unreachable"),
    ],
)
def test_hosted_assertion_problems(mutate: Any, code: str) -> None:
    docs = site()
    mutate(docs)
    fetched = docs.get(A_URL)
    result = verify_hosted_assertion(A_URL, fetch=fetcher(docs), now=NOW)
    if code == "tampered":
        result = verify_hosted_assertion(site()[A_URL], fetch=fetcher(docs), now=NOW)
    assert not result.valid and result.problems[0].code == code, (fetched, result.reasons)


def test_allowed_hosts_and_wrong_email_and_bad_sources() -> None:
    docs = site()
    docs[I_URL] = {**docs[I_URL], "verification": {"allowedOrigins": ["badges.example.org"]}}
    assert verify_hosted_assertion(A_URL, fetch=fetcher(docs), now=NOW).valid
    docs[I_URL]["verification"] = {"startsWith": [f"{BASE}/a/"]}
    assert verify_hosted_assertion(A_URL, fetch=fetcher(docs), now=NOW).valid
    wrong = verify_hosted_assertion(A_URL, fetch=fetcher(docs), email="other@example.org", now=NOW)
    assert wrong.problems[0].code == "recipient-mismatch"
    assert verify_hosted_assertion("ftp://x", fetch=fetcher(docs)).problems[0].code == "malformed"
    assert (
        verify_hosted_assertion({"id": "urn:uuid:1"}, fetch=fetcher(docs)).problems[0].code
        == "malformed"
    )
    no_recipient = site()
    del no_recipient[A_URL]["recipient"]
    result = verify_hosted_assertion(A_URL, fetch=fetcher(no_recipient), email="a@b.org", now=NOW)
    assert result.problems[0].code == "malformed"


def test_verify_badge_reads_baked_images_json_and_urls(
    issuer_key: SigningKey, resolver: Any
) -> None:
    docs = site()
    baked = bake_png(png_bytes(), A_URL, kind="ob2")
    report = verify_badge(baked, fetch=fetcher(docs), email="learner@example.org", now=NOW)
    assert report.kind == "ob2" and report.verified and report.issuer_id == I_URL
    signed = sign_eddsa_rdfc_2022(
        build_open_badge_credential(make_info()),
        issuer_key,
        verification_method=f"{ISSUER_DID}#key-2",
        created=NOW,
    )
    svg = bake_svg(SVG, dump_json(signed), kind="ob3")
    report = verify_badge(svg, resolver=resolver, now=NOW)
    assert report.kind == "ob3" and report.verified, report.reasons
    assert verify_badge(dump_json(signed).encode(), resolver=resolver, now=NOW).verified
    docs["https://x.org/cred"] = signed
    assert verify_badge(
        "https://x.org/cred", fetch=fetcher(docs), resolver=resolver, now=NOW
    ).verified
    assert verify_badge(docs[A_URL], fetch=fetcher(docs), now=NOW).verified


@pytest.mark.parametrize(
    ("source", "code"),
    [
        (png_bytes(), "no-badge"),
        (b"GIF89a", "bad-image"),
        ("https://x.org/a", "malformed"),
        ("aaa.bbb.ccc", "malformed"),
        ("{bad", "malformed"),
        ({"type": "Thing"}, "malformed"),
        ({"type": "Assertion", "id": A_URL}, "unreachable"),
    ],
)
def test_verify_badge_explains_what_it_cannot_read(source: Any, code: str) -> None:
    report = verify_badge(source, now=NOW)
    assert not report.verified and report.problems[0].code == code
    assert report.reasons


def test_verify_badge_with_unreachable_url() -> None:
    report = verify_badge("https://x.org/missing", fetch=fetcher({}), now=datetime.now(UTC))
    assert report.problems[0].code == "malformed"
