"""One entry point for the public verify page: a credential, an OB 2.0 assertion, a URL or a
baked image in; a plain-data report out.

Network access belongs to the caller: ``resolver`` resolves non-did:key DIDs, ``fetch`` fetches
OB 2.0 documents and badge URLs, ``fetch_status_list`` fetches status list credentials. Each
returns parsed JSON (use :func:`rosette.credentials.jsonsafe.load_json` on the bytes) or raises
:class:`~rosette.credentials.errors.CredentialError`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from .baking import extract_badge
from .contexts import VC_V1, VC_V2
from .dataintegrity import Canonicalizer, Problem, Resolver, verify_proof
from .errors import BadgeImageError, CredentialError, CredentialFormatError
from .jsonsafe import load_json
from .ob2 import Fetch, Ob2Verification, verify_hosted_assertion
from .recipient import identity_matches
from .statuslist import StatusResult, check_status_entry

FetchStatusList = Callable[[str], Any]


@dataclass(frozen=True)
class VerificationReport:
    """What the verify page shows. ``verified`` is the one-word answer; ``problems`` say why
    not, ``warnings`` what could not be checked."""

    kind: Literal["ob3", "vc", "ob2", "unknown"]
    verified: bool
    problems: tuple[Problem, ...] = ()
    warnings: tuple[str, ...] = ()
    document: Mapping[str, Any] | None = None
    issuer_id: str | None = None
    statuses: tuple[StatusResult, ...] = ()
    recipient_matches: bool | None = None
    ob2: Ob2Verification | None = field(default=None)

    @property
    def reasons(self) -> list[str]:
        """Plain messages for display."""
        return [p.message for p in self.problems]


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _issuer_id(document: Mapping[str, Any]) -> str | None:
    issuer = document.get("issuer")
    if isinstance(issuer, Mapping):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else None


def _validity_problems(document: Mapping[str, Any], now: datetime) -> list[Problem]:
    problems = []
    for key in ("validFrom", "issuanceDate"):
        if key in document:
            start = _parse_time(document[key])
            if start is None:
                problems.append(Problem("malformed", f"The {key} date cannot be read."))
            elif start > now:
                problems.append(Problem("not-yet-valid", "The credential is not valid yet."))
    for key in ("validUntil", "expirationDate"):
        if key in document:
            end = _parse_time(document[key])
            if end is None:
                problems.append(Problem("malformed", f"The {key} date cannot be read."))
            elif end <= now:
                problems.append(Problem("expired", "The credential has expired."))
    return problems


def verify_credential(
    credential: Mapping[str, Any] | bytes | str,
    *,
    resolver: Resolver | None = None,
    fetch_status_list: FetchStatusList | None = None,
    email: str | None = None,
    now: datetime | None = None,
    canonicalizer: Canonicalizer | None = None,
) -> VerificationReport:
    """Verify a Verifiable Credential (OB 3.0 or any VC with an eddsa-rdfc-2022 or
    Ed25519Signature2020 proof): proof, issuer = key controller, validity dates, Bitstring
    Status List entries (when ``fetch_status_list`` is given) and, with ``email``, the
    recipient's hashed identity."""
    now = now or datetime.now(UTC)
    parsed = _as_credential(credential)
    if isinstance(parsed, VerificationReport):
        return parsed
    credential = parsed
    types = set(_as_list(credential.get("type")))
    kind: Literal["ob3", "vc"] = (
        "ob3" if {"OpenBadgeCredential", "AchievementCredential"} & types else "vc"
    )
    issuer_id = _issuer_id(credential)
    problems = _proof_problems(credential, issuer_id, resolver, canonicalizer)
    problems.extend(_validity_problems(credential, now))
    statuses, status_problems, warnings = _status_checks(
        credential, issuer_id, fetch_status_list, resolver, now, canonicalizer
    )
    problems.extend(status_problems)
    matches: bool | None = None
    if email is not None:
        matches = _subject_matches(credential, email)
        if not matches:
            problems.append(
                Problem("recipient-mismatch", "This credential was not awarded to that email.")
            )
    return VerificationReport(
        kind,
        not problems,
        tuple(problems),
        tuple(dict.fromkeys(warnings)),
        credential,
        issuer_id,
        tuple(statuses),
        matches,
    )


def _as_credential(
    credential: Mapping[str, Any] | bytes | str,
) -> Mapping[str, Any] | VerificationReport:
    """The credential as a JSON object that claims to be a W3C VC, or the report saying why
    it is not one."""
    if isinstance(credential, bytes | str):
        try:
            credential = load_json(credential)
        except CredentialFormatError as exc:
            return VerificationReport("unknown", False, (Problem("malformed", str(exc)),))
    if not isinstance(credential, Mapping):
        return VerificationReport(
            "unknown", False, (Problem("malformed", "A credential is a JSON object."),)
        )
    contexts = _as_list(credential.get("@context"))
    types = _as_list(credential.get("type"))
    if not contexts or contexts[0] not in (VC_V2, VC_V1) or "VerifiableCredential" not in types:
        return VerificationReport(
            "unknown",
            False,
            (Problem("malformed", "This is not a W3C Verifiable Credential."),),
            document=credential,
        )
    return credential


def _proof_problems(
    credential: Mapping[str, Any],
    issuer_id: str | None,
    resolver: Resolver | None,
    canonicalizer: Canonicalizer | None,
) -> list[Problem]:
    """The proofs verify, with keys the credential's issuer controls."""
    check = verify_proof(credential, resolver=resolver, canonicalizer=canonicalizer)
    problems = list(check.problems)
    if check.verified and any(c != issuer_id for c in check.controllers):
        problems.append(
            Problem(
                "issuer-mismatch", "The credential was signed by a key its issuer does not control."
            )
        )
    return problems


def _status_checks(
    credential: Mapping[str, Any],
    issuer_id: str | None,
    fetch_status_list: FetchStatusList | None,
    resolver: Resolver | None,
    now: datetime,
    canonicalizer: Canonicalizer | None,
) -> tuple[list[StatusResult], list[Problem], list[str]]:
    """Each Bitstring Status List entry read from its (verified) list: the results, the
    problems (revoked, suspended, or the list unavailable) and what could not be checked."""
    statuses: list[StatusResult] = []
    problems: list[Problem] = []
    warnings: list[str] = []
    for entry in _as_list(credential.get("credentialStatus")):
        if not isinstance(entry, Mapping) or entry.get("type") != "BitstringStatusListEntry":
            warnings.append("The credential uses a status method Rosette cannot check.")
            continue
        if fetch_status_list is None:
            warnings.append("The credential's status (revocation) was not checked.")
            continue
        try:
            result = _check_status(
                entry, issuer_id, fetch_status_list, resolver, now, canonicalizer
            )
        except CredentialError as exc:
            problems.append(Problem("status-unavailable", f"Could not check the status: {exc}"))
            continue
        statuses.append(result)
        if result.active:
            problems.append(_STATUS_PROBLEMS.get(result.purpose, _STATUS_PROBLEMS["suspension"]))
    return statuses, problems, warnings


_STATUS_PROBLEMS = {
    "revocation": Problem("revoked", "The issuer has revoked this credential."),
    "suspension": Problem("suspended", "The issuer has suspended this credential."),
}


def _subject_matches(credential: Mapping[str, Any], email: str) -> bool:
    for subject in _as_list(credential.get("credentialSubject")):
        if not isinstance(subject, Mapping):
            continue
        for identity in _as_list(subject.get("identifier")):
            if (
                isinstance(identity, Mapping)
                and identity.get("identityType") == "emailAddress"
                and identity_matches(
                    identity.get("identityHash", ""),
                    email,
                    identity.get("salt"),
                    hashed=identity.get("hashed") is True,
                )
            ):
                return True
    return False


def _check_status(
    entry: Mapping[str, Any],
    issuer_id: str | None,
    fetch_status_list: FetchStatusList,
    resolver: Resolver | None,
    now: datetime,
    canonicalizer: Canonicalizer | None,
) -> StatusResult:
    url = entry.get("statusListCredential")
    if not isinstance(url, str):
        raise CredentialFormatError("The status entry does not name its list.")
    list_credential = fetch_status_list(url)
    if not isinstance(list_credential, Mapping):
        raise CredentialFormatError("The status list is not a JSON object.")
    check = verify_proof(list_credential, resolver=resolver, canonicalizer=canonicalizer)
    if not check.verified:
        raise CredentialFormatError("the status list's signature does not verify")
    if _issuer_id(list_credential) != issuer_id or any(c != issuer_id for c in check.controllers):
        raise CredentialFormatError("the status list was not issued by the credential's issuer")
    if _validity_problems(list_credential, now):
        raise CredentialFormatError("the status list is not currently valid")
    return check_status_entry(entry, list_credential)


def verify_badge(
    source: bytes | str | Mapping[str, Any],
    *,
    fetch: Fetch | None = None,
    resolver: Resolver | None = None,
    fetch_status_list: FetchStatusList | None = None,
    email: str | None = None,
    now: datetime | None = None,
    canonicalizer: Canonicalizer | None = None,
) -> VerificationReport:
    """Verify whatever the verify page received: image bytes (PNG/SVG), JSON bytes or text, a
    parsed document, or a URL. Never raises for bad input; the report says what is wrong."""
    try:
        document: Any = source
        if isinstance(source, bytes):
            stripped = source.lstrip()
            if stripped.startswith(b"{"):
                document = load_json(source)
            else:
                baked = extract_badge(source)
                if baked is None:
                    return VerificationReport(
                        "unknown",
                        False,
                        (Problem("no-badge", "The image does not carry an Open Badge."),),
                    )
                document = baked.payload
        if isinstance(document, str):
            text = document.strip()
            if text.startswith(("https://", "http://")):
                if fetch is None:
                    raise CredentialFormatError("Badges given by URL cannot be checked here.")
                document = fetch(text)
                if isinstance(document, Mapping) and "VerifiableCredential" not in _as_list(
                    document.get("type")
                ):
                    document = text  # an OB 2.0 hosted assertion: verify it by its URL
            elif text.count(".") == 2 and not text.startswith("{"):
                raise CredentialFormatError(
                    "Credentials signed as JSON Web Tokens are not supported yet."
                )
            else:
                document = load_json(text)
    except CredentialError as exc:
        code = "bad-image" if isinstance(exc, BadgeImageError) else "malformed"
        return VerificationReport("unknown", False, (Problem(code, str(exc)),))
    if isinstance(document, Mapping) and "VerifiableCredential" in _as_list(document.get("type")):
        return verify_credential(
            document,
            resolver=resolver,
            fetch_status_list=fetch_status_list,
            email=email,
            now=now,
            canonicalizer=canonicalizer,
        )
    if isinstance(document, str) or (
        isinstance(document, Mapping) and "Assertion" in _as_list(document.get("type"))
    ):
        if fetch is None:
            return VerificationReport(
                "ob2",
                False,
                (Problem("unreachable", "Open Badges 2.0 badges need their issuer's site."),),
            )
        result = verify_hosted_assertion(document, fetch=fetch, email=email, now=now)
        return VerificationReport(
            "ob2",
            result.valid,
            result.problems,
            document=result.assertion,
            issuer_id=(result.issuer or {}).get("id"),
            recipient_matches=result.recipient_matches,
            ob2=result,
        )
    return VerificationReport(
        "unknown", False, (Problem("malformed", "This is not an Open Badge or credential."),)
    )
