"""Pathway badges follow the badges they are built from (C8; ADR 0008).

The rule: a pathway award is valid now exactly while its rule (all of, or N of, its component
badges) is met by awards that are valid now (``AwardQuerySet.valid_now``). So

- the first time the rule is met, the pathway badge is awarded (from ``award_create``, or when a
  component is restored);
- when a contributing award is suspended or revoked and the rule is no longer met, the pathway
  award is suspended with it (``Award.suspended_by_pathway``), naming what is missing;
- when the rule is met again (the component restored, or earned again, or another component
  earned), a pathway award suspended that way is restored.

Only the issuer revokes a pathway award, and a suspension an issuer admin made is never lifted
by the rule. Pathways can count towards pathways: the plan runs until nothing changes.

:func:`plan` is pure: the services apply its steps (``services._settle_pathways``) and the
issuer's status page shows them before the admin confirms (``selectors.status_change_effects``),
so what the page says is what happens.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from django.db.models import Q

from rosette.accounts.models import User
from rosette.awards.models import Award
from rosette.catalogue.models import Badge


@dataclass(frozen=True)
class Step:
    """One change to a person's pathway awards."""

    pathway: Badge
    action: Literal["create", "suspend", "restore"]
    award: Award | None = None  # the pathway award (None: to be created)
    missing: tuple[Badge, ...] = ()  # components not valid now (when suspending)


@dataclass
class Holdings:
    """What one person holds, as the plan sees it: their current (not revoked) award of each
    badge and its status, by badge id, and every pathway badge those touch."""

    awards: dict[int, Award]
    status: dict[int, str]
    by_pathway: set[int]  # badges whose award is suspended with its pathway rule
    pathways: list[Badge] = field(default_factory=list)  # with their components prefetched

    def valid(self) -> set[int]:
        return {badge for badge, status in self.status.items() if status == Award.Status.ACTIVE}

    def change(self, award: Award, status: str) -> None:
        """Plan as if ``award`` had this status (a revoked award is no longer current)."""
        if status == Award.Status.REVOKED:
            self.status.pop(award.badge_id, None)
        else:
            self.status[award.badge_id] = status
        self.by_pathway.discard(award.badge_id)


def holdings(recipient: User) -> Holdings:
    """The person's current awards and every pathway they touch, however deep (a query per
    level of nesting, and one for the awards)."""
    awards = {
        a.badge_id: a
        for a in Award.objects.current()
        .filter(recipient=recipient)
        .select_related("badge")
        .order_by("awarded_at")
    }
    # Pathways built from their badges, then pathways built from those pathways, and so on.
    pathways: dict[int, Badge] = {}
    touched = set(awards)
    while True:
        found = list(
            Badge.objects.pathways()
            .filter(Q(components__in=touched) | Q(pk__in=touched))
            .exclude(pk__in=list(pathways))
            .distinct()
            .prefetch_related("components")
        )
        if not found:
            break
        pathways.update((p.pk, p) for p in found)
        touched = {p.pk for p in found}
    return Holdings(
        awards=awards,
        status={badge: a.status for badge, a in awards.items()},
        by_pathway={badge for badge, a in awards.items() if a.suspended_by_pathway},
        pathways=sorted(pathways.values(), key=lambda p: (p.position, p.name, p.pk)),
    )


def _met(components: list[Badge], required: int, valid: set[int]) -> bool:
    held = len({c.id for c in components} & valid)
    return bool(components) and required >= 1 and held >= required


def rule_met(pathway: Badge, valid: set[int]) -> bool:
    """Whether the badges in ``valid`` meet the pathway's rule (all of, or N of, its badges)."""
    return _met(list(pathway.components.all()), pathway.required_count(), valid)


def plan(state: Holdings, *, became_valid: Iterable[int] = ()) -> list[Step]:
    """The steps that make every pathway award of the person follow its rule, in order.

    ``state`` is what holds after the change being planned for (see :meth:`Holdings.change`);
    ``became_valid`` are badges that have just become valid (a new award, a restore): only a
    pathway built from one of them, or from a pathway this plan awards or restores, is newly
    awarded. ``state`` itself is not changed.
    """
    status = dict(state.status)
    by_pathway = set(state.by_pathway)
    fresh = set(became_valid)
    steps: list[Step] = []
    changed = True
    while changed:
        changed = False
        for pathway in state.pathways:
            components = list(pathway.components.all())
            valid = {b for b, s in status.items() if s == Award.Status.ACTIVE}
            met = _met(components, pathway.required_count(), valid)
            current = status.get(pathway.id)
            award = state.awards.get(pathway.id)
            if current is None:
                if met and {c.id for c in components} & fresh:
                    steps.append(Step(pathway, "create"))
                    status[pathway.id] = Award.Status.ACTIVE
                    fresh.add(pathway.id)
                    changed = True
            elif current == Award.Status.ACTIVE and not met:
                missing = tuple(c for c in components if c.id not in valid)
                steps.append(Step(pathway, "suspend", award, missing))
                status[pathway.id] = Award.Status.SUSPENDED
                by_pathway.add(pathway.id)
                changed = True
            elif current == Award.Status.SUSPENDED and pathway.id in by_pathway and met:
                steps.append(Step(pathway, "restore", award))
                status[pathway.id] = Award.Status.ACTIVE
                by_pathway.discard(pathway.id)
                fresh.add(pathway.id)
                changed = True
    return steps
