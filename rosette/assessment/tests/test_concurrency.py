"""The concurrency rules of assessment, with real concurrent connections (PostgreSQL).

Each thread has its own database connection. Where the order matters, one thread takes its
lock inside an outer transaction, waits at a barrier and holds the lock a moment longer, so
the other really does arrive while the first is still deciding. The same rules, one after the
other on one connection, are in test_services.py and run on both databases.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, transaction

from rosette.accounts.models import User
from rosette.applications import services as applications
from rosette.applications.models import Application
from rosette.applications.workflow import TransitionError
from rosette.assessment import services
from rosette.assessment.models import Claim, Decision
from rosette.awards.models import Award
from rosette.catalogue.models import Issuer, IssuerStaff
from tests import factories

from .conftest import scores_for

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]
HOLD = 0.5  # seconds the first transaction keeps its lock after the second has started


@pytest.fixture(autouse=True)
def _postgresql_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs real concurrent connections and row locks (SELECT … FOR UPDATE SKIP LOCKED): "
            "run with DATABASE_URL=postgres://… (SQLite serialises whole transactions instead)"
        )


def run_in_threads(*jobs: Callable[[], Any]) -> list[Any]:
    """Run each job in its own thread and connection; return results or raised exceptions."""
    results: list[Any] = [None] * len(jobs)

    def runner(index: int, job: Callable[[], Any]) -> None:
        try:
            results[index] = job()
        except Exception as exc:  # the outcome under test, returned to the test
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_assessors_pressing_assess_next_together_get_different_applications(
    issuer: Issuer, make_submitted: Callable[..., Application]
) -> None:
    apps = [make_submitted(days=10 - n) for n in range(6)]
    people = [factories.make_staff(issuer, IssuerStaff.Role.ASSESSOR) for _ in range(6)]
    barrier = threading.Barrier(len(people))

    def press(person: User) -> Callable[[], Any]:
        def job() -> Any:
            barrier.wait()
            return services.claim_next(issuer=issuer, assessor=person)

        return job

    got = run_in_threads(*(press(p) for p in people))
    assert not any(isinstance(g, Exception) for g in got), got
    assert sorted(a.pk for a in got) == sorted(a.pk for a in apps)


def test_a_locked_head_of_the_queue_is_skipped_not_waited_for(
    issuer: Issuer,
    assessor: User,
    second_assessor: User,
    make_submitted: Callable[..., Application],
) -> None:
    oldest = make_submitted(days=3)
    next_one = make_submitted(days=1)
    taken = threading.Event()

    def first() -> Any:
        with transaction.atomic():
            claimed = services.claim_next(issuer=issuer, assessor=assessor)
            taken.set()
            time.sleep(HOLD)  # still inside the transaction: the row stays locked
            return claimed

    def second() -> Any:
        taken.wait(5)
        started = time.monotonic()
        claimed = services.claim_next(issuer=issuer, assessor=second_assessor)
        return claimed, time.monotonic() - started

    a, (b, waited) = run_in_threads(first, second)
    assert a == oldest and b == next_one
    assert waited < HOLD  # skipped the locked row instead of queueing behind it


def test_two_decisions_on_one_application_exactly_one_wins(
    issuer: Issuer, assessor: User, make_submitted: Callable[..., Application]
) -> None:
    application = make_submitted()
    services.claim_next(issuer=issuer, assessor=assessor)
    locked = threading.Event()

    def award() -> Any:
        with transaction.atomic():
            decision = services.decision_record(
                application=application, actor=assessor, outcome="award",
                scores=scores_for(application, 1), feedback={},
            )  # fmt: skip
            locked.set()
            time.sleep(HOLD)
            return decision

    def decline() -> Any:
        locked.wait(5)
        return services.decision_record(
            application=application, actor=assessor, outcome="decline", scores={}, feedback={},
            reason="not_own_work",
        )  # fmt: skip

    won, lost = run_in_threads(award, decline)
    assert isinstance(won, Decision)
    assert isinstance(lost, services.AlreadyDecided)
    assert "already awarded" in str(lost)
    assert Decision.objects.count() == 1
    assert Award.objects.count() == 1
    application.refresh_from_db()
    assert application.status == Application.Status.AWARDED


def test_a_learner_withdrawing_while_the_assessor_awards_loses_cleanly(
    issuer: Issuer, assessor: User, make_submitted: Callable[..., Application]
) -> None:
    application = make_submitted()
    services.claim_next(issuer=issuer, assessor=assessor)
    locked = threading.Event()

    def award() -> Any:
        with transaction.atomic():
            services.decision_record(
                application=application, actor=assessor, outcome="award",
                scores=scores_for(application, 1), feedback={},
            )  # fmt: skip
            locked.set()
            time.sleep(HOLD)

    def withdraw() -> Any:
        locked.wait(5)
        return applications.application_withdraw(application=application, actor=application.learner)

    _, lost = run_in_threads(award, withdraw)
    assert isinstance(lost, TransitionError)
    application.refresh_from_db()
    assert application.status == Application.Status.AWARDED


def test_an_assessor_awarding_while_the_learner_withdraws_leaves_nothing_half_done(
    issuer: Issuer, assessor: User, make_submitted: Callable[..., Application]
) -> None:
    application = make_submitted()
    services.claim_next(issuer=issuer, assessor=assessor)
    locked = threading.Event()

    def withdraw() -> Any:
        with transaction.atomic():
            applications.application_withdraw(application=application, actor=application.learner)
            locked.set()
            time.sleep(HOLD)

    def award() -> Any:
        locked.wait(5)
        return services.decision_record(
            application=application, actor=assessor, outcome="award",
            scores=scores_for(application, 1), feedback={},
        )  # fmt: skip

    _, lost = run_in_threads(withdraw, award)
    assert isinstance(lost, services.AlreadyDecided)
    assert "withdrawn" in str(lost)
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN
    assert not Award.objects.exists() and not Decision.objects.exists()


STRESS_ASSESSORS = 12
STRESS_ROUNDS = 60  # each assessor's claims: 720 in all, every one at the head of the queue


def test_under_load_no_two_assessors_ever_hold_the_same_application(
    issuer: Issuer, make_submitted: Callable[..., Application]
) -> None:
    """Many assessors press "Assess next" and put the application back, over and over, all
    fighting over the head of a short queue. While one holds an application nobody else is
    handed it: the claim row names the assessor it was given to until they release it (a live
    claim is never overwritten)."""
    for n in range(STRESS_ASSESSORS + 2):
        make_submitted(days=20 - n)
    people = [
        factories.make_staff(issuer, IssuerStaff.Role.ASSESSOR) for _ in range(STRESS_ASSESSORS)
    ]
    holding: dict[int, int] = {}  # application pk -> the assessor it was handed to
    book = threading.Lock()
    shared: list[str] = []
    start = threading.Barrier(len(people))

    def work(person: User) -> Callable[[], int]:
        def job() -> int:
            start.wait()
            claims = 0
            for _round in range(STRESS_ROUNDS):
                application = services.claim_next(issuer=issuer, assessor=person)
                if application is None:
                    continue
                claims += 1
                with book:
                    if application.pk in holding:
                        shared.append(f"{application} handed to a second assessor")
                    holding[application.pk] = person.pk
                if Claim.objects.get(application=application).assessor_id != person.pk:
                    shared.append(f"{application}: a live claim was overwritten")
                with book:
                    if holding.get(application.pk) == person.pk:
                        del holding[application.pk]
                try:
                    services.claim_release(application=application, actor=person)
                except services.ClaimLost:
                    shared.append(f"{application}: the claim was taken while it was held")
            return claims

        return job

    started = time.monotonic()
    claims = run_in_threads(*(work(p) for p in people))
    assert not any(isinstance(c, Exception) for c in claims), claims
    assert sum(claims) > STRESS_ASSESSORS * STRESS_ROUNDS // 2  # they really did work
    assert shared == []
    assert time.monotonic() - started < 30
