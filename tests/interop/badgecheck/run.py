"""Run 1EdTech's Open Badges 2.0 validator (PyPI ``openbadges``, "badgecheck") offline.

    tests/interop/badgecheck/.venv/bin/python tests/interop/badgecheck/run.py URL [EMAIL]
    -> the validator's JSON report on stdout (EMAIL: check the badge was awarded to it)

It runs in its own virtual environment (``requirements.txt`` beside this file, made by
``bin/setup``), never in Rosette's: it pins libraries from 2017. Nothing is fetched from the
network: JSON-LD contexts are served from Rosette's local copies
(``rosette/credentials/contexts``, checked against their sha256), addresses on the loopback
interface (the test's live server) are fetched for real, and anything else is refused.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

import requests
from requests.adapters import BaseAdapter, HTTPAdapter
from requests.models import PreparedRequest, Response

CONTEXTS = Path(__file__).resolve().parents[3] / "rosette" / "credentials" / "contexts"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _local_contexts() -> dict[str, bytes]:
    manifest = json.loads((CONTEXTS / "manifest.json").read_text("utf-8"))
    documents = {}
    for url, entry in manifest.items():
        body = (CONTEXTS / entry["file"]).read_bytes()
        if hashlib.sha256(body).hexdigest() != entry["sha256"]:
            raise SystemExit(f"{entry['file']} does not match its sha256 in manifest.json")
        documents[url] = body
    return documents


class OfflineAdapter(BaseAdapter):
    """Contexts from disk, loopback over HTTP, everything else refused."""

    def __init__(self) -> None:
        super().__init__()
        self.contexts = _local_contexts()
        self.http = HTTPAdapter()

    def send(self, request: PreparedRequest, **kwargs: object) -> Response:  # type: ignore[override]
        url = str(request.url)
        if url in self.contexts:
            response = Response()
            response.status_code = 200
            response.headers["Content-Type"] = "application/ld+json"
            response._content = self.contexts[url]
            response.url = url
            response.request = request
            return response
        if urlsplit(url).hostname in LOOPBACK:
            return self.http.send(request, **kwargs)  # type: ignore[arg-type]
        raise requests.ConnectionError(f"offline: refusing to fetch {url}")

    def close(self) -> None:
        self.http.close()


_session_init = requests.Session.__init__


def _offline_session_init(self: requests.Session, *args: object, **kwargs: object) -> None:
    _session_init(self, *args, **kwargs)
    adapter = OfflineAdapter()
    self.mount("http://", adapter)
    self.mount("https://", adapter)


requests.Session.__init__ = _offline_session_init  # type: ignore[method-assign]


def main(url: str, email: str | None = None) -> None:
    # Imported only now, after the patch above: openbadges opens sessions when it is imported.
    from openbadges import verify

    profile = {"email": email} if email else None
    # No cache: each run asks the live server afresh (a status may just have changed).
    report = verify(url, recipient_profile=profile, use_cache=False)
    json.dump(report, sys.stdout, default=str)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
