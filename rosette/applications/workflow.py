"""The application workflow: one transition table, one guard (STYLE.md point 5).

    draft ──submit──▶ submitted ──award──▶ awarded
      ▲                  │  ├──return──▶ returned ──submit──▶ submitted (a new attempt, a new
      │                  │  │                                  place at the back of the queue)
      │                  │  └──decline─▶ declined
      └─ withdraw from draft, submitted or returned ─▶ withdrawn

Every transition locks the application row, checks the current status and the actor, records
the change in the audit trail (from, to, actor, note) and leaves e-mail to on_commit hooks.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from rosette.accounts import roles
from rosette.accounts.models import User
from rosette.applications.models import Application
from rosette.core.models import record_event

S = Application.Status


class Actor(enum.Enum):
    LEARNER = "learner"
    ASSESSOR = "assessor"  # an assessor or admin of the badge's issuer
    SYSTEM = "system"  # Rosette itself, e.g. declining automatically under the privacy policy


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str
    actors: frozenset[Actor]


TRANSITIONS: dict[str, Transition] = {
    "submit": Transition(frozenset({S.DRAFT, S.RETURNED}), S.SUBMITTED, frozenset({Actor.LEARNER})),
    "withdraw": Transition(
        frozenset({S.DRAFT, S.SUBMITTED, S.RETURNED}), S.WITHDRAWN, frozenset({Actor.LEARNER})
    ),
    "award": Transition(frozenset({S.SUBMITTED}), S.AWARDED, frozenset({Actor.ASSESSOR})),
    "return": Transition(frozenset({S.SUBMITTED}), S.RETURNED, frozenset({Actor.ASSESSOR})),
    "decline": Transition(
        frozenset({S.SUBMITTED}), S.DECLINED, frozenset({Actor.ASSESSOR, Actor.SYSTEM})
    ),
}


class TransitionError(Exception):
    """The application is not in a state where this can happen (someone got there first)."""


def _actor_kind(application: Application, actor: User | None) -> set[Actor]:
    if actor is None:
        return {Actor.SYSTEM}
    kinds = set()
    if actor.pk == application.learner_id:
        kinds.add(Actor.LEARNER)
    if roles.is_assessor(actor, application.badge.issuer):
        kinds.add(Actor.ASSESSOR)
    return kinds


def transition(
    application: Application, *, action: str, actor: User | None, note: str = "", **fields: Any
) -> Application:
    """Move an application along the workflow. Call inside a transaction.

    ``fields`` are set in the same save (e.g. the submission dates a submitted application
    must have). Returns the locked, updated row. Raises TransitionError when the application
    is no longer in a state the action starts from, and PermissionError when the actor may not.
    """
    rule = TRANSITIONS[action]
    locked = (
        Application.objects.select_for_update()
        .select_related("badge__issuer")
        .get(pk=application.pk)
    )
    if locked.status not in rule.sources:
        raise TransitionError(
            f"This application is {locked.get_status_display().lower()}, so it cannot be "
            f"{_PAST[action]}."
        )
    if not (_actor_kind(locked, actor) & rule.actors):
        raise PermissionError(f"You cannot {action} this application.")
    source = locked.status
    locked.status = rule.target
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.save(update_fields=["status", "updated_at", *fields])
    record_event(
        action=f"applications:application:{action}",
        subject=locked,
        actor=actor,
        data={"from": source, "to": rule.target, "note": note},
    )
    return locked


_PAST = {
    "submit": "submitted",
    "withdraw": "withdrawn",
    "award": "awarded",
    "return": "returned",
    "decline": "declined",
}
