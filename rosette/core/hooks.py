"""Hooks: how an app answers a question for an app below it (docs/adr/0012-layers.md).

Lower apps never import higher ones. Where a lower app needs something only a higher one knows
(the badge page says whether you hold the badge; an award is followed by its credential), the
lower app declares a ``Hook`` in its ``hooks.py`` and calls it; the higher app connects one
function to it in its ``AppConfig.ready()``. A hook nobody answers fails loudly instead of
quietly doing nothing, and a test proves every app's hooks are answered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from django.core.exceptions import ImproperlyConfigured

F = TypeVar("F", bound=Callable[..., Any])


class Hook(Generic[F]):
    """One question a lower app asks and exactly one higher app answers."""

    def __init__(self, question: str) -> None:
        self.question = question
        self._answer: F | None = None

    def __repr__(self) -> str:
        return f"<Hook: {self.question}>"

    def connect(self, answer: F) -> None:
        """Answer the hook with a function (the same function again is fine, another is not)."""
        if self._answer is not None and self._answer is not answer:
            raise ImproperlyConfigured(f"Two functions answer the hook: {self.question}.")
        self._answer = answer

    @property
    def connected(self) -> bool:
        return self._answer is not None

    @property
    def call(self) -> F:
        """The connected function, to call with the hook's arguments."""
        if self._answer is None:
            raise ImproperlyConfigured(f"No installed app answers the hook: {self.question}.")
        return self._answer


# --- core's own hooks ----------------------------------------------------------------------------

#: ``holds_role(user=, role=) -> bool`` for the role rules of ``rosette.core.access.Rule``
#: (manager, assessor, issuer admin, site admin). Answered by ``rosette.accounts.roles.holds``:
#: roles are read from the teams and the catalogue, which sit above core.
holds_role: Hook[Callable[..., bool]] = Hook("does this person hold the role an access rule names")
