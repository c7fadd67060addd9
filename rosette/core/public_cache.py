"""Public pages and documents served from memory until what they show changes (ADR 0013).

A view that anyone may read declares what it shows with :func:`public_cache`: *stamps*, one
per thing (``award:<code>``, ``issuer:<slug>``, ``catalogue``). A stamp is a random token in
the database (:class:`~rosette.core.models.PublishedStamp`); the service that changes a thing
calls :func:`stamps_change` in its own transaction, so the new token is committed with the
change and every app server sees it at once.

:class:`PublicCacheMiddleware` keeps, in each process, the last response to an anonymous
GET of such a view (the URL and language are the key) with the stamps read *before* the view
ran. The next anonymous GET reads those stamps (one indexed query) and, if none has changed,
gets the stored response without sessions, messages, the MFA check or the view: with an
``ETag`` and ``Last-Modified`` and a 304 to a conditional GET. Reading the stamps before
rendering means a change committed during rendering leaves the entry under the old stamps,
never new stamps over old content.

Only what is the same for every anonymous reader is stored: requests without a session or
messages cookie; responses 200, not streamed, setting no cookie but the CSRF one, not marked
private or no-store. A page with a form carries a CSRF token tied to its reader's cookie: the
token is stored as a placeholder and each reader gets their own (and the cookie with it), so
those pages have no ETag. A signed-in reader is never served from here, and what the view
gives them is marked ``Cache-Control: private``.
"""

from __future__ import annotations

import functools
import hashlib
import re
import secrets
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from cachetools import LRUCache
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase, ResponseHeaders
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language_from_request

from rosette.core.models import PublishedStamp

CATALOGUE = "catalogue"


def award_stamp(code: str) -> str:
    """An award's page and hosted documents (status, visibility, evidence, endorsements)."""
    return f"award:{code}"


def issuer_stamp(slug: str) -> str:
    """An issuer's credential documents: DID document (keys), status and revocation lists."""
    return f"issuer:{slug}"


# --- stamps ------------------------------------------------------------------------------------


def stamps_change(*keys: str) -> None:
    """What is published about these things has changed: give each a new stamp.

    Call it from the service that makes the change, inside its transaction.
    """
    if not keys:
        return
    now = int(time.time())
    PublishedStamp.objects.bulk_create(
        [
            PublishedStamp(key=k, value=secrets.token_hex(12), changed=now)
            for k in dict.fromkeys(keys)
        ],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["value", "changed"],
    )


Stamps = tuple[tuple[str, int], ...]  # (value, changed) per key; ("", 0) when never changed


def stamps_read(keys: Sequence[str]) -> Stamps:
    """The current stamps of ``keys``, in order: one query."""
    if not keys:
        return ()
    with connection.cursor() as cursor:
        cursor.execute(_select(len(keys)), keys)
        found = {row[0]: (row[1], int(row[2])) for row in cursor.fetchall()}
    return tuple(found.get(k, ("", 0)) for k in keys)


@functools.lru_cache(maxsize=8)
def _select(count: int) -> str:
    table = connection.ops.quote_name(PublishedStamp._meta.db_table)
    key = connection.ops.quote_name("key")
    placeholders = ", ".join(["%s"] * count)
    return f"SELECT {key}, value, changed FROM {table} WHERE {key} IN ({placeholders})"  # noqa: S608 - our table


# --- declaring views ---------------------------------------------------------------------------

StampsOf = Callable[..., Sequence[str]]


def public_cache(
    stamps: StampsOf, *, max_age: int = 60, immutable: bool = False
) -> Callable[[Any], Any]:
    """Declare a public view's stamps (a function of its URL arguments) and how long others
    (browsers, a CDN) may keep what it gives anonymous readers; ``immutable`` for documents
    whose bytes never change (a signed credential), so browsers do not ask again."""

    def decorate(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not getattr(request, "public_cache", False):
                response = view(request, *args, **kwargs)
                patch_cache_control(response, private=True)
                return response
            keys = tuple(stamps(**kwargs))
            known = getattr(request, "public_cache_stamps", None)
            values = known[1] if known and known[0] == keys else stamps_read(keys)
            response = view(request, *args, **kwargs)
            patch_cache_control(response, public=True, max_age=max_age)
            if immutable:
                patch_cache_control(response, immutable=True)
            response.public_cache_stamps = (keys, values)  # type: ignore[attr-defined]  # for the middleware
            return response

        return wrapped

    return decorate


# --- the cache ---------------------------------------------------------------------------------

_TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")([A-Za-z0-9]{64})(")')
_TOKEN_LIKE = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
_PLACEHOLDER = b"rosette-csrf-" + b"0" * 51  # as long as a token


@dataclass(frozen=True)
class Entry:
    keys: tuple[str, ...]
    stamps: Stamps
    status: int
    headers: dict[str, tuple[str, str]]  # as HttpResponse keeps them (lower-case name → pair)
    body: bytes
    csrf: bool
    etag: str | None
    last_modified: int | None


class _Store:
    """Responses by (URL, language), bounded in bytes, shared by a process's threads."""

    def __init__(self, max_bytes: int) -> None:
        self._entries: LRUCache[tuple[str, str], Entry] = LRUCache(
            maxsize=max(max_bytes, 1), getsizeof=lambda e: len(e.body) + 1024
        )
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str]) -> Entry | None:
        with self._lock:
            return self._entries.get(key)

    def put(self, key: tuple[str, str], entry: Entry) -> None:
        with self._lock:
            self._entries.pop(key, None)
            if len(entry.body) + 1024 <= self._entries.maxsize:
                self._entries[key] = entry

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


_store = _Store(settings.ROSETTE_PUBLIC_CACHE_BYTES)


def clear() -> None:
    """Forget every stored response of this process (tests start from nothing)."""
    _store.clear()


_PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)
_STATIC_URL = settings.STATIC_URL or "/static/"


def _for_anyone(request: HttpRequest) -> bool:
    """An anonymous GET with nothing personal waiting (a session, messages), that the
    security middleware would not redirect to https."""
    return (
        request.method == "GET"
        and not request.path_info.startswith(_STATIC_URL)
        and not any(name in request.COOKIES for name in _PERSONAL_COOKIES)
        and (request.is_secure() or not settings.SECURE_SSL_REDIRECT)
    )


def _key(request: HttpRequest) -> tuple[str, str]:
    return request.get_full_path(), get_language_from_request(request)


class PublicCacheMiddleware:
    """Serves anonymous GETs of :func:`public_cache` views from memory while their stamps
    stand. It goes first, so what it serves skips everything else (security headers are
    stored with the response; a request that the security middleware would redirect to
    https is passed on to it); what it stores is the response as the rest made it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.csrf = CsrfViewMiddleware(get_response)

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not _for_anyone(request):
            return self.get_response(request)
        request.public_cache = True  # type: ignore[attr-defined]  # for the decorator
        key = _key(request)
        entry = _store.get(key)
        if entry is not None:
            current = stamps_read(entry.keys)
            if current == entry.stamps:
                request.get_host()  # ALLOWED_HOSTS, as CommonMiddleware would check it
                return self._serve(request, entry)
            request.public_cache_stamps = (entry.keys, current)  # type: ignore[attr-defined]  # for the decorator
        response = self.get_response(request)
        declared = getattr(response, "public_cache_stamps", None)
        if declared is None:
            return response
        stored = _entry(declared[0], declared[1], response)
        if stored is None:
            return response
        assert isinstance(response, HttpResponse)  # what _entry keeps
        _store.put(key, stored)
        if stored.etag:
            response["ETag"] = stored.etag
            if stored.last_modified:
                response["Last-Modified"] = http_date(stored.last_modified)
            return _conditional(request, stored, response)
        return response

    def _serve(self, request: HttpRequest, entry: Entry) -> HttpResponseBase:
        body = entry.body
        if entry.csrf:
            self.csrf.process_request(request)
            body = body.replace(_PLACEHOLDER, get_token(request).encode("ascii"))
        response = HttpResponse(body, status=entry.status)
        # The headers were checked when the response was stored: copying them as they are
        # saves checking a dozen headers again on every request.
        response.headers._store.update(entry.headers)  # type: ignore[attr-defined]  # checked when stored
        response.headers["Content-Length"] = str(len(body))
        if entry.csrf:
            self.csrf.process_response(request, response)
            return response
        return _conditional(request, entry, response)


def _conditional(request: HttpRequest, entry: Entry, response: HttpResponse) -> HttpResponseBase:
    if "HTTP_IF_NONE_MATCH" not in request.META and "HTTP_IF_MODIFIED_SINCE" not in request.META:
        return response
    answer = get_conditional_response(
        request, etag=entry.etag, last_modified=entry.last_modified, response=response
    )
    return answer if answer is not None else response


def _entry(keys: tuple[str, ...], stamps: Stamps, response: HttpResponseBase) -> Entry | None:
    """What to keep of ``response``, or ``None`` when it is not the same for everyone."""
    if (
        response.status_code != 200
        or response.streaming
        or not isinstance(response, HttpResponse)
        or any(name != settings.CSRF_COOKIE_NAME for name in response.cookies)
    ):
        return None
    cache_control = response.get("Cache-Control", "")
    if "private" in cache_control or "no-store" in cache_control or response.get("Vary") == "*":
        return None
    body = response.content
    csrf = settings.CSRF_COOKIE_NAME in response.cookies
    if csrf:
        body = _TOKEN.sub(rb"\1" + _PLACEHOLDER + rb"\3", body)
        if _TOKEN_LIKE.search(body):  # a token outside a form field: not ours to replace
            return None
    etag = None if csrf else '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    last_modified = max((changed for _, changed in stamps), default=0)
    if not keys or any(changed == 0 for _, changed in stamps):
        last_modified = 0
    kept = ResponseHeaders({})
    for name, value in response.items():
        if name.lower() not in ("content-length", "set-cookie", "etag", "last-modified"):
            kept[name] = value
    if etag:
        kept["ETag"] = etag
        if last_modified:
            kept["Last-Modified"] = http_date(last_modified)
    headers = dict(kept._store)
    return Entry(
        keys=keys,
        stamps=stamps,
        status=response.status_code,
        headers=headers,
        body=body,
        csrf=csrf,
        etag=etag,
        last_modified=last_modified or None,
    )


# --- before Django -----------------------------------------------------------------------------

WSGIApplication = Callable[[dict[str, Any], Callable[..., Any]], Any]


class PublicCacheApplication:
    """The WSGI application in front of Django's: a stored response that is the same for
    every reader (no CSRF token) and whose stamps stand is answered from here, without
    Django's request handling or middleware. Everything else, conditional GETs included, goes
    to Django, where :class:`PublicCacheMiddleware` answers or stores it. The request is
    Django's own, so the checks (anonymous, https, allowed host) and the key are the ones
    the middleware uses."""

    def __init__(self, application: WSGIApplication) -> None:
        self.application = application

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        answer = self._stored(environ) if environ.get("REQUEST_METHOD") == "GET" else None
        if answer is None:
            return self.application(environ, start_response)
        status, headers, body = answer
        start_response(status, headers)
        return [body]

    def _stored(self, environ: dict[str, Any]) -> tuple[str, list[tuple[str, str]], bytes] | None:
        if "HTTP_IF_NONE_MATCH" in environ or "HTTP_IF_MODIFIED_SINCE" in environ:
            return None
        request = WSGIRequest(environ)
        try:
            if not _for_anyone(request):
                return None
            entry = _store.get(_key(request))
            if entry is None or entry.csrf:
                return None
            request.get_host()
            if stamps_read(entry.keys) != entry.stamps:
                return None
        except (DisallowedHost, DatabaseError):
            return None  # Django answers: 400 for the host, or a fresh connection
        headers = [*entry.headers.values(), ("Content-Length", str(len(entry.body)))]
        return f"{entry.status} {HTTPStatus(entry.status).phrase}", headers, entry.body
