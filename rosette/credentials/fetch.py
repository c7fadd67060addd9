"""The one HTTP client that fetches documents from outside (other issuers' badges, DID
documents, status lists) for the verify page.

Every URL from outside is hostile. The client:

- allows ``https`` only, unless ``settings.DEBUG`` or ``settings.ROSETTE_FETCH_ALLOW_HTTP``;
- resolves the host itself and refuses it if *any* address is private, loopback, link-local,
  multicast or otherwise not globally routable, IPv4 addresses inside IPv6 ones included
  (:func:`is_public_address`) (unless ``settings.ROSETTE_FETCH_ALLOW_PRIVATE``,
  which only tests set, to reach a server on 127.0.0.1), then connects to the address it
  checked, so DNS cannot be changed between the check and the connection;
- follows at most :data:`MAX_REDIRECTS` redirects, each checked the same way;
- gives the whole fetch one deadline (connect, TLS, headers and body): every socket
  operation waits at most for the time left, so a server trickling a byte at a time is cut
  off when the deadline passes;
- refuses bodies larger than the cap and content types that are not what was asked for.

Every refusal raises :class:`FetchError` (a :class:`CredentialError`) with a plain message.
Our own URLs never come here: ``selectors.local_document`` answers them from the database.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from django.conf import settings

from .errors import CredentialError

MAX_REDIRECTS = 3
MAX_BYTES = 2 * 1024 * 1024
TIMEOUT_SECONDS = 5.0
TOTAL_SECONDS = 10.0
JSON_TYPES = frozenset(
    {
        "application/json",
        "application/ld+json",
        "application/did+json",
        "application/did+ld+json",
        "application/vc+ld+json",
        "application/vc+json",
        "application/vc",
        "text/plain",  # many static hosts serve .json files so
    }
)
IMAGE_TYPES = frozenset({"image/png", "image/svg+xml"})
USER_AGENT = "Rosette badge verifier (+https://github.com/rosette)"


class FetchError(CredentialError):
    """A document could not, or may not, be fetched."""


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content_type: str
    body: bytes


def _allow_http() -> bool:
    return bool(settings.DEBUG or getattr(settings, "ROSETTE_FETCH_ALLOW_HTTP", False))


def _allow_private() -> bool:
    return bool(getattr(settings, "ROSETTE_FETCH_ALLOW_PRIVATE", False))


# The only IPv6 space that is routed on the internet (global unicast), and the parts of it
# that are special (RFC 6890 and its registry): IETF protocol assignments (Teredo among them),
# documentation, and 6to4 (deprecated by RFC 7526; its addresses carry an IPv4 address that
# a relay would reach on our behalf).
_IPV6_GLOBAL_UNICAST = ipaddress.IPv6Network("2000::/3")
_IPV6_SPECIAL = tuple(
    ipaddress.IPv6Network(n) for n in ("2001::/23", "2001:db8::/32", "2002::/16", "3fff::/20")
)
# NAT64 with the well-known prefix (RFC 6052): an IPv6-only host's DNS64 answers with it for
# IPv4-only names; the IPv4 address in its last 32 bits is the one really reached.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def is_public_address(address: str) -> bool:
    """Whether an address is on the public internet. An IPv6 address that carries an IPv4
    address (mapped ``::ffff:a.b.c.d``, NAT64 ``64:ff9b::a.b.c.d``) is judged by the IPv4
    address inside it; the other forms that embed one (IPv4-compatible ``::a.b.c.d``,
    translated ``::ffff:0:a.b.c.d``, 6to4, Teredo, local-use NAT64) are never public."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        elif ip in _NAT64:
            ip = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        else:
            return (
                ip in _IPV6_GLOBAL_UNICAST
                and not any(ip in network for network in _IPV6_SPECIAL)
                and ip.is_global
            )
    return ip.is_global and not ip.is_multicast


def _resolve(host: str, port: int) -> str:
    """The address to connect to, after checking every address the name resolves to."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FetchError(f"The address {host} could not be found.") from None
    addresses = [str(info[4][0]) for info in infos]
    if not addresses:
        raise FetchError(f"The address {host} could not be found.")
    if not _allow_private() and not all(is_public_address(a) for a in addresses):
        raise FetchError(f"{host} is a private or local address, which Rosette will not fetch.")
    return addresses[0]


def _time_left(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("the fetch's deadline passed")
    return min(left, TIMEOUT_SECONDS)


class _DeadlineSocket(socket.socket):
    """A socket that gives up at the fetch's deadline: before every send and receive its
    timeout is set to the time left, so a server that answers a byte at a time (in its
    headers or its body) cannot stretch a fetch past the deadline."""

    deadline = 0.0

    def recv(self, *args: Any, **kwargs: Any) -> bytes:
        self.settimeout(_time_left(self.deadline))
        return super().recv(*args, **kwargs)

    def recv_into(self, *args: Any, **kwargs: Any) -> int:
        self.settimeout(_time_left(self.deadline))
        return super().recv_into(*args, **kwargs)

    def send(self, *args: Any, **kwargs: Any) -> int:
        self.settimeout(_time_left(self.deadline))
        return super().send(*args, **kwargs)

    def sendall(self, *args: Any, **kwargs: Any) -> None:
        self.settimeout(_time_left(self.deadline))
        super().sendall(*args, **kwargs)


class _DeadlineSSLSocket(ssl.SSLSocket):
    """The same for TLS, the handshake included."""

    deadline = 0.0

    def do_handshake(self, *args: Any, **kwargs: Any) -> None:
        self.settimeout(_time_left(self.deadline))
        super().do_handshake(*args, **kwargs)

    def recv(self, *args: Any, **kwargs: Any) -> bytes:
        self.settimeout(_time_left(self.deadline))
        return super().recv(*args, **kwargs)

    def recv_into(self, *args: Any, **kwargs: Any) -> int:
        self.settimeout(_time_left(self.deadline))
        return super().recv_into(*args, **kwargs)

    def send(self, *args: Any, **kwargs: Any) -> int:
        self.settimeout(_time_left(self.deadline))
        return super().send(*args, **kwargs)

    def sendall(self, *args: Any, **kwargs: Any) -> None:
        self.settimeout(_time_left(self.deadline))
        super().sendall(*args, **kwargs)


def _connect(address: str, port: int, deadline: float) -> _DeadlineSocket:
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    sock = _DeadlineSocket(family, socket.SOCK_STREAM)
    sock.deadline = deadline
    try:
        sock.settimeout(_time_left(deadline))
        sock.connect((address, port))
    except BaseException:
        sock.close()
        raise
    return sock


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address that was checked, never the name again, within the deadline."""

    def __init__(self, host: str, port: int, address: str, deadline: float) -> None:
        super().__init__(host, port, timeout=_time_left(deadline))
        self._address, self._deadline = address, deadline

    def connect(self) -> None:
        self.sock = _connect(self._address, self.port, self._deadline)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, address: str, deadline: float) -> None:
        context = ssl.create_default_context()
        context.sslsocket_class = _DeadlineSSLSocket
        super().__init__(host, port, timeout=_time_left(deadline), context=context)
        self._address, self._deadline = address, deadline

    def connect(self) -> None:
        sock = _connect(self._address, self.port, self._deadline)
        tls = self._context.wrap_socket(  # type: ignore[attr-defined]  # set in __init__, untyped in http.client
            sock, server_hostname=self.host, do_handshake_on_connect=False
        )
        tls.deadline = self._deadline
        self.sock = tls
        tls.do_handshake()


def _connection(url: str, deadline: float) -> tuple[http.client.HTTPConnection, str]:
    parts = urlsplit(url)
    if parts.scheme == "http" and not _allow_http():
        raise FetchError("Only https addresses can be checked.")
    if parts.scheme not in ("http", "https"):
        raise FetchError("Only web (https) addresses can be checked.")
    if parts.username or parts.password:
        raise FetchError("Addresses with a user name or password are not fetched.")
    host = parts.hostname
    if not host:
        raise FetchError("The address has no host name.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchError("The address has an invalid port.") from None
    address = _resolve(host, port)
    cls = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    return cls(host, port, address, deadline), target


def _media_type(header: str | None) -> str:
    return (header or "").split(";", 1)[0].strip().lower()


def fetch(
    url: str,
    *,
    accept: frozenset[str] = JSON_TYPES,
    max_bytes: int = MAX_BYTES,
    deadline: float | None = None,
) -> Fetched:
    """GET ``url`` under every guard above. Returns the body with its final URL and type.

    One deadline bounds the whole fetch (connecting, TLS, headers, body, redirects): at most
    :data:`TOTAL_SECONDS` from now, or ``deadline`` (a :func:`time.monotonic` time) if that
    comes sooner, which is how one verification shares its deadline among its fetches."""
    soonest = time.monotonic() + TOTAL_SECONDS
    deadline = soonest if deadline is None else min(deadline, soonest)
    try:
        return _fetch(url, accept=accept, max_bytes=max_bytes, deadline=deadline)
    except FetchError:
        raise
    except (OSError, http.client.HTTPException):
        if time.monotonic() >= deadline:
            raise FetchError("The server took too long to answer.") from None
        raise FetchError("The server could not be reached.") from None


def _fetch(url: str, *, accept: frozenset[str], max_bytes: int, deadline: float) -> Fetched:
    for _hop in range(MAX_REDIRECTS + 1):
        connection, target = _connection(url, deadline)
        try:
            connection.request(
                "GET",
                target,
                headers={
                    "Accept": ", ".join(sorted(accept)),
                    "User-Agent": USER_AGENT,
                    "Accept-Encoding": "identity",
                },
            )
            response = connection.getresponse()
            if response.status in (301, 302, 303, 307, 308):
                location = response.getheader("Location")
                if not location:
                    raise FetchError("The server redirected without saying where to.")
                url = urljoin(url, location)
                continue
            if response.status != 200:
                raise FetchError(f"The server answered with HTTP status {response.status}.")
            content_type = _media_type(response.getheader("Content-Type"))
            if content_type not in accept and not content_type.endswith("+json"):
                raise FetchError(
                    f"The server sent {content_type or 'an unnamed type'}, "
                    "not a badge or credential."
                )
            if content_type.endswith("+json") and not (accept & JSON_TYPES):
                raise FetchError("The server sent JSON where an image was expected.")
            length = response.getheader("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError("The document is too large to check.")
            body = bytearray()
            while chunk := response.read1(64 * 1024):
                body += chunk
                if len(body) > max_bytes:
                    raise FetchError("The document is too large to check.")
            return Fetched(url, content_type, bytes(body))
        finally:
            connection.close()
    raise FetchError(f"The address redirected more than {MAX_REDIRECTS} times.")
