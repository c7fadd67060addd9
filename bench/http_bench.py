"""Rosette's public surface under load, side by side with nginx serving the very same bytes.

    bench/http                      # the documented server (bin/serve), every URL, 10 s each
    bench/http --duration 5 --only did.json,status
    bench/http --server gunicorn-sync --server granian   # compare server models (ADR 0013)

It builds a throw-away SQLite database with the demo world (awards and credentials issued),
starts Rosette under ``config.settings.production`` with the server of ``bin/serve`` (or the
ones named), fetches each public URL once and writes the response bodies to disk, starts
nginx serving those files with the same content types, then runs ``wrk`` (64 connections)
against each URL on both, one after the other, and prints requests per second, Rosette's
share of nginx and the 99th percentile latency. It then loads the badge page in Chromium
(when Playwright and Chromium are installed) and adds up what was transferred.

nginx and wrk are installed with apt-get when missing and when it may (root, or sudo).
It prints ratios and marks targets missed; it never fails a build (exit code 0) unless the
set-up itself fails. Absolute numbers depend on the machine and its load: read the ratios.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = "127.0.0.1"
SITE_HOST = "rosette.example"  # what the documents say; requests carry it as their Host
CONNECTIONS = 64
JSON_TARGET = 0.10  # share of nginx's requests per second
PAGE_TARGET = 0.03
P99_TARGET_MS = 50.0
PAGE_WEIGHT_TARGET_KB = 150.0

# The server models compared for ADR 0013. "serve" is the documented one (bin/serve).
SERVERS: dict[str, list[str]] = {
    "serve": ["bin/serve"],
    "gunicorn-sync": [
        PYTHON, "-m", "gunicorn", "config.wsgi", "--workers", "{workers}",
        "--worker-class", "sync", "--bind", "{host}:{port}", "--backlog", "2048",
    ],
    "gunicorn-gthread": [
        PYTHON, "-m", "gunicorn", "config.wsgi", "--workers", "{workers}",
        "--worker-class", "gthread", "--threads", "4", "--bind", "{host}:{port}",
        "--backlog", "2048",
    ],
    "granian": [
        PYTHON, "-m", "granian", "--interface", "wsgi", "config.wsgi:application",
        "--workers", "{workers}", "--host", "{host}", "--port", "{port}",
        "--no-ws", "--log-level", "warning", "--backlog", "2048",
    ],
    "granian-threads": [
        PYTHON, "-m", "granian", "--interface", "wsgi", "config.wsgi:application",
        "--workers", "{workers}", "--blocking-threads", "4", "--host", "{host}",
        "--port", "{port}", "--no-ws", "--log-level", "warning", "--backlog", "2048",
    ],
    "uvicorn": [
        PYTHON, "-m", "uvicorn", "config.asgi:application", "--workers", "{workers}",
        "--host", "{host}", "--port", "{port}", "--no-access-log", "--log-level", "warning",
        "--backlog", "2048",
    ],
}  # fmt: skip


@dataclass(frozen=True)
class Target:
    name: str
    path: str
    kind: str  # "json" or "page"


@dataclass(frozen=True)
class Result:
    requests_per_second: float
    p99_ms: float
    errors: int


# --- tools -------------------------------------------------------------------------------------


def ensure_tools() -> None:
    """nginx and wrk, installed from Debian's packages when missing (and allowed)."""
    need = [p for p, c in (("nginx-light", "nginx"), ("wrk", "wrk")) if not _which(c)]
    if not need:
        return
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    if sudo and not shutil.which("sudo"):
        raise SystemExit(f"bench/http needs {' and '.join(need)}: install them (apt-get).")
    print(f"Installing {' '.join(need)} (apt-get)", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = [*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *need]
    if subprocess.run(install, env=env, check=False, capture_output=True).returncode:  # noqa: S603
        subprocess.run([*sudo, "apt-get", "update", "-qq"], env=env, check=True)  # noqa: S603
        subprocess.run(install, env=env, check=True, capture_output=True)  # noqa: S603


def _which(command: str) -> str | None:
    return shutil.which(command) or shutil.which(command, path="/usr/sbin:/sbin")


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


# --- Rosette -----------------------------------------------------------------------------------


def environment(work: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ROSETTE_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
            "ROSETTE_CREDENTIAL_KEK": secrets.token_urlsafe(40),
            "ROSETTE_SITE_URL": f"https://{SITE_HOST}",
            "DJANGO_ALLOWED_HOSTS": f"{SITE_HOST},{HOST}",
            "DATABASE_URL": f"sqlite:///{work / 'rosette.sqlite3'}",
            "ROSETTE_VAR_DIR": str(work / "var"),
            "DJANGO_MEDIA_ROOT": str(work / "media"),
            "DJANGO_STATIC_ROOT": str(work / "static"),
            "ROSETTE_LOG_LEVEL": "WARNING",
            "HOST": HOST,
            "PORT": str(port),
            "PYTHONPATH": os.pathsep.join(
                p for p in (str(ROOT), os.environ.get("BENCH_PYTHONPATH", "")) if p
            ),
        }
    )
    return env


def manage(env: dict[str, str], *args: str, settings: str | None = None) -> str:
    run_env = dict(env, DJANGO_SETTINGS_MODULE=settings) if settings else env
    done = subprocess.run(  # noqa: S603 - our own manage.py
        [PYTHON, "manage.py", *args], cwd=ROOT, env=run_env, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


PICK = """
from rosette.awards.models import Award
from rosette.catalogue.models import Badge
award = Award.objects.filter(visibility="public", status="active", credential__isnull=False)
award = award.select_related("badge__issuer").order_by("awarded_at").first()
badge = Badge.objects.filter(status="published", kind="standard").order_by("position").first()
print(award.code, award.badge.slug, award.badge.issuer.slug, badge.slug)
"""


def prepare(env: dict[str, str]) -> list[Target]:
    """A database with the demo world, its credentials issued, and the URLs to load."""
    print("Preparing a database with the demo world (production settings)…", flush=True)
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "createcachetable")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    # The demo loader refuses production settings (it is for development), so it runs under
    # the development settings on the same database, and the task worker issues credentials.
    manage(env, "load_demo", settings="config.settings.dev")
    manage(env, "db_worker", "--batch", "--no-startup-delay", settings="config.settings.dev")
    code, award_badge, issuer, badge = manage(env, "shell", "-c", PICK).splitlines()[-1].split()
    return [
        Target("catalogue /badges/", "/badges/", "page"),
        Target("badge page", f"/badges/{badge}/", "page"),
        Target("award page", f"/awards/{code}/", "page"),
        Target("OB 2.0 assertion", f"/ob2/assertions/{code}.json", "json"),
        Target("OB 2.0 badge class", f"/ob2/badges/{award_badge}.json", "json"),
        Target("OB 2.0 issuer", f"/ob2/issuers/{issuer}.json", "json"),
        Target("OB 3.0 credential", f"/credentials/{code}.json", "json"),
        Target("did.json", f"/issuers/{issuer}/did.json", "json"),
        Target("status list", f"/status/{issuer}/revocation.json", "json"),
    ]


@contextlib.contextmanager
def running(command: list[str], env: dict[str, str], log: Path, port: int) -> Iterator[None]:
    with log.open("wb") as out:
        process = subprocess.Popen(  # noqa: S603 - our own command lines
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    try:
        wait_until_up(port, process, log)
        yield
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wait_until_up(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"The server stopped:\n{log.read_text(errors='replace')[-3000:]}")
        with contextlib.suppress(OSError):
            if get(port, "/healthz")[0] == 200:
                return
        time.sleep(0.2)
    raise SystemExit(f"The server did not start:\n{log.read_text(errors='replace')[-3000:]}")


def get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes, str]:
    request = urllib.request.Request(
        f"http://{HOST}:{port}{path}",
        headers={"Host": SITE_HOST, "X-Forwarded-Proto": "https", **(headers or {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), exc.headers.get("Content-Type", "")


# --- nginx -------------------------------------------------------------------------------------


NGINX_CONF = """
worker_processes {workers};
daemon off;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  client_body_temp_path {work}/nginx-tmp;
  proxy_temp_path {work}/nginx-tmp;
  fastcgi_temp_path {work}/nginx-tmp;
  uwsgi_temp_path {work}/nginx-tmp;
  scgi_temp_path {work}/nginx-tmp;
  server {{
    listen {host}:{port};
    location = /healthz {{ return 200; }}
{locations}
  }}
}}
"""


def nginx_files(targets: list[Target], port: int, docroot: Path) -> str:
    """Fetch each URL from Rosette, write the body to disk; the nginx locations serving it."""
    locations = []
    for n, target in enumerate(targets):
        status, body, content_type = get(port, target.path)
        if status != 200:
            raise SystemExit(f"{target.path} answered {status}; the bench needs a 200.")
        (docroot / f"{n}.body").write_bytes(body)
        locations.append(
            f"    location = {target.path} {{ default_type {_nginx_type(content_type)}; "
            f"types {{ }} alias {docroot / f'{n}.body'}; }}"
        )
    return "\n".join(locations)


def _nginx_type(content_type: str) -> str:
    return f'"{content_type}"' if content_type else "application/octet-stream"


# --- load --------------------------------------------------------------------------------------


def load(port: int, path: str, duration: int, threads: int) -> Result:
    done = subprocess.run(  # noqa: S603
        [
            _which("wrk") or "wrk", "-t", str(threads), "-c", str(CONNECTIONS),
            "-d", f"{duration}s", "--latency", "--timeout", "10s",
            "-H", f"Host: {SITE_HOST}", "-H", "X-Forwarded-Proto: https",
            f"http://{HOST}:{port}{path}",
        ],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return parse_wrk(done.stdout)


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def parse_wrk(output: str) -> Result:
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE)
    if not rps or not p99:
        raise SystemExit(f"Cannot read wrk's output:\n{output}")
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return Result(float(rps.group(1)), float(p99.group(1)) * _UNITS[p99.group(2)], errors)


# --- page weight -------------------------------------------------------------------------------


def page_weight(port: int, path: str) -> list[tuple[str, int]] | None:
    """What a first visit to ``path`` transfers in Chromium (headers and compressed bodies)."""
    try:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415 (a dev tool, optional)
    except ImportError:
        return None
    chromium = shutil.which("chromium")
    if chromium is None:
        return None
    sizes: list[tuple[str, int]] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium)
        context = browser.new_context(
            extra_http_headers={"X-Forwarded-Proto": "https"}, base_url=f"http://{HOST}:{port}"
        )
        page = context.new_page()
        responses: list[Any] = []
        page.on("response", lambda response: responses.append(response))
        page.goto(path, wait_until="networkidle")
        for response in responses:
            measured = response.request.sizes()
            total = measured["responseBodySize"] + measured["responseHeadersSize"]
            sizes.append((response.url.removeprefix(f"http://{HOST}:{port}"), total))
        browser.close()
    return sizes


# --- report ------------------------------------------------------------------------------------


def report(rows: list[tuple[Target, Result, Result]], server: str) -> None:
    print()
    print(f"Server: {server}; {CONNECTIONS} connections; wrk against nginx then Rosette per URL")
    header = (
        f"{'URL':22}{'Rosette req/s':>14}{'nginx req/s':>13}{'share':>8}{'target':>8}"
        f"{'p99 Rosette':>13}{'p99 nginx':>11}{'errors':>8}"
    )
    print(header)
    print("-" * len(header))
    missed = []
    for target, ours, theirs in rows:
        share = ours.requests_per_second / theirs.requests_per_second
        goal = JSON_TARGET if target.kind == "json" else PAGE_TARGET
        flags = []
        if share < goal:
            flags.append("share")
        if ours.p99_ms >= P99_TARGET_MS:
            flags.append("p99")
        if ours.errors:
            flags.append("errors")
        if flags:
            missed.append(f"{target.name} ({', '.join(flags)})")
        print(
            f"{target.name:22}{ours.requests_per_second:>14,.0f}{theirs.requests_per_second:>13,.0f}"
            f"{share:>8.1%}{goal:>8.0%}{ours.p99_ms:>11.1f}ms{theirs.p99_ms:>9.1f}ms"
            f"{ours.errors:>8}{'  MISSED: ' + ', '.join(flags) if flags else ''}"
        )
    print()
    print(f"Targets: JSON documents ≥{JSON_TARGET:.0%} of nginx, pages ≥{PAGE_TARGET:.0%}, "
          f"p99 < {P99_TARGET_MS:.0f} ms, no errors.")  # fmt: skip
    print("All targets met." if not missed else "Missed: " + "; ".join(missed))


def report_weight(sizes: list[tuple[str, int]] | None, path: str) -> None:
    print()
    if sizes is None:
        print("Page weight skipped: Playwright or Chromium is not installed.")
        return
    total = sum(size for _, size in sizes)
    print(f"First load of the badge page {path} in Chromium (compressed, headers included):")
    for url, size in sorted(sizes, key=lambda s: -s[1]):
        print(f"  {size / 1024:8.1f} KB  {url}")
    verdict = "met" if total / 1024 <= PAGE_WEIGHT_TARGET_KB else "MISSED"
    print(f"  {total / 1024:8.1f} KB  in all ({len(sizes)} responses; target ≤ "
          f"{PAGE_WEIGHT_TARGET_KB:.0f} KB: {verdict})")  # fmt: skip


TEST_TOOLS = ("/static/vendor/axe-core/axe.min.js",)


def report_test_tools(port: int) -> None:
    """Test tools (axe-core) must never be served in production."""
    for path in TEST_TOOLS:
        status = get(port, path)[0]
        verdict = "not served: met" if status == 404 else f"SERVED ({status}): MISSED"
        print(f"Test tool {path}: {verdict}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per URL")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--server", action="append", choices=sorted(SERVERS), default=[])
    parser.add_argument("--only", default="", help="comma-separated parts of URL names")
    parser.add_argument("--no-weight", action="store_true", help="skip the page weight")
    parser.add_argument("--keep", action="store_true", help="keep the working directory")
    parser.add_argument(
        "--no-store", action="store_true",
        help="keep no public responses in memory: every request is rendered (as for a "
        "signed-in reader)",
    )  # fmt: skip
    args = parser.parse_args(argv[1:])
    ensure_tools()
    work = Path(tempfile.mkdtemp(prefix="rosette-http-bench-"))
    (work / "nginx-tmp").mkdir()
    docroot = work / "nginx"
    docroot.mkdir()
    docroot.chmod(0o755)
    work.chmod(0o755)
    port, nginx_port = free_port(), free_port()
    env = environment(work, port)
    if args.no_store:
        env["ROSETTE_PUBLIC_CACHE_BYTES"] = "0"
    try:
        targets = prepare(env)
        if args.only:
            wanted = [w.strip().lower() for w in args.only.split(",")]
            targets = [t for t in targets if any(w in t.name.lower() for w in wanted)]
        conf = work / "nginx.conf"
        for name in args.server or ["serve"]:
            command = [
                part.format(workers=args.workers, host=HOST, port=port) for part in SERVERS[name]
            ]
            env["WEB_CONCURRENCY"] = str(args.workers)
            with running(command, env, work / f"{name}.log", port):
                locations = nginx_files(targets, port, docroot)
                conf.write_text(
                    NGINX_CONF.format(
                        workers=args.workers, work=work, host=HOST, port=nginx_port,
                        locations=locations,
                    )
                )  # fmt: skip
                nginx = [_which("nginx") or "nginx", "-c", str(conf), "-p", str(work)]
                with running(nginx, env, work / "nginx.log", nginx_port):
                    rows = []
                    for target in targets:
                        print(f"  loading {target.path}", flush=True)
                        load(port, target.path, 2, args.threads)  # warm the caches
                        theirs = load(nginx_port, target.path, args.duration, args.threads)
                        ours = load(port, target.path, args.duration, args.threads)
                        rows.append((target, ours, theirs))
                label = " ".join(SERVERS[name]).replace(PYTHON, "python")
                report(
                    rows,
                    label + (" (nothing kept: every request rendered)" if args.no_store else ""),
                )
                if not args.no_weight and name == (args.server or ["serve"])[0]:
                    badge = next(t for t in prepare_targets_badge(targets))
                    report_weight(page_weight(port, badge.path), badge.path)
                    report_test_tools(port)
    finally:
        if args.keep:
            print(f"Kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def prepare_targets_badge(targets: list[Target]) -> Iterator[Target]:
    yield from (t for t in targets if t.name == "badge page")
    yield Target("badge page", "/badges/", "page")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
