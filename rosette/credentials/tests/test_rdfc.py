"""The template path of canonicalization (rdfc.py) gives exactly pyld's RDFC-1.0 output.

Property tests over generated credentials, status lists and proof options: any text (quotes,
backslashes, control characters, braces, Unicode), IRIs of several schemes, values that
collide (equal ids merge nodes, equal values are kept once), optional parts present or not.
Every document is canonicalized by pyld alone and by the template learnt from documents of
its shape, and the two must be the same string, or both refuse the document.
"""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rosette.credentials.dataintegrity import (
    CanonicalizationError,
    Canonicalizer,
    sign_eddsa_rdfc_2022,
    verify_proof,
)
from rosette.credentials.keys import SigningKey, build_did_document, did_web_from_url
from rosette.credentials.ob3 import (
    AchievementInfo,
    CredentialInfo,
    EvidenceItem,
    IssuerProfile,
    RecipientInfo,
    build_open_badge_credential,
)
from rosette.credentials.rdfc import ShapeCache, shape_of
from rosette.credentials.statuslist import (
    StatusBitstring,
    build_status_list_credential,
    status_entry,
)

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Small pools make collisions likely: equal names, equal ids (nodes that pyld merges).
TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", "A", "Bench", 'quote " and \\ slash', "{0} {b:_:b0} }{", "tab\there"]),
    st.text(alphabet='\t\n\r\x00\x08\x1f"\\{}\u2028é😀 a', max_size=12),
)
VALID_IRI = st.one_of(
    st.sampled_from(
        [
            "https://rosette.example/a",
            "https://rosette.example/b",
            "urn:uuid:00000000-0000-4000-8000-000000000001",
            "did:web:rosette.example:issuers:sssc",
        ]
    ),
    st.builds(
        "{}:{}{}".format,
        st.sampled_from(["https", "http", "urn", "did", "mailto", "tag"]),
        st.sampled_from(["", "//"]),
        st.text(alphabet="abcXYZ019-._~:/?#[]@!$&'()*+,;=%", min_size=1, max_size=20),
    ),
)
# Not IRIs at all (one time in twenty): these must go where pyld sends them.
NOT_IRI = st.sampled_from(
    ["relative/path", "http://example.org/base/x", "ab cd:ef", "é:x", "https://a b", ""]
)
IRI = st.integers(0, 19).flatmap(lambda n: NOT_IRI if n == 0 else VALID_IRI)
WHEN = st.datetimes(
    min_value=datetime(2000, 1, 1),  # noqa: DTZ001 - hypothesis wants naive bounds
    max_value=datetime(2099, 1, 1),  # noqa: DTZ001
    timezones=st.just(UTC),
)


@st.composite
def credentials(draw: st.DrawFn) -> dict[str, Any]:
    maybe_text = st.one_of(st.none(), TEXT)
    maybe_iri = st.one_of(st.none(), IRI)
    status = draw(
        st.lists(
            st.builds(
                lambda url, index, purpose: status_entry(
                    list_url=url, index=index, purpose=purpose
                ),
                IRI,
                st.integers(0, 200_000),
                st.sampled_from(["revocation", "suspension"]),
            ),
            max_size=2,
        )
    )
    info = CredentialInfo(
        id=draw(IRI),
        issuer=IssuerProfile(
            id=draw(IRI),
            name=draw(TEXT),
            url=draw(maybe_iri),
            email=draw(st.one_of(st.none(), st.emails(), TEXT)),
            description=draw(maybe_text),
            image_url=draw(maybe_iri),
        ),
        achievement=AchievementInfo(
            id=draw(IRI),
            name=draw(TEXT),
            description=draw(TEXT),
            criteria_narrative=draw(TEXT),
            image_url=draw(maybe_iri),
            image_caption=draw(maybe_text),
            criteria_url=draw(maybe_iri),
            tags=draw(st.lists(TEXT, max_size=3)),
        ),
        recipient=RecipientInfo(email=draw(st.emails()), salt=draw(TEXT), name=draw(maybe_text)),
        valid_from=draw(WHEN),
        valid_until=draw(st.one_of(st.none(), WHEN)),
        awarded=draw(st.one_of(st.none(), WHEN)),
        evidence=draw(
            st.lists(
                st.builds(
                    EvidenceItem,
                    name=maybe_text,
                    narrative=maybe_text,
                    description=maybe_text,
                    id=maybe_iri,
                    genre=maybe_text,
                ),
                max_size=2,
            )
        ),
        status=status,
        name=draw(maybe_text),
        description=draw(maybe_text),
        image_url=draw(maybe_iri),
    )
    return build_open_badge_credential(info)


def _same_shape_twin(document: dict[str, Any]) -> dict[str, Any]:
    """A document of the same shape with other values, so the template is learnt from a
    document other than the one checked."""
    twin = copy.deepcopy(document)

    def change(value: Any, key: str | None) -> Any:
        if isinstance(value, dict):
            return {k: v if k == "@context" else change(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [change(v, key) for v in value]
        if isinstance(value, str) and key not in ("type", "@type") and value[:1] != "@":
            if value.startswith(("https://", "http://")):
                return value + "twin"
            return value if ":" in value else value + "twin"
        return value

    return change(twin, None)  # type: ignore[no-any-return]


def _check(document: dict[str, Any]) -> None:
    """The template path and pyld agree on ``document`` (or both refuse it)."""
    canonicalizer = Canonicalizer(loader=None)
    shapes = ShapeCache()
    try:
        expected: str | None = canonicalizer.canonicalize_with_pyld(document)
    except CanonicalizationError:
        expected = None
    twin = _same_shape_twin(document)
    if shape_of(twin)[0] != shape_of(document)[0]:
        twin = document
    shapes.canonicalize(twin, canonicalizer.dataset)  # first sighting: not learnt
    shapes.canonicalize(twin, canonicalizer.dataset)  # second: learnt from the twin
    fast = shapes.canonicalize(document, canonicalizer.dataset)
    if fast is None:
        return  # the caller uses pyld: equal by construction
    assert expected is not None, "the template accepted a document pyld refuses"
    assert fast == expected


@SETTINGS
@given(credentials())
def test_template_canonicalization_equals_pyld_for_any_credential(
    credential: dict[str, Any],
) -> None:
    _check(credential)


@SETTINGS
@given(credentials(), st.sampled_from(["2025-01-01T00:00:00Z", "x", ""]), IRI)
def test_template_canonicalization_equals_pyld_for_proof_options(
    credential: dict[str, Any], created: str, method: str
) -> None:
    options = {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-rdfc-2022",
        "created": created,
        "verificationMethod": method,
        "proofPurpose": "assertionMethod",
        "@context": credential["@context"],
    }
    _check(options)


@SETTINGS
@given(
    IRI,
    IRI,
    st.sampled_from(["revocation", "suspension"]),
    st.lists(st.integers(0, 131_071), max_size=20),
    WHEN,
)
def test_template_canonicalization_equals_pyld_for_status_lists(
    url: str, issuer: str, purpose: str, revoked: list[int], when: datetime
) -> None:
    bits = StatusBitstring()
    for index in revoked:
        bits.set(index)
    _check(
        build_status_list_credential(
            list_url=url, issuer_id=issuer, purpose=purpose, bitstring=bits, valid_from=when
        )
    )


@SETTINGS
@given(credentials(), st.data())
def test_template_canonicalization_equals_pyld_for_altered_documents(
    credential: dict[str, Any], data: st.DataObject
) -> None:
    """Whatever a verifier may be sent: extra or missing properties, other types, values of
    other JSON types. Unknown shapes go to pyld; known ones must still agree with it."""
    document = copy.deepcopy(credential)
    key = data.draw(st.sampled_from([*document.keys(), "extra", "@id", "credentialSubject"]))
    value = data.draw(
        st.one_of(
            TEXT,
            IRI,
            st.integers(),
            st.floats(allow_nan=False),
            st.booleans(),
            st.none(),
            st.just(["Achievement", "Profile"]),
            st.just({"id": "https://rosette.example/a", "type": "Profile"}),
        )
    )
    if key != "@context":
        document[key] = value
    _check(document)


def test_credentials_of_one_shape_are_canonicalized_from_the_template() -> None:
    """The point of it: a credential shaped like ours is not given to pyld again."""
    shapes = ShapeCache()
    canonicalizer = Canonicalizer()
    documents = [_credential(n) for n in range(4)]
    results = [shapes.canonicalize(d, canonicalizer.dataset) for d in documents]
    assert results[0] is None  # seen once: pyld
    assert all(r is not None for r in results[1:])
    assert shapes.hits == 3
    assert results[1:] == [canonicalizer.canonicalize_with_pyld(d) for d in documents[1:]]


def test_a_document_mentioning_the_sentinel_goes_to_pyld() -> None:
    shapes = ShapeCache()
    canonicalizer = Canonicalizer()
    document = _credential(1)
    document["name"] = "rosettesentinel0x"
    for _ in range(3):
        assert shapes.canonicalize(document, canonicalizer.dataset) is None


def test_an_undefined_term_is_refused_on_the_template_path_too() -> None:
    canonicalizer = Canonicalizer()
    for n in range(3):
        canonicalizer.canonicalize(_credential(n))
    document = _credential(9)
    document["credentialSubject"]["notATerm"] = "x"
    with pytest.raises(CanonicalizationError, match="notATerm"):
        canonicalizer.canonicalize(document)


def test_signatures_made_on_the_template_path_verify_on_pyld_alone() -> None:
    key = SigningKey.from_seed(bytes(range(32)))
    did = did_web_from_url("https://rosette.example/issuers/sssc")
    resolver = {did: build_did_document(did, [("key-1", key.public_key)])}.get
    fast = Canonicalizer()
    for n in range(3):
        signed = sign_eddsa_rdfc_2022(
            _credential(n),
            key,
            verification_method=f"{did}#key-1",
            created=datetime(2025, 1, 1, tzinfo=UTC),
            canonicalizer=fast,
        )
    reference = _PyldOnly()
    assert verify_proof(signed, resolver=resolver, canonicalizer=reference).verified
    assert verify_proof(signed, resolver=resolver, canonicalizer=fast).verified
    tampered = json.loads(json.dumps(signed))
    tampered["credentialSubject"]["achievement"]["name"] = "Another badge"
    assert not verify_proof(tampered, resolver=resolver, canonicalizer=fast).verified


class _PyldOnly(Canonicalizer):
    def canonicalize(self, document: Any) -> str:
        return self.canonicalize_with_pyld(document)


def _credential(n: int) -> dict[str, Any]:
    return build_open_badge_credential(
        CredentialInfo(
            id=f"https://rosette.example/credentials/c{n}.json",
            issuer=IssuerProfile(
                id="did:web:rosette.example:issuers:sssc", name="SSSC", email="b@sssc.example"
            ),
            achievement=AchievementInfo(
                id="https://rosette.example/badges/video/",
                name=f"Video chats {n}",
                description="Safe calls.",
                criteria_narrative="- Explain",
                image_url="https://rosette.example/badges/video/image",
            ),
            recipient=RecipientInfo(email=f"l{n}@example.org", salt=f"s{n}", name=f"L {n}"),
            valid_from=datetime(2025, 1, 1, tzinfo=UTC),
            status=(
                status_entry(
                    list_url="https://rosette.example/status/sssc/revocation.json",
                    index=n,
                    purpose="revocation",
                ),
            ),
        )
    )
