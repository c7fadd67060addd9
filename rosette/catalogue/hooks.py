"""What the catalogue asks of the apps above it (docs/adr/0012-layers.md).

The catalogue knows nothing of who applies or who holds a badge, yet a badge page says whether
you hold it and offers to continue your application: the awards and applications apps answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rosette.core.hooks import Hook

#: ``held_badge_ids(user=) -> set[int]``: ids of the badges a signed-in person currently holds.
#: Answered by ``rosette.awards.selectors.badge_ids_held_by``.
held_badge_ids: Hook[Callable[..., set[int]]] = Hook("which badges does this person hold")

#: ``open_application(user=, badge=) -> Application | None``: the signed-in person's open
#: application for the badge. Answered by ``rosette.applications.selectors.open_application_for``.
open_application: Hook[Callable[..., Any]] = Hook("this person's open application for a badge")
