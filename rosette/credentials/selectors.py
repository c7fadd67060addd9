"""Reads: the public URLs of credentials, the hosted documents served at them, and the answer
to "is this one of ours?" used when verifying (our own URLs and DIDs never go over HTTP).

Every URL derives from ``settings.SITE_URL`` at the time it is built, so a database verifies
wherever it is served; a signed OB 3.0 credential keeps the URLs it was signed with.
"""

from __future__ import annotations

import io
import json
import queue
import re
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageDraw, ImageFont

from rosette.awards.models import Award
from rosette.catalogue.models import Badge, Issuer
from rosette.catalogue.selectors import current_version
from rosette.core.demo.images import initials, rosette_svg

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


def credential_for_code(code: str) -> AwardCredential:
    """The credential of the award with this (unguessable) code, or 404."""
    return get_object_or_404(
        AwardCredential.objects.select_related("award__badge__issuer", "issuer"),
        award__code=code,
    )


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


def ob2_assertion_document(credential: AwardCredential) -> dict[str, Any]:
    """The hosted Assertion, or the revoked document once the award is revoked."""
    award = credential.award
    if award.status == Award.Status.REVOKED:
        return build_revoked_assertion(id=assertion_url(award), reason=award.status_reason or None)
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
    revoked = (
        AwardCredential.objects.filter(issuer=issuer, award__status=Award.Status.REVOKED)
        .select_related("award")
        .order_by("award__code")
    )
    return build_revocation_list(
        id=revocation_list_url(issuer),
        issuer=ob2_issuer_url(issuer),
        revoked=[(assertion_url(c.award), c.award.status_reason or None) for c in revoked],
    )


# --- status lists ------------------------------------------------------------------------------

_LIST_NAME = re.compile(r"^(revocation|suspension)(?:-([1-9][0-9]{0,5}))?$")


def status_list_for(*, slug: str, name: str) -> StatusList:
    """The status list at ``/status/<slug>/<name>.json`` (``revocation``, ``suspension-2``…)."""
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

_HEX_COLOUR = re.compile(rb'fill="(#[0-9a-fA-F]{6})"')
DEFAULT_COLOUR = "#0065bd"


def _badge_image_bytes(badge: Badge) -> bytes | None:
    if not badge.image:
        return None
    try:
        with badge.image.open("rb") as handle:
            data: bytes = handle.read(10 * 1024 * 1024 + 1)
    except OSError:
        return None
    return data


def _is_svg(data: bytes) -> bool:
    head = data[:512].lstrip().lower()
    return head.startswith((b"<?xml", b"<svg", b"<!--"))


def badge_svg(badge: Badge) -> bytes:
    """The badge's own SVG, or a generated rosette when it only has a PNG (or nothing)."""
    data = _badge_image_bytes(badge)
    if data and _is_svg(data):
        return data
    return rosette_svg(badge.name, DEFAULT_COLOUR)


def badge_png(badge: Badge) -> bytes:
    """The badge's own PNG; if it has only an SVG, a generated PNG carrier (no SVG rasteriser
    is installed: cairosvg needs libcairo, WeasyPrint no longer writes PNG): a circle in the
    SVG's first fill colour with the badge's initials (ADR 0003)."""
    data = _badge_image_bytes(badge)
    if data and data.startswith(b"\x89PNG\r\n\x1a\n"):
        return data
    colour = DEFAULT_COLOUR
    if data:
        found = _HEX_COLOUR.search(data)
        if found:
            colour = found.group(1).decode("ascii")
    return _generated_png(badge.name, colour)


def _generated_png(name: str, colour: str) -> bytes:
    size = 400
    image = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, size - 8, size - 8), fill=colour)
    draw.ellipse((36, 36, size - 36, size - 36), outline="#ffffff", width=6)
    font = ImageFont.load_default(size=120)
    draw.text((size / 2, size / 2), initials(name), fill="#ffffff", font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def baked_ob3_png(credential: AwardCredential) -> bytes:
    return bake_png(badge_png(credential.award.badge), credential.ob3_json, kind="ob3")


def baked_ob3_svg(credential: AwardCredential) -> bytes:
    return bake_svg(badge_svg(credential.award.badge), credential.ob3_json, kind="ob3")


def baked_ob2_png(credential: AwardCredential) -> bytes:
    return bake_png(badge_png(credential.award.badge), assertion_url(credential.award), kind="ob2")


# --- our own documents, for the verifier -------------------------------------------------------


def is_local_url(url: str) -> bool:
    return url.startswith(settings.SITE_URL + "/")


def local_document(url: str) -> dict[str, Any] | bytes:
    """What one of our own URLs serves, from the database (JSON as a dict, images as bytes).

    Raises :class:`FetchError` when nothing is served there.
    """
    path = url[len(settings.SITE_URL) :].split("#", 1)[0].split("?", 1)[0]
    try:
        match = resolve(path)
    except Resolver404:
        raise FetchError("Nothing is published at that address on this site.") from None
    kwargs = match.kwargs
    try:
        name = match.view_name
        if name == "credentials:did_document":
            return did_document(get_object_or_404(Issuer, slug=kwargs["slug"]))
        if name == "credentials:ob2_issuer":
            return ob2_issuer_document(get_object_or_404(Issuer, slug=kwargs["slug"]))
        if name == "credentials:ob2_badge":
            return ob2_badge_document(get_object_or_404(Badge, slug=kwargs["slug"]))
        if name == "credentials:ob2_revocations":
            return ob2_revocation_list_document(get_object_or_404(Issuer, slug=kwargs["slug"]))
        if name == "credentials:status_list":
            signed: dict[str, Any] = json.loads(status_list_for(**kwargs).signed_json)
            return signed
        if name in ("credentials:ob2_assertion", "credentials:ob3_credential"):
            credential = credential_for_code(kwargs["code"])
            if name == "credentials:ob2_assertion":
                return ob2_assertion_document(credential)
            document: dict[str, Any] = json.loads(credential.ob3_json)
            return document
        if name == "credentials:ob3_baked_png":
            return baked_ob3_png(credential_for_code(kwargs["code"]))
        if name == "credentials:ob3_baked_svg":
            return baked_ob3_svg(credential_for_code(kwargs["code"]))
        if name == "credentials:ob2_baked_png":
            return baked_ob2_png(credential_for_code(kwargs["code"]))
    except Http404:
        raise FetchError("Nothing is published at that address on this site.") from None
    raise FetchError("That page of this site is not a badge or credential.")


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


def _verify_in_worker(source: str | bytes, email: str | None, main: _MainThread) -> Any:
    canonicalizer = Canonicalizer()  # its own context cache: threads never share one

    def get(url: str, *, images: bool = False) -> Any:
        if is_local_url(url):
            return main.call(local_document, url)
        fetched = remote_fetch(
            url, accept=JSON_TYPES | IMAGE_TYPES if images else JSON_TYPES, deadline=main.deadline
        )
        if fetched.content_type in IMAGE_TYPES:
            return fetched.body
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
        return fetch_json(did_web_document_url(did))  # type: ignore[no-any-return]

    try:
        document: Any = source
        if isinstance(source, str):
            document = get(source.strip(), images=True)
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
    return verify_badge(
        document,
        fetch=fetch_json,
        resolver=resolver,
        fetch_status_list=fetch_json,
        email=email,
        canonicalizer=canonicalizer,
    )


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
