"""Who a request comes from, and fixed-window allowances counted in the cache.

The client's address is the one the trusted reverse proxies in front of Rosette saw
(``ROSETTE_TRUSTED_PROXIES``, README "Running in production"). Each trusted proxy appends
the address it received the request from to ``X-Forwarded-For``, so with *n* trusted proxies
the client is the *n*-th address from the right; anything further left was written by the
client and is ignored. With no trusted proxies (a direct connection) the header is ignored
altogether. Without this, every request behind a proxy would carry the proxy's address, and
one person's failed sign-ins would lock out everyone.

Allowances are keyed by what only their owner can spend: a client's network, a signed-in
person's id. Never by something a stranger can type on someone else's behalf, unless the
allowance exists to protect exactly that (an email address we would send mail to).
"""

from __future__ import annotations

import ipaddress
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

logger = logging.getLogger(__name__)

IPV6_PREFIX = 64  # one IPv6 client usually holds a whole /64


def _parse(value: str) -> str | None:
    """An address from a header entry: "203.0.113.9", "203.0.113.9:5120", "[2001:db8::1]:443"."""
    value = value.strip()
    if value.startswith("[") and "]" in value:
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # IPv4 with a port
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The client's address, as the trusted proxies in front of us saw it."""
    remote = _parse(request.META.get("REMOTE_ADDR", "")) or "0.0.0.0"  # noqa: S104 (a key, not a bind)
    trusted = settings.ROSETTE_TRUSTED_PROXIES
    if trusted <= 0:
        return remote
    entries = [e for e in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if e.strip()]
    if len(entries) < trusted:
        # Fewer hops than proxies: the request did not come through all of them (or the
        # setting is too high). Only the connection's own address cannot be forged.
        logger.warning(
            "X-Forwarded-For has %d entries but ROSETTE_TRUSTED_PROXIES is %d; using the "
            "connection's address",
            len(entries),
            trusted,
        )
        return remote
    return _parse(entries[-trusted]) or remote


def client_key(request: HttpRequest) -> str:
    """The client for counting: its address, or for IPv6 its /64 network."""
    address = ipaddress.ip_address(client_ip(request))
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/{IPV6_PREFIX}", strict=False))
    return str(address)


def consume(key: str, *, limit: int, seconds: int) -> bool:
    """Count one use of an allowance of ``limit`` per ``seconds``; False once it is used up.
    Shared by every worker through the cache (the database cache in production)."""
    cache.add(key, 0, timeout=seconds)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        used = 1
    return used <= limit
