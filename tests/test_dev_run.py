"""`make run` (bin/run): every email the task worker sends in development is printed in the
console where it runs, as the README says (issue 16)."""

# ruff: noqa: S603 (the commands are this repository's own, run with this Python)
from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _worker_command() -> list[str]:
    """The worker's command line exactly as bin/run starts it, without its trailing `&`."""
    line = next(
        line for line in (ROOT / "bin" / "run").read_text().splitlines() if "db_worker" in line
    )
    words = shlex.split(line.rstrip("& "))
    stdout_redirected = any(w.startswith(">") or w.startswith("1>") for w in words)
    assert not stdout_redirected, f"bin/run hides the worker's output: {line}"
    # "2>file" keeps the log out of the console; here it goes to a throwaway file.
    return [sys.executable if w == "$py" else w for w in words if not w.startswith("2>")]


def test_the_worker_started_by_make_run_prints_each_email_to_the_console(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'dev.sqlite3'}",
        "ROSETTE_VAR_DIR": str(tmp_path),
    }
    run = {"cwd": ROOT, "env": env, "capture_output": True, "text": True, "timeout": 300}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], check=True, **run)
    queue = (
        "from rosette.accounts.tasks import send_account_email_task as t; "
        "t.enqueue(subject='[Rosette] Please confirm your email address', "
        "body='To confirm it is yours, go to …', from_email='Rosette <no-reply@x.example>', "
        "to=['jo@example.org'], html='', headers=None)"
    )
    subprocess.run([sys.executable, "manage.py", "shell", "-c", queue], check=True, **run)
    worker = subprocess.run([*_worker_command(), "--batch"], check=True, **run)
    assert re.search(r"Subject: \[Rosette\] Please confirm your email address", worker.stdout)
    assert "To: jo@example.org" in worker.stdout
