"""The guarded HTTP client, and the public verify page."""

from __future__ import annotations

import contextlib
import io
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from rosette.accounts.models import User
from rosette.awards.models import Award
from rosette.catalogue.models import Issuer
from rosette.credentials import services
from rosette.credentials.fetch import IMAGE_TYPES, FetchError, fetch, is_public_address
from tests import factories

from .django_helpers import make_award, set_status

pytestmark = pytest.mark.django_db

Route = tuple[int, dict[str, str], bytes]


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, Route] = {}

    def do_GET(self) -> None:
        status, headers, body = self.routes.get(self.path, (404, {}, b"not found"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        # The client may stop reading, as it should for oversized bodies.
        with contextlib.suppress(ConnectionError):
            self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


class LocalWeb:
    def __init__(self, server: ThreadingHTTPServer, routes: dict[str, Route]) -> None:
        self.server, self.routes = server, routes

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"


@pytest.fixture
def web(settings: Any) -> Iterator[LocalWeb]:
    """A web server on 127.0.0.1; the loopback and http allowances are on for this test only."""
    settings.ROSETTE_FETCH_ALLOW_HTTP = True
    settings.ROSETTE_FETCH_ALLOW_PRIVATE = True
    routes: dict[str, Route] = {}
    handler = type("Handler", (_Handler,), {"routes": routes})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield LocalWeb(server, routes)
    server.shutdown()
    server.server_close()


JSON = {"Content-Type": "application/json"}


def test_client_fetches_json_and_follows_up_to_three_redirects(web: LocalWeb) -> None:
    web.routes["/doc"] = (200, JSON, b'{"a": 1}')
    web.routes["/r1"] = (302, {"Location": "/r2"}, b"")
    web.routes["/r2"] = (301, {"Location": "/r3"}, b"")
    web.routes["/r3"] = (307, {"Location": web.url("/doc")}, b"")
    assert fetch(web.url("/r1")).body == b'{"a": 1}'
    web.routes["/r0"] = (302, {"Location": "/r1"}, b"")
    with pytest.raises(FetchError, match="redirected more than 3 times"):
        fetch(web.url("/r0"))


def test_client_refuses_too_big_wrong_type_and_error_statuses(web: LocalWeb) -> None:
    web.routes["/big"] = (200, JSON, b" " * (2 * 1024 * 1024 + 1))
    web.routes["/html"] = (200, {"Content-Type": "text/html"}, b"<html></html>")
    web.routes["/gone"] = (410, JSON, b"{}")
    with pytest.raises(FetchError, match="too large"):
        fetch(web.url("/big"))
    with pytest.raises(FetchError, match="text/html"):
        fetch(web.url("/html"))
    with pytest.raises(FetchError, match="410"):
        fetch(web.url("/gone"))


class Trickle:
    """A server on 127.0.0.1 that answers one byte at a time, a ``pause`` apart: in its
    headers (``where="headers"``) or in its body. It gives up after ``lasts`` seconds, so a
    client without a real deadline fails the test instead of hanging it."""

    def __init__(self, *, where: str, pause: float = 0.2, lasts: float = 6.0) -> None:
        self.where, self.pause, self.lasts = where, pause, lasts
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.threads: list[threading.Thread] = []
        self.stopped = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, path: str = "/badge.json") -> str:
        return f"http://127.0.0.1:{self.listener.getsockname()[1]}{path}"

    def _accept(self) -> None:
        while not self.stopped.is_set():
            try:
                connection, _address = self.listener.accept()
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(connection,), daemon=True)
            thread.start()
            self.threads.append(thread)

    def _serve(self, connection: socket.socket) -> None:
        started = time.monotonic()
        with connection, contextlib.suppress(OSError):
            connection.recv(65536)
            if self.where == "body":
                connection.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    b"Content-Length: 100000\r\n\r\n"
                )
            else:
                connection.sendall(b"HTTP/1.1 200 OK\r\n")
            while time.monotonic() - started < self.lasts and not self.stopped.is_set():
                connection.sendall(b"X" if self.where == "headers" else b" ")
                time.sleep(self.pause)

    def close(self) -> None:
        self.stopped.set()
        self.listener.close()
        for thread in self.threads:
            thread.join(timeout=10)


@pytest.fixture
def trickle(settings: Any) -> Iterator[Callable[..., Trickle]]:
    settings.ROSETTE_FETCH_ALLOW_HTTP = True
    settings.ROSETTE_FETCH_ALLOW_PRIVATE = True
    servers: list[Trickle] = []

    def start(**kwargs: Any) -> Trickle:
        servers.append(Trickle(**kwargs))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


@pytest.mark.parametrize("where", ["headers", "body"])
def test_a_server_that_trickles_is_cut_off_at_one_deadline(
    trickle: Callable[..., Trickle], where: str
) -> None:
    server = trickle(where=where)
    started = time.monotonic()
    with pytest.raises(FetchError, match="took too long"):
        fetch(server.url(), deadline=started + 1.0)
    assert time.monotonic() - started < 2.0  # not the 6 s the server would go on for


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/x",
        "http://localhost/x",
        "http://10.1.2.3/x",
        "http://192.168.0.1/x",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/x",
        "http://[::ffff:127.0.0.1]/x",
        "http://0.0.0.0/x",
        # IPv6 forms that carry an IPv4 address inside them (issue 12, finding 9)
        "http://[::ffff:0:7f00:1]/x",  # IPv4-translated (SIIT)
        "http://[64:ff9b::7f00:1]/x",  # NAT64, well-known prefix
        "http://[64:ff9b::a9fe:a9fe]/x",  # NAT64 of the cloud metadata address
        "http://[64:ff9b:1::7f00:1]/x",  # NAT64, local-use prefix
        "http://[2002:7f00:1::]/x",  # 6to4
        "http://[2002:a9fe:a9fe::1]/x",  # 6to4 of the metadata address
        "http://[::127.0.0.1]/x",  # IPv4-compatible
        "http://[::a00:1]/x",  # IPv4-compatible 10.0.0.1
        "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/x",  # Teredo (client 127.0.0.1)
        "http://[fec0::1]/x",  # site-local (deprecated, never global)
        "http://[fd00::1]/x",  # unique local
        "http://[fe80::1]/x",  # link-local
        "http://[2001:db8::1]/x",  # documentation
        "http://[100::1]/x",  # discard-only
        "http://[ff02::1]/x",  # multicast
    ],
)
def test_client_refuses_private_and_local_addresses(settings: Any, url: str) -> None:
    settings.ROSETTE_FETCH_ALLOW_HTTP = True
    with pytest.raises(FetchError, match="private or local"):
        fetch(url)


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("2606:4700:4700::1111", True),
        ("64:ff9b::808:808", True),  # NAT64 of a public address (an IPv6-only host's DNS64)
        ("::ffff:8.8.8.8", True),
        ("127.0.0.1", False),
        ("::ffff:0:808:808", False),  # translated forms are not used on the internet
        ("2002:808:808::1", False),  # 6to4 is deprecated (RFC 7526): never fetched
        ("2001::1", False),  # Teredo
        ("3fff::1", False),  # documentation (RFC 9637)
    ],
)
def test_public_addresses_are_told_from_the_rest(address: str, public: bool) -> None:
    assert is_public_address(address) is public


def test_redirects_to_private_addresses_are_refused(web: LocalWeb, settings: Any) -> None:
    web.routes["/to-metadata"] = (302, {"Location": "http://169.254.169.254/"}, b"")
    settings.ROSETTE_FETCH_ALLOW_PRIVATE = False
    # The first hop is itself loopback, so it is refused before any request: the same check
    # runs on every hop, which the redirect-limit test exercises with the allowance on.
    with pytest.raises(FetchError, match="private or local"):
        fetch(web.url("/to-metadata"))


def test_client_refuses_http_and_odd_urls_in_production(settings: Any) -> None:
    settings.DEBUG = False
    settings.ROSETTE_FETCH_ALLOW_HTTP = False
    for url, message in (
        ("http://example.org/x", "Only https"),
        ("ftp://example.org/x", "Only web"),
        ("https://user:pw@example.org/x", "user name"),
        ("https:///x", "no host"),
    ):
        with pytest.raises(FetchError, match=message):
            fetch(url)


def test_an_invalid_port_or_unknown_host_is_refused_plainly() -> None:
    with pytest.raises(FetchError, match="invalid port"):
        fetch("https://example.org:99999/x")
    # .invalid never resolves (RFC 2606): the name is looked up and not found, no network needed.
    with pytest.raises(FetchError, match=r"no-such-host\.invalid could not be found"):
        fetch("https://no-such-host.invalid/x")


def test_a_server_that_refuses_or_fails_tls_could_not_be_reached(
    web: LocalWeb, settings: Any
) -> None:
    with socket.socket() as closed:  # a port nobody listens on: the connection is refused
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    with pytest.raises(FetchError, match="could not be reached"):
        fetch(f"http://127.0.0.1:{port}/x")
    # https to a server that speaks plain http: the TLS handshake fails, and says so plainly.
    web.routes["/doc"] = (200, JSON, b"{}")
    with pytest.raises(FetchError, match="could not be reached"):
        fetch(web.url("/doc").replace("http://", "https://"))


def test_a_redirect_nowhere_and_json_for_an_image_are_refused(web: LocalWeb) -> None:
    web.routes["/nowhere"] = (302, {}, b"")
    web.routes["/ld"] = (200, {"Content-Type": "application/ld+json"}, b"{}")
    with pytest.raises(FetchError, match="without saying where"):
        fetch(web.url("/nowhere"))
    with pytest.raises(FetchError, match="JSON where an image was expected"):
        fetch(web.url("/ld"), accept=IMAGE_TYPES)


# --- the verify page ---------------------------------------------------------------------------


@pytest.fixture
def award(learner: User, issuer: Issuer) -> Award:
    award = make_award(recipient=learner, badge=factories.make_badge(issuer=issuer))
    services.credential_issue(award=award)
    return award


def _check(client: Client, **data: Any) -> str:
    response = client.post("/verify/", data)
    assert response.status_code in (200, 400)
    return response.content.decode()


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def test_verify_page_loads_for_anyone(client: Client, db: None) -> None:
    response = client.get("/verify/")
    assert response.status_code == 200
    assert "Check a badge" in response.content.decode()


def test_our_baked_png_is_genuine_and_names_badge_issuer_and_recipient(
    client: Client, award: Award
) -> None:
    png = client.get(f"/credentials/{award.code}.png").content
    page = _check(client, file=_upload("badge.png", png), email="Learner@Example.org ")
    assert "Genuine: this badge is genuine and current" in page
    assert award.badge.name in page
    assert "Scottish Social Services Council" in page
    assert "It was awarded to Learner@Example.org" in page
    page = _check(client, file=_upload("badge.png", png), email="someone@example.org")
    assert "It was not awarded to someone@example.org" in page


def test_our_baked_svg_and_ob2_png_are_genuine(client: Client, award: Award) -> None:
    for url in (f"/credentials/{award.code}.svg", f"/ob2/assertions/{award.code}.png"):
        image = client.get(url).content
        page = _check(client, file=_upload("badge", image))
        assert "Genuine: this badge is genuine and current" in page, url


def test_a_tampered_credential_is_not_genuine_and_says_why(client: Client, award: Award) -> None:
    document = json.loads(client.get(f"/credentials/{award.code}.json").content)
    document["credentialSubject"]["achievement"]["name"] = "Something grander"
    page = _check(client, file=_upload("c.json", json.dumps(document).encode()))
    assert "Not genuine" in page
    assert "It has been changed since it was issued" in page
    assert "Something grander" not in page  # unverified claims are not repeated


def test_a_png_without_a_badge_gets_a_clear_message(client: Client, db: None) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 0, 0)).save(buffer, format="PNG")
    page = _check(client, file=_upload("photo.png", buffer.getvalue()))
    assert "This image does not carry an Open Badge" in page


@pytest.mark.parametrize(
    "content",
    [b"\x00\x01garbage", b"\x89PNG\r\n\x1a\nbroken", b"{not json", b"[" * 5000, b"<svg><x>"],
)
def test_garbage_uploads_are_refused_plainly(client: Client, db: None, content: bytes) -> None:
    page = _check(client, file=_upload("x.bin", content))
    assert "Not genuine" in page


def test_uploads_over_2_mb_and_empty_forms_are_form_errors(client: Client, db: None) -> None:
    response = client.post("/verify/", {"file": _upload("big.png", b"x" * (2 * 1024 * 1024 + 1))})
    assert response.status_code == 400
    assert "larger than 2 MB" in response.content.decode()
    response = client.post("/verify/", {})
    assert response.status_code == 400
    assert "Enter the web address of the badge, or upload a badge file" in response.content.decode()


def test_a_url_of_ours_is_checked_without_http(client: Client, award: Award) -> None:
    url = f"http://127.0.0.1:8000/credentials/{award.code}.json"
    page = _check(client, url=url)
    assert "Genuine: this badge is genuine and current" in page
    page = _check(client, url=f"http://127.0.0.1:8000/ob2/assertions/{award.code}.json")
    assert "Genuine: this badge is genuine and current" in page
    set_status(award, Award.Status.REVOKED, "Copied evidence")
    assert "Revoked" in _check(client, url=url)
    page = _check(client, url=f"http://127.0.0.1:8000/ob2/assertions/{award.code}.json")
    assert "Revoked" in page and "Copied evidence" in page


def test_a_url_elsewhere_is_fetched_through_the_guarded_client(
    client: Client, award: Award, web: LocalWeb
) -> None:
    credential = client.get(f"/credentials/{award.code}.json").content
    web.routes["/my-badge.json"] = (200, {"Content-Type": "application/ld+json"}, credential)
    web.routes["/page"] = (200, {"Content-Type": "text/html"}, b"<html></html>")
    assert "Genuine" in _check(client, url=web.url("/my-badge.json"))
    page = _check(client, url=web.url("/page"))
    assert "Not genuine" in page and "does not link to a badge or credential" in page


def test_a_badge_page_elsewhere_is_followed_to_the_credential_it_links_to(
    client: Client, award: Award, web: LocalWeb
) -> None:
    credential = client.get(f"/credentials/{award.code}.json").content
    web.routes["/badges/morag.json"] = (200, {"Content-Type": "application/ld+json"}, credential)
    html = (
        b'<!DOCTYPE html><html><head><link rel="stylesheet" href="/s.css">'
        b'<link rel="alternate" type="application/ld+json" href="/badges/morag.json">'
        b"</head><body>Morag's badge</body></html>"
    )
    web.routes["/badges/morag"] = (200, {"Content-Type": "text/html; charset=utf-8"}, html)
    web.routes["/badges/old"] = (301, {"Location": "/badges/morag"}, b"")
    page = _check(client, url=web.url("/badges/old"))
    assert "Genuine: this badge is genuine and current" in page
    # The page's link is followed once: a page that links to another page is not a badge.
    web.routes["/loop"] = (
        200,
        {"Content-Type": "text/html"},
        b'<link rel="alternate" type="application/ld+json" href="/badges/morag">',
    )
    page = _check(client, url=web.url("/loop"))
    assert "Not genuine" in page and "text/html" in page


def test_a_url_to_a_private_address_is_refused_in_production(client: Client, db: None) -> None:
    page = _check(client, url="https://127.0.0.1/badge.json")
    assert "Not genuine" in page and "private or local address" in page


def test_a_check_past_the_deadline_is_stopped_with_a_message(
    client: Client, award: Award, settings: Any
) -> None:
    settings.ROSETTE_VERIFY_SECONDS = 0.0
    png = client.get(f"/credentials/{award.code}.png").content
    response = client.post("/verify/", {"file": _upload("badge.png", png)})
    assert response.status_code == 400
    assert "took too long to check" in response.content.decode()


def test_when_too_many_checks_run_people_are_asked_to_try_again(client: Client, db: None) -> None:
    from rosette.credentials import selectors

    taken = 0
    while selectors._in_flight.acquire(blocking=False):
        taken += 1
    try:
        response = client.post("/verify/", {"file": _upload("x.json", b"{}")})
    finally:
        for _ in range(taken):
            selectors._in_flight.release()
    assert "checking many badges just now" in response.content.decode()


def test_slow_servers_cannot_hold_the_verify_page_shut(
    db: None, trickle: Callable[..., Trickle], settings: Any
) -> None:
    """Four addresses that trickle a byte at a time, sent by four clients, once held every
    verification slot for a minute. Each check now ends at the verification deadline, its slot
    free at once, so the next person is answered."""
    settings.ROSETTE_VERIFY_SECONDS = 1.5
    servers = [trickle(where=where) for where in ("body", "headers", "body", "headers")]
    answers: list[str] = [""] * len(servers)

    def check(n: int) -> None:
        response = Client(REMOTE_ADDR=f"203.0.113.{n + 1}").post(
            "/verify/", {"url": servers[n].url()}
        )
        answers[n] = response.content.decode()

    started = time.monotonic()
    threads = [threading.Thread(target=check, args=(n,)) for n in range(len(servers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert time.monotonic() - started < 1.5 + 2.0  # the servers would go on for 6 s
    assert all("took too long" in answer for answer in answers), answers
    page = Client(REMOTE_ADDR="198.51.100.7").post("/verify/", {"file": _upload("x.json", b"{}")})
    assert "checking many badges" not in page.content.decode()
    assert "Not genuine" in page.content.decode()


def test_one_client_can_only_check_so_many_badges_in_a_while(db: None) -> None:
    from rosette.credentials.views import VERIFY_PER_CLIENT

    client = Client(REMOTE_ADDR="203.0.113.50")
    for _ in range(VERIFY_PER_CLIENT):
        response = client.post("/verify/", {"file": _upload("x.json", b"{}")})
        assert response.status_code == 200
    response = client.post("/verify/", {"file": _upload("x.json", b"{}")})
    assert response.status_code == 429
    assert "You have checked many badges" in response.content.decode()
    # Someone else, elsewhere, is not affected; a form with nothing to check costs nothing.
    other = Client(REMOTE_ADDR="198.51.100.8")
    assert other.post("/verify/", {"file": _upload("x.json", b"{}")}).status_code == 200
    assert client.post("/verify/", {}).status_code == 400


def test_one_client_checks_one_badge_at_a_time(
    db: None, trickle: Callable[..., Trickle], settings: Any
) -> None:
    """A client cannot take every slot by sending checks side by side."""
    settings.ROSETTE_VERIFY_SECONDS = 2.0
    server = trickle(where="body")
    first: list[str] = []

    def slow_check() -> None:
        response = Client(REMOTE_ADDR="203.0.113.60").post("/verify/", {"url": server.url()})
        first.append(response.content.decode())

    thread = threading.Thread(target=slow_check)
    thread.start()
    time.sleep(0.5)
    response = Client(REMOTE_ADDR="203.0.113.60").post(
        "/verify/", {"file": _upload("x.json", b"{}")}
    )
    thread.join(timeout=10)
    assert response.status_code == 429
    assert "Wait for your other check to finish" in response.content.decode()
    assert "took too long" in first[0]
