"""Open Badges 2.0 hosted documents (Assertion, BadgeClass, Issuer, RevocationList) and a
verifier for hosted assertions.

Each builder returns the JSON document to serve at its ``id`` URL with content type
``application/ld+json``. The verifier takes a ``fetch(url) -> parsed JSON`` callable so the
caller decides how (and whether) to reach the network.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from .contexts import OB2_CONTEXT
from .dataintegrity import Problem, xsd_datetime
from .errors import CredentialError
from .recipient import hash_email, identity_matches

#: ``fetch(url) -> parsed JSON document``; raise :class:`CredentialError` (or return ``None``)
#: when it cannot be fetched.
Fetch = Callable[[str], Any]


@dataclass(frozen=True)
class Ob2Evidence:
    """One evidence entry of an assertion."""

    id: str | None = None
    narrative: str | None = None
    name: str | None = None
    description: str | None = None
    genre: str | None = None


def _drop_none(mapping: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in mapping.items() if v is not None}


def build_issuer(
    *,
    id: str,
    name: str,
    url: str,
    email: str | None = None,
    description: str | None = None,
    image: str | None = None,
    revocation_list: str | None = None,
) -> dict[str, Any]:
    """The hosted ``Issuer`` Profile, served at ``id``."""
    return _drop_none(
        {
            "@context": OB2_CONTEXT,
            "type": "Issuer",
            "id": id,
            "name": name,
            "url": url,
            "email": email,
            "description": description,
            "image": image,
            "revocationList": revocation_list,
        }
    )


def build_badge_class(
    *,
    id: str,
    name: str,
    description: str,
    image: str,
    criteria_narrative: str,
    issuer: str,
    criteria_url: str | None = None,
    tags: Sequence[str] = (),
) -> dict[str, Any]:
    """The hosted ``BadgeClass``, served at ``id``; ``issuer`` is the Issuer's URL."""
    criteria: dict[str, Any] = {"narrative": criteria_narrative}
    if criteria_url:
        criteria["id"] = criteria_url
    badge: dict[str, Any] = {
        "@context": OB2_CONTEXT,
        "type": "BadgeClass",
        "id": id,
        "name": name,
        "description": description,
        "image": image,
        "criteria": criteria,
        "issuer": issuer,
    }
    if tags:
        badge["tags"] = list(tags)
    return badge


def build_assertion(
    *,
    id: str,
    badge: str,
    recipient_email: str,
    salt: str,
    issued_on: datetime,
    image: str | None = None,
    evidence: Sequence[Ob2Evidence] = (),
    narrative: str | None = None,
    expires: datetime | None = None,
) -> dict[str, Any]:
    """The hosted ``Assertion``, served at ``id`` (hashed email recipient, hosted verification).

    When the award is revoked, serve :func:`build_revoked_assertion` at ``id`` instead.
    """
    assertion: dict[str, Any] = {
        "@context": OB2_CONTEXT,
        "type": "Assertion",
        "id": id,
        "recipient": {
            "type": "email",
            "hashed": True,
            "salt": salt,
            "identity": hash_email(recipient_email, salt),
        },
        "badge": badge,
        "verification": {"type": "hosted"},
        "issuedOn": xsd_datetime(issued_on),
    }
    if image:
        assertion["image"] = image
    if evidence:
        assertion["evidence"] = [
            _drop_none(
                {
                    "type": "Evidence",
                    "id": e.id,
                    "narrative": e.narrative,
                    "name": e.name,
                    "description": e.description,
                    "genre": e.genre,
                }
            )
            for e in evidence
        ]
    if narrative:
        assertion["narrative"] = narrative
    if expires is not None:
        assertion["expires"] = xsd_datetime(expires)
    return assertion


def build_revoked_assertion(*, id: str, reason: str | None = None) -> dict[str, Any]:
    """What to serve at a revoked assertion's URL."""
    return _drop_none(
        {
            "@context": OB2_CONTEXT,
            "type": "Assertion",
            "id": id,
            "revoked": True,
            "revocationReason": reason,
        }
    )


def build_revocation_list(
    *, id: str, issuer: str, revoked: Sequence[tuple[str, str | None]]
) -> dict[str, Any]:
    """The issuer's ``RevocationList``: ``revoked`` is ``(assertion id, reason or None)``."""
    return {
        "@context": OB2_CONTEXT,
        "type": "RevocationList",
        "id": id,
        "issuer": issuer,
        "revokedAssertions": [
            _drop_none({"id": assertion_id, "revocationReason": reason})
            for assertion_id, reason in revoked
        ],
    }


# --- verification ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Ob2Verification:
    """The outcome of verifying a hosted OB 2.0 assertion."""

    valid: bool
    problems: tuple[Problem, ...] = ()
    assertion: Mapping[str, Any] | None = None
    badge: Mapping[str, Any] | None = None
    issuer: Mapping[str, Any] | None = None
    recipient_matches: bool | None = None
    revoked: bool = False
    expired: bool = False
    warnings: tuple[str, ...] = field(default=())

    @property
    def reasons(self) -> list[str]:
        """Plain messages for display."""
        return [p.message for p in self.problems]


def _has_type(document: Mapping[str, Any], wanted: str) -> bool:
    types = document.get("type")
    values = types if isinstance(types, list) else [types]
    return wanted in values or f"https://w3id.org/openbadges#{wanted}" in values


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc.lower()


def _parse_datetime(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _fetch_document(fetch: Fetch, url: str, what: str) -> Mapping[str, Any]:
    try:
        document = fetch(url)
    except CredentialError as exc:
        raise _Fail("unreachable", f"Could not fetch the {what} at {url}: {exc}") from None
    if not isinstance(document, Mapping):
        raise _Fail("unreachable", f"The {what} at {url} is not a JSON object.")
    return document


class _Fail(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.problem = Problem(code, message)


def _hosting_allowed(assertion_id: str, issuer: Mapping[str, Any]) -> bool:
    verification = issuer.get("verification")
    if isinstance(verification, Mapping):
        starts = verification.get("startsWith")
        if starts:
            prefixes = starts if isinstance(starts, list) else [starts]
            return any(isinstance(p, str) and assertion_id.startswith(p) for p in prefixes)
        allowed = verification.get("allowedOrigins")
        if allowed:
            hosts = allowed if isinstance(allowed, list) else [allowed]
            return urlsplit(assertion_id).netloc.lower() in {str(h).lower() for h in hosts}
    issuer_id = issuer.get("id")
    return isinstance(issuer_id, str) and _origin(issuer_id) == _origin(assertion_id)


def verify_hosted_assertion(
    source: Mapping[str, Any] | str,
    *,
    fetch: Fetch,
    email: str | None = None,
    now: datetime | None = None,
) -> Ob2Verification:
    """Verify a hosted OB 2.0 assertion given as its JSON or its URL.

    Checks that the assertion's ``id`` URL serves the same document, that its BadgeClass and
    Issuer can be fetched and are of the right types, that the assertion is hosted where the
    issuer allows, that it is neither revoked (in the assertion or the issuer's revocation
    list) nor expired, and, when ``email`` is given, that it was awarded to that email.
    """
    now = now or datetime.now(UTC)
    try:
        assertion_id, given = _assertion_to_check(source)
        hosted = _fetch_document(fetch, assertion_id, "assertion")
        if hosted.get("revoked") is True:
            problem = _revoked(hosted.get("revocationReason"))
            return Ob2Verification(False, (problem,), assertion=hosted, revoked=True)
        assertion = _hosted_assertion(hosted, given, assertion_id)
        badge, issuer = _badge_and_issuer(fetch, assertion, assertion_id)
        listed = _revocation_listed(fetch, issuer, assertion_id)
        if listed is not None:
            return Ob2Verification(False, (listed,), assertion, badge, issuer, revoked=True)
        if _expired(assertion, now):
            problem = Problem("expired", "This badge has expired.")
            return Ob2Verification(False, (problem,), assertion, badge, issuer, expired=True)
        matches, problems = _recipient_check(assertion, email)
        return Ob2Verification(
            not problems, problems, assertion, badge, issuer, recipient_matches=matches
        )
    except _Fail as failure:
        return Ob2Verification(False, (failure.problem,))


def _assertion_to_check(source: Mapping[str, Any] | str) -> tuple[str, Mapping[str, Any] | None]:
    """The URL to check, and the assertion as given (``None`` when given by URL)."""
    if not isinstance(source, Mapping):
        if not isinstance(source, str) or not source.startswith("https://"):
            raise _Fail("malformed", "A hosted assertion is identified by an https URL.")
        return source, None
    assertion_id = source.get("id")
    if not isinstance(assertion_id, str) or not assertion_id.startswith(("https://", "http://")):
        raise _Fail("malformed", "The assertion has no URL id, so it cannot be checked.")
    return assertion_id, source


def _revoked(reason: Any) -> Problem:
    message = "The issuer has revoked this badge." + (f" Reason: {reason}" if reason else "")
    return Problem("revoked", message)


def _hosted_assertion(
    hosted: Mapping[str, Any], given: Mapping[str, Any] | None, assertion_id: str
) -> Mapping[str, Any]:
    """The hosted document is the assertion given, and a hosted-verification assertion."""
    if given is not None and dict(hosted) != dict(given):
        raise _Fail("tampered", "The assertion differs from the one its issuer hosts at its URL.")
    if hosted.get("id") != assertion_id or not _has_type(hosted, "Assertion"):
        raise _Fail("malformed", "The document at the assertion URL is not that assertion.")
    verification = hosted.get("verification")
    if not isinstance(verification, Mapping) or verification.get("type") not in (
        "hosted",
        "HostedBadge",
    ):
        raise _Fail(
            "unsupported-verification",
            "Only hosted Open Badges 2.0 assertions can be verified here.",
        )
    return hosted


def _badge_and_issuer(
    fetch: Fetch, assertion: Mapping[str, Any], assertion_id: str
) -> tuple[Mapping[str, Any], Mapping[str, Any]]:
    """The BadgeClass and Issuer the assertion links to, and the issuer lets it be hosted
    where it is."""
    badge_ref = assertion.get("badge")
    if not isinstance(badge_ref, str):
        raise _Fail("malformed", "The assertion does not link to its badge by URL.")
    badge = _fetch_document(fetch, badge_ref, "badge")
    if not _has_type(badge, "BadgeClass") or badge.get("id") != badge_ref:
        raise _Fail("malformed", "The badge document is not a BadgeClass.")
    issuer_ref = badge.get("issuer")
    if not isinstance(issuer_ref, str):
        raise _Fail("malformed", "The badge does not link to its issuer by URL.")
    issuer = _fetch_document(fetch, issuer_ref, "issuer")
    if not (_has_type(issuer, "Issuer") or _has_type(issuer, "Profile")):
        raise _Fail("malformed", "The issuer document is not an Issuer Profile.")
    if issuer.get("id") != issuer_ref:
        raise _Fail("malformed", "The issuer document does not have the issuer's id.")
    if not _hosting_allowed(assertion_id, issuer):
        raise _Fail(
            "wrong-host",
            "The assertion is not hosted where its issuer says its assertions live.",
        )
    return badge, issuer


def _revocation_listed(
    fetch: Fetch, issuer: Mapping[str, Any], assertion_id: str
) -> Problem | None:
    """The "revoked" problem when the issuer's revocation list names the assertion."""
    revocation_url = issuer.get("revocationList")
    if not isinstance(revocation_url, str):
        return None
    revocations = _fetch_document(fetch, revocation_url, "revocation list")
    for entry in revocations.get("revokedAssertions", []) or []:
        revoked_id = entry.get("id") if isinstance(entry, Mapping) else entry
        if revoked_id == assertion_id:
            return _revoked(entry.get("revocationReason") if isinstance(entry, Mapping) else None)
    return None


def _expired(assertion: Mapping[str, Any], now: datetime) -> bool:
    expires = _parse_datetime(assertion.get("expires"))
    if assertion.get("expires") is not None and expires is None:
        raise _Fail("malformed", "The assertion's expiry date cannot be read.")
    return expires is not None and expires <= now


def _recipient_check(
    assertion: Mapping[str, Any], email: str | None
) -> tuple[bool | None, tuple[Problem, ...]]:
    """Whether the assertion was awarded to ``email`` (``None`` when none was given)."""
    if email is None:
        return None, ()
    recipient = assertion.get("recipient")
    if not isinstance(recipient, Mapping):
        raise _Fail("malformed", "The assertion has no recipient.")
    matches = identity_matches(
        recipient.get("identity", ""),
        email,
        recipient.get("salt"),
        hashed=recipient.get("hashed") is True,
    )
    if matches:
        return True, ()
    return False, (Problem("recipient-mismatch", "This badge was not awarded to that email."),)
