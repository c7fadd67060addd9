"""Reads: the public URLs of credentials, the hosted documents served at them, and the answer
to "is this one of ours?" used when verifying (our own URLs and DIDs never go over HTTP).

Every URL derives from ``settings.SITE_URL`` at the time it is built, so a database verifies
wherever it is served; a signed OB 3.0 credential keeps the URLs it was signed with.
"""

from __future__ import annotations

import json
import queue
import re
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, replace
from datetime import datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import Resolver404, ResolverMatch, resolve, reverse
from django.utils.translation import gettext_lazy as _

from rosette.awards.models import Award
from rosette.awards.selectors import links_for
from rosette.catalogue.artwork import badge_png, badge_svg
from rosette.catalogue.models import Badge, Issuer
from rosette.catalogue.selectors import current_version

from .baking import bake_png, bake_svg, extract_badge
from .dataintegrity import Canonicalizer, Problem
from .errors import BadgeImageError, CredentialError
from .fetch import IMAGE_TYPES, JSON_TYPES, FetchError
from .fetch import fetch as remote_fetch
from .jsonsafe import load_json
from .keys import VerificationKey, build_did_document, did_web_document_url, did_web_from_url
from .models import AwardCredential, IssuerKey, StatusList
from .ob2 import (
    Ob2Evidence,
    build_assertion,
    build_badge_class,
    build_issuer,
    build_revocation_list,
    build_revoked_assertion,
)
from .verify import VerificationReport, verify_badge

LD_JSON = "application/ld+json"

# --- URLs --------------------------------------------------------------------------------------


def absolute(url_name: str, /, **kwargs: Any) -> str:
    """``SITE_URL`` + the path of a named URL."""
    return settings.SITE_URL + reverse(url_name, kwargs=kwargs)


def issuer_did(issuer: Issuer) -> str:
    """``did:web:<host>%3A<port>:issuers:<slug>``, resolved at ``/issuers/<slug>/did.json``."""
    return did_web_from_url(f"{settings.SITE_URL}/issuers/{issuer.slug}")


def credential_url(award: Award) -> str:
    return absolute("credentials:ob3_credential", code=award.code)


def assertion_url(award: Award) -> str:
    return absolute("credentials:ob2_assertion", code=award.code)


def badge_class_url(badge: Badge) -> str:
    return absolute("credentials:ob2_badge", slug=badge.slug)


def ob2_issuer_url(issuer: Issuer) -> str:
    return absolute("credentials:ob2_issuer", slug=issuer.slug)


def revocation_list_url(issuer: Issuer) -> str:
    return absolute("credentials:ob2_revocations", slug=issuer.slug)


def status_list_url(status_list: StatusList) -> str:
    return absolute(
        "credentials:status_list", slug=status_list.issuer.slug, name=status_list.public_name
    )


def badge_image_url(badge: Badge) -> str:
    return absolute("catalogue:badge_image", slug=badge.slug)


# --- keys and DID documents --------------------------------------------------------------------


def issuer_keys(issuer: Issuer) -> list[IssuerKey]:
    """The active key first, then retired keys, newest first."""
    keys = list(IssuerKey.objects.filter(issuer=issuer).order_by("-created_at", "-pk"))
    return sorted(keys, key=lambda k: k.status != IssuerKey.Status.ACTIVE)


def did_document(issuer: Issuer) -> dict[str, Any]:
    """The issuer's DID document: every key it has signed with, the active one first."""
    return build_did_document(
        issuer_did(issuer),
        [
            (key.fragment, VerificationKey.from_multibase(key.public_key_multibase))
            for key in issuer_keys(issuer)
        ],
        also_known_as=absolute("catalogue:issuer_detail", slug=issuer.slug),
    )


# --- OB 2.0 hosted documents -------------------------------------------------------------------


def credential_for_viewer(*, code: str, user: object, carry_name: bool) -> AwardCredential:
    """The credential of the award with this (unguessable) code, if this person may fetch the
    hosted document asked for (``carry_name``: it shows the learner's full name); 404
    otherwise, the same answer as for a code that does not exist (ADR 0008)."""
    credential = (
        AwardCredential.objects.select_related("award__badge__issuer", "issuer")
        .filter(award__code=code)
        .first()
    )
    if credential is None or not credential.award.documents_visible_to(user, carry_name=carry_name):
        raise Http404
    return credential


def ob2_issuer_document(issuer: Issuer) -> dict[str, Any]:
    return build_issuer(
        id=ob2_issuer_url(issuer),
        name=issuer.name,
        url=issuer.url or absolute("catalogue:issuer_detail", slug=issuer.slug),
        email=issuer.email,
        description=issuer.description or None,
        image=absolute("catalogue:issuer_image", slug=issuer.slug) if issuer.image else None,
        revocation_list=revocation_list_url(issuer),
    )


def _criteria(badge: Badge) -> tuple[str, str]:
    version = current_version(badge)
    description = version.description if version else badge.summary
    criteria = "\n".join(f"- {item}" for item in version.criteria_items()) if version else ""
    return description or badge.summary, criteria or badge.summary


def ob2_badge_document(badge: Badge) -> dict[str, Any]:
    description, criteria = _criteria(badge)
    return build_badge_class(
        id=badge_class_url(badge),
        name=badge.name,
        description=description,
        image=badge_image_url(badge),
        criteria_narrative=criteria,
        criteria_url=absolute("catalogue:badge_detail", slug=badge.slug),
        issuer=ob2_issuer_url(badge.issuer),
    )


def ob2_revocation_reason(award: Award) -> str | None:
    """Why the hosted assertion says ``revoked``. OB 2.0 knows only revocation, so a suspended
    award's assertion is served as revoked, saying it is a suspension (ADR 0008)."""
    if award.status == Award.Status.SUSPENDED:
        return SUSPENDED_REASON + (f" Reason: {award.status_reason}" if award.status_reason else "")
    return award.status_reason or None


# English, like every hosted document; the verify page words it for people (VerifyOutcome).
SUSPENDED_REASON = "Suspended by the issuer: not valid until the issuer restores it."


def ob2_assertion_document(credential: AwardCredential) -> dict[str, Any]:
    """The hosted Assertion; while the award is not valid now (revoked, or suspended), the
    revoked document, which has none of the assertion's claims."""
    award = credential.award
    if award.status != Award.Status.ACTIVE:
        return build_revoked_assertion(id=assertion_url(award), reason=ob2_revocation_reason(award))
    document = build_assertion(
        id=assertion_url(award),
        badge=badge_class_url(award.badge),
        recipient_email="",  # replaced below: only the salted hash is kept
        salt=credential.salt,
        issued_on=award.awarded_at,
        image=absolute("credentials:ob2_baked_png", code=award.code),
        evidence=[
            Ob2Evidence(
                id=award_page_url(award),
                name=EVIDENCE_NAME,
                narrative=EVIDENCE_NARRATIVE,
                genre="Award page",
            )
        ],
    )
    document["recipient"]["identity"] = credential.recipient_identity
    return document


# The evidence itself stays on the award page, where the learner decides who sees it and can
# withdraw it; a signed credential that travels cannot be taken back, so it points there.
EVIDENCE_NAME = "Award page and evidence"
EVIDENCE_NARRATIVE = (
    "The learner's evidence, as assessed, is on their award page, shown as they choose."
)


def award_page_url(award: Award) -> str:
    return absolute("awards:award_detail", code=award.code)


def ob2_revocation_list_document(issuer: Issuer) -> dict[str, Any]:
    """The issuer's RevocationList: every assertion not valid now (revoked or suspended)."""
    revoked = (
        AwardCredential.objects.filter(issuer=issuer)
        .exclude(award__status=Award.Status.ACTIVE)
        .select_related("award")
        .order_by("award__code")
    )
    return build_revocation_list(
        id=revocation_list_url(issuer),
        issuer=ob2_issuer_url(issuer),
        revoked=[(assertion_url(c.award), ob2_revocation_reason(c.award)) for c in revoked],
    )


# --- status lists ------------------------------------------------------------------------------

_LIST_NAME = re.compile(r"^(revocation|suspension|validity)(?:-([1-9][0-9]{0,5}))?$")


def status_list_for(*, slug: str, name: str) -> StatusList:
    """The status list at ``/status/<slug>/<name>.json`` (``validity``, ``suspension-2``…)."""
    match = _LIST_NAME.match(name)
    if not match:
        raise Http404
    number = int(match.group(2) or 1)
    status_list = get_object_or_404(
        StatusList.objects.select_related("issuer").exclude(signed_json=""),
        issuer__slug=slug,
        purpose=match.group(1),
        number=number,
    )
    if number == 1 and match.group(2):
        raise Http404  # one URL per list: the first is "revocation", not "revocation-1"
    return status_list


# --- images ------------------------------------------------------------------------------------


def baked_ob3_png(credential: AwardCredential) -> bytes:
    return bake_png(badge_png(credential.award.badge), credential.ob3_json, kind="ob3")


def baked_ob3_svg(credential: AwardCredential) -> bytes:
    return bake_svg(badge_svg(credential.award.badge), credential.ob3_json, kind="ob3")


def baked_ob2_png(credential: AwardCredential) -> bytes:
    return bake_png(badge_png(credential.award.badge), assertion_url(credential.award), kind="ob2")


# --- our own documents, for the verifier -------------------------------------------------------


def _site() -> tuple[str, str]:
    parts = urlsplit(settings.SITE_URL)
    return parts.netloc.lower(), parts.path.rstrip("/")


def is_local_url(url: str) -> bool:
    """Whether ``url`` is on this site (``SITE_URL``'s host, over http or https)."""
    parts = urlsplit(url.strip())
    netloc, prefix = _site()
    return (
        parts.scheme in ("http", "https")
        and parts.netloc.lower() == netloc
        and parts.path.startswith(prefix + "/")
    )


def _resolve_local(url: str) -> ResolverMatch | None:
    """The view one of our URLs names, forgiving a missing or extra trailing slash (a link
    copied by hand); the query and fragment are ignored."""
    path = urlsplit(url.strip()).path[len(_site()[1]) :]
    for candidate in (path, path + "/", path.rstrip("/")):
        if not candidate:
            continue
        try:
            return resolve(candidate)
        except Resolver404:
            continue
    return None


# What a stranger gets from one of our URLs, by view name (the verify page is a stranger).
_LOCAL_DOCUMENTS: dict[str, Callable[..., dict[str, Any] | bytes]] = {
    "credentials:did_document": lambda slug: did_document(get_object_or_404(Issuer, slug=slug)),
    "credentials:ob2_issuer": lambda slug: ob2_issuer_document(
        get_object_or_404(Issuer, slug=slug)
    ),
    "credentials:ob2_badge": lambda slug: ob2_badge_document(get_object_or_404(Badge, slug=slug)),
    "credentials:ob2_revocations": lambda slug: ob2_revocation_list_document(
        get_object_or_404(Issuer, slug=slug)
    ),
    "credentials:status_list": lambda slug, name: json.loads(
        status_list_for(slug=slug, name=name).signed_json
    ),
    "credentials:ob2_assertion": lambda code: ob2_assertion_document(
        credential_for_viewer(code=code, user=None, carry_name=False)
    ),
    "credentials:ob2_baked_png": lambda code: baked_ob2_png(
        credential_for_viewer(code=code, user=None, carry_name=False)
    ),
    "credentials:ob3_credential": lambda code: json.loads(
        credential_for_viewer(code=code, user=None, carry_name=True).ob3_json
    ),
    "credentials:ob3_baked_png": lambda code: baked_ob3_png(
        credential_for_viewer(code=code, user=None, carry_name=True)
    ),
    "credentials:ob3_baked_svg": lambda code: baked_ob3_svg(
        credential_for_viewer(code=code, user=None, carry_name=True)
    ),
    # The award page (and the certificate's QR code, which links to it): what its
    # <link rel="alternate"> offers a stranger, as a verifier elsewhere would follow it.
    "awards:award_detail": lambda code: local_document(_award_page_alternate(code)),
    "awards:certificate": lambda code: local_document(_award_page_alternate(code)),
}
NOTHING_HERE = "Nothing is published at that address on this site."


def local_document(url: str) -> dict[str, Any] | bytes:
    """What one of our own URLs serves a stranger, from the database (JSON as a dict, images
    as bytes); an award page or certificate gives the credential document it links to.

    Raises :class:`FetchError` when nothing is served there.
    """
    match = _resolve_local(url)
    if match is None:
        raise FetchError(NOTHING_HERE)
    build = _LOCAL_DOCUMENTS.get(match.view_name)
    if build is None:
        raise FetchError("That page of this site is not a badge or credential.")
    try:
        return build(**match.kwargs)
    except Http404:
        raise FetchError(NOTHING_HERE) from None


def _award_page_alternate(code: str) -> str:
    """The document a stranger given the award page's address is sent on to."""
    award = Award.objects.select_related("badge__issuer", "recipient").filter(code=code).first()
    if award is None or not award.visible_to(None):
        raise Http404
    alternates = links_for(award).alternates
    if not alternates:
        raise Http404
    return alternates[0][1]


def local_did_document(did: str) -> dict[str, Any] | None:
    """The DID document of one of our issuers, or ``None`` when the DID is not ours."""
    prefix = did_web_from_url(settings.SITE_URL) + ":issuers:"
    if not did.startswith(prefix):
        return None
    slug = did[len(prefix) :]
    issuer = Issuer.objects.filter(slug=slug).first()
    if issuer is None or ":" in slug:
        raise FetchError("This site has no issuer with that identifier.")
    return did_document(issuer)


# --- verifying anything, for the verify page ---------------------------------------------------

VERIFY_SECONDS = 15.0  # settings.ROSETTE_VERIFY_SECONDS, if set, overrides it
VERIFY_SLOTS = 4
_in_flight = threading.BoundedSemaphore(VERIFY_SLOTS)

_STATE_CODES = {"revoked", "suspended", "expired", "not-yet-valid"}
_PLAIN = {
    "tampered": _(
        "It has been changed since it was issued, or it was not signed by the issuer it names."
    ),
    "no-proof": _("It carries no digital signature, so nobody can tell who issued it."),
    "no-badge": _(
        "This image does not carry an Open Badge. Badge images have the badge hidden inside "
        "them; this one has none. Ask the person who earned it for the baked badge image or "
        "the credential file."
    ),
}


class VerifyBusy(Exception):
    """Too many verifications are running; try again shortly."""


class VerifyTimeout(Exception):
    """The badge took too long to check."""


@dataclass(frozen=True)
class VerifyOutcome:
    """What the verify page tells a person, in plain words."""

    genuine: bool
    state: str  # "current", "revoked", "suspended", "expired", "not-genuine"
    reasons: tuple[str, ...]
    warnings: tuple[str, ...]
    recipient_matches: bool | None
    email: str | None
    issuer_name: str | None
    badge_name: str | None
    issued_on: datetime | None
    kind: str


def _text(value: Any, limit: int = 200) -> str | None:
    return value[:limit] if isinstance(value, str) and value.strip() else None


def _date(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _names(report: VerificationReport) -> tuple[str | None, str | None, datetime | None]:
    document = report.document or {}
    if report.ob2 is not None:
        issuer = report.ob2.issuer or {}
        badge = report.ob2.badge or {}
        assertion = report.ob2.assertion or {}
        return _text(issuer.get("name")), _text(badge.get("name")), _date(assertion.get("issuedOn"))
    issuer_value = document.get("issuer")
    issuer_name = _text(issuer_value.get("name")) if isinstance(issuer_value, Mapping) else None
    subject = document.get("credentialSubject")
    subject = subject[0] if isinstance(subject, list) and subject else subject
    achievement = subject.get("achievement") if isinstance(subject, Mapping) else None
    badge_name = _text(achievement.get("name")) if isinstance(achievement, Mapping) else None
    issued = document.get("awardedDate") or document.get("validFrom")
    return issuer_name, badge_name, _date(issued)


def outcome_from_report(report: VerificationReport, *, email: str | None) -> VerifyOutcome:
    codes = [p.code for p in report.problems]
    integrity = [p for p in report.problems if p.code not in _STATE_CODES | {"recipient-mismatch"}]
    genuine = not integrity and report.kind != "unknown"
    if not genuine:
        state = "not-genuine"
    elif "revoked" in codes:
        state = "revoked"
    elif "suspended" in codes:
        state = "suspended"
    elif "expired" in codes or "not-yet-valid" in codes:
        state = "expired"
    else:
        state = "current"
    reasons = tuple(
        dict.fromkeys(
            str(_PLAIN.get(p.code, p.message))
            for p in report.problems
            if p.code != "recipient-mismatch"
        )
    )
    issuer_name, badge_name, issued_on = _names(report) if genuine else (None, None, None)
    return VerifyOutcome(
        genuine=genuine,
        state=state,
        reasons=reasons,
        warnings=tuple(report.warnings),
        recipient_matches=report.recipient_matches if email else None,
        email=email,
        issuer_name=issuer_name,
        badge_name=badge_name,
        issued_on=issued_on,
        kind=report.kind,
    )


class _MainThread:
    """Runs database look-ups asked for by the verification thread in the calling thread
    (the request's thread owns the database connection and, in tests, the transaction)."""

    def __init__(self, deadline: float) -> None:
        self.requests: queue.Queue[Any] = queue.Queue()
        self.deadline = deadline

    def call(self, function: Callable[..., Any], *args: Any) -> Any:
        reply: queue.Queue[tuple[bool, Any]] = queue.Queue(maxsize=1)
        self.requests.put((function, args, reply))
        try:
            ok, value = reply.get(timeout=max(0.0, self.deadline - time.monotonic()))
        except queue.Empty:
            raise FetchError("The check was stopped because it took too long.") from None
        if ok:
            return value
        raise value

    def serve(self, done: Future[Any]) -> Any:
        while True:
            # The deadline is checked first, so a check past it is always stopped.
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                raise VerifyTimeout
            if done.done():
                return done.result()
            try:
                item = self.requests.get(timeout=remaining)
            except queue.Empty:
                continue
            if item is None:
                continue
            function, args, reply = item
            try:
                reply.put((True, function(*args)))
            except Exception as exc:  # handed to the worker, which reports it as a problem
                reply.put((False, exc))


class _Alternates(HTMLParser):
    """The ``<link rel="alternate">`` of a web page that point to JSON (a badge page's links
    to its credential documents)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link" or len(self.hrefs) >= 10:
            return
        values = {name: value or "" for name, value in attrs}
        rels = values.get("rel", "").lower().split()
        kind = values.get("type", "").split(";", 1)[0].strip().lower()
        if "alternate" in rels and kind in JSON_TYPES and values.get("href"):
            self.hrefs.append(values["href"])


def page_alternate(html: bytes, base_url: str) -> str | None:
    """The first credential document a web page links to as an alternate, made absolute."""
    parser = _Alternates()
    parser.feed(html.decode("utf-8", errors="replace"))
    parser.close()
    return urljoin(base_url, parser.hrefs[0]) if parser.hrefs else None


def local_award_status(url: str) -> tuple[str, str] | None:
    """(status, reason) of the award whose hosted credential document is at ``url``, when
    the URL is one of ours; ``None`` otherwise."""
    match = _resolve_local(url) if is_local_url(url) else None
    if match is None or match.view_name not in (
        "credentials:ob2_assertion",
        "credentials:ob3_credential",
    ):
        return None
    award = Award.objects.filter(code=match.kwargs["code"]).first()
    return (award.status, award.status_reason) if award else None


def with_local_status(
    report: VerificationReport, status_of: Callable[[str], tuple[str, str] | None]
) -> VerificationReport:
    """Say "suspended" rather than "revoked" for one of our own awards that is suspended.

    Neither OB 2.0 (revocation only) nor a credential's one status entry (set while revoked or
    suspended) can tell a suspension from a revocation; for our own badges we can (ADR 0008).
    """
    if "revoked" not in {p.code for p in report.problems}:
        return report
    document_id = (report.document or {}).get("id")
    state = status_of(document_id) if isinstance(document_id, str) else None
    if state is None or state[0] != Award.Status.SUSPENDED:
        return report
    message = "The issuer has suspended this badge; it does not count until it is restored."
    if state[1]:
        message += f" Reason: {state[1]}"
    problems = tuple(
        Problem("suspended", message) if p.code == "revoked" else p for p in report.problems
    )
    return replace(report, problems=problems)


HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def _verify_in_worker(source: str | bytes, email: str | None, main: _MainThread) -> Any:
    canonicalizer = Canonicalizer()  # its own context cache: threads never share one

    def get(url: str, *, given: bool = False) -> Any:
        """A document or image; the address someone gave may also be a web page that links
        to its credential (a badge's page), which is followed once."""
        if is_local_url(url):
            return main.call(local_document, url)
        accept = JSON_TYPES | IMAGE_TYPES | HTML_TYPES if given else JSON_TYPES
        fetched = remote_fetch(url, accept=accept, deadline=main.deadline)
        if fetched.content_type in IMAGE_TYPES:
            return fetched.body
        if fetched.content_type in HTML_TYPES:
            alternate = page_alternate(fetched.body, fetched.url)
            if alternate is None:
                raise FetchError("That web page does not link to a badge or credential.")
            return get(alternate)
        return load_json(fetched.body)

    def fetch_json(url: str) -> Any:
        document = get(url)
        if isinstance(document, bytes):
            raise FetchError("That address serves an image, not a document.")
        return document

    def resolver(did: str) -> Mapping[str, Any] | None:
        local = main.call(local_did_document, did)
        if local is not None:
            return local
        if not did.startswith("did:web:"):
            raise FetchError("Only did:web and did:key issuers can be checked.")
        return fetch_json(did_web_document_url(did))  # type: ignore[no-any-return]  # JSON of a DID document

    try:
        document: Any = source
        if isinstance(source, str):
            document = get(source.strip(), given=True)
        if isinstance(document, bytes):
            if document.lstrip().startswith(b"{"):
                document = load_json(document)
            else:
                baked = extract_badge(document)
                if baked is None:
                    return VerificationReport(
                        "unknown", False, (Problem("no-badge", str(_PLAIN["no-badge"])),)
                    )
                document = fetch_json(baked.payload) if baked.is_url else baked.payload
    except BadgeImageError as exc:
        return VerificationReport("unknown", False, (Problem("bad-image", str(exc)),))
    except CredentialError as exc:
        return VerificationReport("unknown", False, (Problem("malformed", str(exc)),))
    report = verify_badge(
        document,
        fetch=fetch_json,
        resolver=resolver,
        fetch_status_list=fetch_json,
        email=email,
        canonicalizer=canonicalizer,
    )
    return with_local_status(report, lambda url: main.call(local_award_status, url))


class _Slot:
    """One of the :data:`VERIFY_SLOTS` verifications that may run at once, given back exactly
    once: by the worker when it ends, or by the request when the deadline passes first."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._held = _in_flight.acquire(blocking=False)
        if not self._held:
            raise VerifyBusy

    def free(self) -> None:
        with self._lock:
            if self._held:
                self._held = False
                _in_flight.release()


def verify_seconds() -> float:
    return float(getattr(settings, "ROSETTE_VERIFY_SECONDS", VERIFY_SECONDS))


def verify_submission(*, source: str | bytes, email: str | None) -> VerifyOutcome:
    """Check a badge given as a URL or file bytes, within :func:`verify_seconds`.

    Verification runs in a worker thread so that a hostile document that is slow to
    canonicalize cannot hold the request past the deadline; the library's caps (1 MB JSON,
    512 blank nodes) bound how long the worker itself can run, and at most
    :data:`VERIFY_SLOTS` run at once. Every fetch the worker makes shares the one deadline,
    and the slot is free the moment it passes, whatever the worker is doing.
    Raises :class:`VerifyBusy` or :class:`VerifyTimeout`.
    """
    slot = _Slot()
    main = _MainThread(time.monotonic() + verify_seconds())
    done: Future[Any] = Future()

    def work() -> None:
        try:
            done.set_result(_verify_in_worker(source, email, main))
        except BaseException as exc:  # delivered to the request thread
            done.set_exception(exc)
        finally:
            slot.free()
            main.requests.put(None)  # wake the request thread

    threading.Thread(target=work, name="rosette-verify", daemon=True).start()
    try:
        report = main.serve(done)
    finally:
        slot.free()
    return outcome_from_report(report, email=email)
