"""What awards ask of the apps above them (docs/adr/0012-layers.md).

Credentials are built from awards, so awards cannot import them; yet an award is followed by its
credential, and a suspended, revoked or restored award must say so in its status list. The
credentials app answers both (``CredentialsConfig.ready``).
"""

from __future__ import annotations

from collections.abc import Callable

from rosette.core.hooks import Hook

#: ``issue_credential(award=)``: issue the award's credentials once the transaction commits.
#: Answered by ``rosette.credentials.tasks.credential_issue_later``.
issue_credential: Hook[Callable[..., object]] = Hook("issue the credentials of a new award")

#: ``sync_credential_status(award=)``: make the award's credential status say what its status
#: says, inside the transaction. Answered by
#: ``rosette.credentials.services.credential_status_sync``.
sync_credential_status: Hook[Callable[..., object]] = Hook(
    "bring an award's credential status up to date"
)
