"""What teams asks of the apps above it (docs/adr/0012-layers.md)."""

from __future__ import annotations

from collections.abc import Callable

from rosette.core.hooks import Hook

#: ``staff_left(membership=) -> None``: a member of staff has just left the organisation
#: (inside the same transaction). Answered by ``rosette.managers.services.staff_left``, which
#: stops the drafts they shared with the organisation's managers being shared, so that a
#: former manager sees nothing of their work (issue 15).
staff_left: Hook[Callable[..., None]] = Hook("what else ends when someone leaves an employer")
