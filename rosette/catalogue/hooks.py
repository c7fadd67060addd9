"""What the catalogue asks of the apps above it (docs/adr/0012-layers.md).

The catalogue knows nothing of who applies or who holds a badge, yet a badge page says whether
you hold it, how far you are towards its pathways, offers to continue your application and links
to the toolkit's online handouts: the awards, applications and toolkits apps answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rosette.core.hooks import Hook

#: ``award_statuses(user=) -> dict[int, str]``: for each badge a signed-in person has an award of
#: (not revoked), its status: ``"active"`` (held now) or ``"suspended"`` (does not count).
#: Answered by ``rosette.awards.selectors.award_statuses_of``.
award_statuses: Hook[Callable[..., dict[int, str]]] = Hook("which badges does this person hold")

#: ``open_application(user=, badge=) -> Application | None``: the signed-in person's open
#: application for the badge. Answered by ``rosette.applications.selectors.open_application_for``.
open_application: Hook[Callable[..., Any]] = Hook("this person's open application for a badge")

#: ``pathway_progress_html(user=, badge=) -> str``: for a signed-in viewer, "3 of 8 towards …"
#: for the pathways the badge belongs to (or the badge itself, if a pathway), as HTML. Answered
#: by ``rosette.awards.selectors.pathway_progress_html``.
pathway_progress_html: Hook[Callable[..., str]] = Hook("how far is this person towards pathways")

#: ``guide_links_html(badge=) -> str``: links to complete the badge's handouts online, as HTML.
#: Answered by ``rosette.toolkits.selectors.guide_links_html``.
guide_links_html: Hook[Callable[..., str]] = Hook("which toolkit guides go with this badge")
