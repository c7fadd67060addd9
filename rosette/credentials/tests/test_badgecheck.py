"""1EdTech's own Open Badges 2.0 validator ("badgecheck", PyPI ``openbadges``) checks our hosted
assertions over HTTP, through every status an award can take (ADR 0008). It runs in its own
environment (``tests/interop/badgecheck``, made by ``bin/setup``), offline: contexts come from
our local copies, and only the live server is reached."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from rosette.accounts.models import User
from rosette.awards.services import award_create, award_status_change
from rosette.catalogue.models import Issuer
from tests import factories

BADGECHECK = Path(__file__).resolve().parents[3] / "tests" / "interop" / "badgecheck"
PYTHON = BADGECHECK / ".venv" / "bin" / "python"

if not PYTHON.exists() and os.environ.get("CI"):
    raise RuntimeError("CI must run 1EdTech's validator: run bin/setup first.")
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not PYTHON.exists(), reason="tests/interop/badgecheck/.venv is missing"),
]


def badgecheck(url: str, email: str | None = None) -> dict[str, Any]:
    completed = subprocess.run(  # noqa: S603 - our own script, our own URL
        [str(PYTHON), str(BADGECHECK / "run.py"), url, *([email] if email else [])],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0 and completed.stdout, completed.stderr
    report: dict[str, Any] = json.loads(completed.stdout)["report"]
    return report


def test_badgecheck_finds_our_assertion_valid_only_while_the_award_is(
    live_server: Any, settings: Any, issuer: Issuer, issuer_admin: User, learner: User
) -> None:
    settings.SITE_URL = live_server.url  # the hosted documents point at the live server
    badge = factories.make_badge(issuer=issuer)
    award = award_create(recipient=learner, badge=badge, actor=None)  # issued on commit
    url = f"{live_server.url}/ob2/assertions/{award.code}.json"

    report = badgecheck(url, "learner@example.org")
    assert report["valid"] is True, report["messages"]
    assert report["errorCount"] == 0
    assert badgecheck(url, "someone@example.org")["valid"] is False

    award_status_change(award=award, actor=issuer_admin, action="suspend", reason="Under review")
    suspended = badgecheck(url)
    assert suspended["valid"] is False and suspended["errorCount"] > 0

    award_status_change(award=award, actor=issuer_admin, action="restore", reason="")
    assert badgecheck(url)["valid"] is True

    award_status_change(award=award, actor=issuer_admin, action="revoke", reason="Copied")
    assert badgecheck(url)["valid"] is False
