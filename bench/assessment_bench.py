"""Benchmark the assessment queue at a small and a large number of applications (PostgreSQL).

Loads applications into a fresh benchmark database with set-based INSERT … SELECT from
generate_series (seconds for a million rows), then times, at each size, the three things that
must not grow with the history:

- the queue page (GET, as an assessor, through the whole Django stack),
- "Assess next" (the claim query and insert, rolled back so every run sees the same queue),
- the service-level page (GET, as an issuer admin).

It prints the median time of each at both sizes and their ratio; a ratio above 1.5 is flagged
and makes the exit code 1. Timings are printed, never asserted by the test suite.

Two comparisons. The history grows (``--small`` to ``--large``, or a million with ``--full``)
while the waiting queue does not (``--waiting``, default 2,000): a service with a million
applications has decided almost all of them. Then the waiting queue grows tenfold
(``--queue-small`` 1,000 to ``--queue-large`` 10,000) with the history at ``--large``: what
an issuer sees when a badge is announced and applications pour in.

Usage (from the repository root, PostgreSQL running: ``bin/postgres-start``)::

    DATABASE_URL=postgres://rosette:rosette@127.0.0.1:5432/rosette \\
        .venv/bin/python bench/assessment_bench.py            # 10,000 and 100,000
    ... bench/assessment_bench.py --full                      # 10,000 and 1,000,000
    ... bench/assessment_bench.py --small 2000 --large 20000 --queue-small 200 --queue-large 2000
    ... bench/assessment_bench.py --small 2000 --large 20000  # a quick look
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402 - needs the repository root on sys.path

django.setup()

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from rosette.accounts.models import User  # noqa: E402
from rosette.accounts.services import user_create  # noqa: E402
from rosette.applications.models import Application, Attempt  # noqa: E402
from rosette.assessment import services  # noqa: E402
from rosette.assessment.models import Decision, Moderation  # noqa: E402
from rosette.catalogue import services as catalogue  # noqa: E402
from rosette.catalogue.models import Issuer, IssuerStaff  # noqa: E402

BADGES = 20
DECISIONS_PER_DAY = 150
RATIO_LIMIT = 1.5


def _table(model: Any) -> str:
    return str(model._meta.db_table)


def _sql(template: str, **extra: str) -> str:
    """SQL with our own models' table names filled in (never anything from outside), and for
    an INSERT the columns it does not name, with their defaults."""
    models = {
        "user": User,
        "application": Application,
        "attempt": Attempt,
        "decision": Decision,
        "moderation": Moderation,
    }
    insert = re.search(r"INSERT INTO \{(\w+)\} \(([^){]*)", template)
    if insert:
        extra["rest_cols"], extra["rest_vals"] = _rest(models[insert[1]], insert[2])
    return template.format(**{k: _table(m) for k, m in models.items()}, **extra)


def _rest(model: Any, given: str) -> tuple[str, str]:
    """Columns the INSERT below does not set (added to a model since this bench was written),
    with their defaults as SQL literals: ``(", col, …", ", value, …")``."""
    named = {c.strip() for c in given.split(",")}
    columns, values = [], []
    for f in model._meta.concrete_fields:
        if f.column in named or f.primary_key:
            continue
        default = f.get_default()
        if f.null and default is None:
            literal = "NULL"
        elif isinstance(default, bool):
            literal = "true" if default else "false"
        elif isinstance(default, int):
            literal = str(default)
        elif isinstance(default, str) and "'" not in default:
            literal = f"'{default}'"
        elif isinstance(default, dict | list) and not default:
            literal = "'{}'" if isinstance(default, dict) else "'[]'"
        else:
            raise RuntimeError(f"bench: give {model.__name__}.{f.name} a value")
        columns.append(f.column)
        values.append(literal)
    if not columns:
        return "", ""
    return ", " + ", ".join(columns), ", " + ", ".join(values)


def build_world() -> dict[str, Any]:
    """An issuer with badges, an assessor and an admin, through the services."""
    issuer = catalogue.issuer_create(
        actor=None, slug="bench", name="Bench Issuer", email="bench@example.org"
    )
    versions = []
    for n in range(BADGES):
        badge = catalogue.badge_create(
            issuer=issuer, actor=None, slug=f"bench-{n}", name=f"Bench badge {n}",
            summary="A badge for the benchmark.",
        )  # fmt: skip
        version = catalogue.badge_version_create(
            badge=badge, actor=None, description="Bench.", criteria="- do it",
            questions=[catalogue.QuestionSpec(prompt="What did you learn?", min_words=10)],
        )  # fmt: skip
        catalogue.badge_version_publish(version=version, actor=None)
        services.rubric_ensure(version=version)
        versions.append(version)
    people = {}
    for role, email in (
        (IssuerStaff.Role.ASSESSOR, "a@bench.example"),
        (IssuerStaff.Role.ADMIN, "i@bench.example"),
    ):
        user = user_create(email=email, name=email, password="bench-password-1", verified=True)  # noqa: S106
        catalogue.issuer_staff_add(issuer=issuer, user=user, role=role, actor=None)
        people[role] = user
    for user in people.values():
        TOTP.activate(user, generate_totp_secret())
    services.decline_reasons_ensure(issuer=issuer)
    return {"issuer": issuer, "versions": versions, "people": people}


def load(world: dict[str, Any], total: int, waiting: int) -> None:
    """``total`` applications (replacing any loaded before), submitted over a history whose
    length follows from a steady DECISIONS_PER_DAY; the newest ``waiting`` are in the queue,
    the rest decided, each with its attempt and decision, a tenth of decisions moderated."""
    issuer = world["issuer"]
    versions = sorted(world["versions"], key=lambda v: v.pk)
    assessor = world["people"][IssuerStaff.Role.ASSESSOR]
    history_days = max(60, total // DECISIONS_PER_DAY)
    with connection.cursor() as cursor:
        for model in (Moderation, Decision, Attempt, Application):
            cursor.execute(_sql("DELETE FROM {table}", table=_table(model)))
        cursor.execute(_sql("DELETE FROM {user} WHERE email LIKE 'bench-learner-%%'"))
        # Application g: learner (g-1) / BADGES, badge (g-1) % BADGES: (learner, badge) unique.
        cursor.execute(
            _sql(
                """
            INSERT INTO {user} (password, is_superuser, email, is_staff, is_active,
                date_joined, public_id, name{rest_cols})
            SELECT '!', false, 'bench-learner-' || l || '@bench.example', false, true, now(),
                gen_random_uuid(), 'Learner ' || l{rest_vals}
            FROM generate_series(0, %s) AS l ORDER BY l
            """
            ),
            [(total - 1) // BADGES],
        )
        cursor.execute(_sql("SELECT min(id) FROM {user} WHERE email LIKE 'bench-learner-%%'"))
        first_learner = cursor.fetchone()[0]
        cursor.execute(
            _sql(
                """
            INSERT INTO {application} (created_at, updated_at, public_id, reference,
                learner_id, badge_id, version_id, status, submitted_at, due_at, decided_at,
                decline_reason{rest_cols})
            SELECT t.at, t.at, gen_random_uuid(), 'B-' || g, %(learner)s + (g - 1) / %(badges)s,
                (%(badge_ids)s::bigint[])[1 + (g - 1) %% %(badges)s],
                (%(version_ids)s::bigint[])[1 + (g - 1) %% %(badges)s],
                CASE WHEN g > %(total)s - %(waiting)s THEN 'submitted'
                     WHEN g %% 10 = 0 THEN 'declined' ELSE 'awarded' END,
                t.at, t.at + interval '28 days',
                CASE WHEN g > %(total)s - %(waiting)s THEN NULL
                     ELSE t.at + (g %% 27) * interval '1 day' END,
                CASE WHEN g > %(total)s - %(waiting)s OR g %% 10 <> 0 THEN ''
                     ELSE 'criteria_not_met' END{rest_vals}
            FROM generate_series(1, %(total)s) AS g,
                 LATERAL (SELECT now() - ((%(total)s - g)::float / %(total)s * %(days)s)
                          * interval '1 day' AS at) AS t
            """
            ),
            {
                "learner": first_learner,
                "badges": BADGES,
                "badge_ids": [v.badge_id for v in versions],
                "version_ids": [v.pk for v in versions],
                "total": total,
                "waiting": waiting,
                "days": history_days,
            },
        )
        cursor.execute(
            _sql(
                """
            INSERT INTO {attempt} (created_at, updated_at, application_id, number,
                revision, intended_actions, submitted_at, due_at, declaration_version,
                declaration_text, ai_used, ai_use{rest_cols})
            SELECT a.submitted_at, a.submitted_at, a.id, 1, 1, '', a.submitted_at, a.due_at,
                '2026-11', '', false, ''{rest_vals}
            FROM {application} a
            """
            )
        )
        cursor.execute(
            _sql(
                """
            INSERT INTO {decision} (public_id, application_id, attempt_id, issuer_id,
                assessor_id, outcome, scores, total, pass_mark, passed, feedback, note,
                submitted_at, due_at, created_at, reason_id{rest_cols})
            SELECT gen_random_uuid(), a.id, t.id, %s, %s,
                CASE a.status WHEN 'awarded' THEN 'award' ELSE 'decline' END,
                '{{}}', 1, 1, a.status = 'awarded', '{{}}', '', a.submitted_at, a.due_at,
                a.decided_at,
                CASE a.status WHEN 'declined' THEN
                    (SELECT id FROM assessment_declinereason
                     WHERE issuer_id = %s AND slug = 'criteria_not_met') END{rest_vals}
            FROM {application} a JOIN {attempt} t ON t.application_id = a.id
            WHERE a.status IN ('awarded', 'declined')
            """
            ),
            [issuer.pk, assessor.pk, issuer.pk],
        )
        cursor.execute(
            _sql(
                """
            INSERT INTO {moderation} (created_at, updated_at, public_id, decision_id,
                issuer_id, moderator_id, outcome, note, done_at{rest_cols})
            SELECT d.created_at, d.created_at, gen_random_uuid(), d.id, d.issuer_id, NULL,
                CASE WHEN d.id %% 20 = 0 THEN 'disagree' ELSE 'agree' END,
                CASE WHEN d.id %% 20 = 0 THEN 'Not convinced by question 1.' ELSE '' END,
                d.created_at + interval '2 days'{rest_vals}
            FROM {decision} d
            WHERE d.id %% 10 = 0
            """
            ),
            [],
        )
        # What autovacuum does after a bulk load: statistics for the planner, and the
        # visibility map that lets counts be read from an index alone.
        for analysed in (User, Application, Attempt, Decision, Moderation):
            cursor.execute(_sql("VACUUM ANALYZE {table}", table=_table(analysed)))


def median_ms(func: Callable[[], Any], runs: int) -> float:
    for _ in range(3):  # warm the caches: templates, plans, pages
        func()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        func()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def measure(world: dict[str, Any], runs: int) -> dict[str, float]:
    issuer: Issuer = world["issuer"]
    assessor = world["people"][IssuerStaff.Role.ASSESSOR]
    admin = world["people"][IssuerStaff.Role.ADMIN]
    as_assessor, as_admin = Client(), Client()
    as_assessor.force_login(assessor)
    as_admin.force_login(admin)
    queue_url = reverse("assessment:queue", kwargs={"slug": issuer.slug})
    levels_url = reverse("assessment:service_levels", kwargs={"slug": issuer.slug})

    def queue_page() -> None:
        response = as_assessor.get(queue_url)
        assert response.status_code == 200, response.status_code

    def assess_next() -> None:
        with transaction.atomic():
            assert services.claim_next(issuer=issuer, assessor=assessor) is not None
            transaction.set_rollback(True)  # the same queue for every run

    def levels_page() -> None:
        response = as_admin.get(levels_url)
        assert response.status_code == 200, response.status_code

    return {
        "queue page": median_ms(queue_page, runs),
        "assess next": median_ms(assess_next, runs),
        "service-level page": median_ms(levels_page, runs),
    }


def compare(world: dict[str, Any], label: str, sizes: list[tuple[int, int]], runs: int) -> bool:
    """Measure at two (applications, waiting) sizes and print the ratios; True if within."""
    results = []
    for total, waiting in sizes:
        started = time.perf_counter()
        load(world, total, min(waiting, total))
        print(
            f"loaded {total:,} applications ({min(waiting, total):,} waiting) "
            f"in {time.perf_counter() - started:.1f} s"
        )
        results.append(measure(world, runs))
    heads = [f"{t:,}/{min(w, t):,}" for t, w in sizes]
    print()
    print(f"{label} (applications/waiting)")
    print(f"{'':22}{heads[0]:>18}{heads[1]:>18}{'ratio':>9}")
    within = True
    for name in results[0]:
        small_ms, large_ms = results[0][name], results[1][name]
        ratio = large_ms / small_ms
        flag = "" if ratio <= RATIO_LIMIT else f"  > {RATIO_LIMIT}x"
        within = within and not flag
        print(f"{name:22}{small_ms:>16.2f}ms{large_ms:>16.2f}ms{ratio:>8.2f}x{flag}")
    print()
    return within


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--full", action="store_true", help="large = 1,000,000")
    parser.add_argument("--waiting", type=int, default=2_000, help="applications in the queue")
    parser.add_argument(
        "--waiting-share", type=float, default=None,
        help="instead of --waiting: this share of all applications is waiting",
    )  # fmt: skip
    parser.add_argument(
        "--queue-small", type=int, default=1_000,
        help="the waiting queue grows from this … (history fixed at --large)",
    )  # fmt: skip
    parser.add_argument("--queue-large", type=int, default=10_000, help="… to this")
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    args = parser.parse_args(argv[1:])
    large = 1_000_000 if args.full else args.large
    if connection.vendor != "postgresql":
        print("The assessment bench needs PostgreSQL: set DATABASE_URL=postgres://…")
        return 2
    setup_test_environment()
    # Its own database, named after the one configured, so that neither a test run nor
    # another checkout's bench on the same server is disturbed.
    name = f"{connection.settings_dict['NAME']}_assessment_bench"
    connection.settings_dict.setdefault("TEST", {})["NAME"] = name
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        world = build_world()

        def waiting(total: int) -> int:
            return int(total * args.waiting_share) if args.waiting_share else args.waiting

        history = compare(
            world,
            "The history grows",
            [(args.small, waiting(args.small)), (large, waiting(large))],
            args.runs,
        )
        queue = compare(
            world,
            "The waiting queue grows",
            [(large, args.queue_small), (large, args.queue_large)],
            args.runs,
        )
        return 0 if history and queue else 1
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
