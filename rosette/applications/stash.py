"""Text saved after the session ended, kept in the (new, anonymous) session until the learner
signs in again (DESIGN rule 17), and nothing beyond that.

The session is outside input like any other: a signed-out POST is kept only when it carries the
``keep`` token the evidence page gave the learner (signed, naming the draft and its learner),
only for a draft that learner could still edit, only the evidence form's own fields, and only
when the form would accept them. At most ``MAX_DRAFTS`` drafts are kept, for ``MAX_AGE_SECONDS``;
they are restored only to the learner they belong to, and dropped when anyone else signs in
on the same browser.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, QueryDict

from rosette.applications import services
from rosette.applications.forms import EvidenceForm
from rosette.applications.models import Application

SESSION_KEY = "rosette:draft-stash"
MAX_DRAFTS = 3
MAX_AGE_SECONDS = 3 * 24 * 60 * 60
MAX_CHARS = 300_000  # of one draft's text; a whole badge's evidence is far less
_SALT = "rosette.applications.keep"


def token_for(application: Application) -> str:
    """The proof, put in the evidence form, that this page was served to the draft's learner."""
    return signing.dumps([str(application.public_id), application.learner_id], salt=_SALT)


def _live(entries: Any, *, user_id: int | None = None) -> dict[str, dict[str, Any]]:
    """The entries still worth keeping (and, given a user, only theirs)."""
    if not isinstance(entries, dict):
        return {}
    now = time.time()
    return {
        key: entry
        for key, entry in entries.items()
        if isinstance(entry, dict)
        and now - float(entry.get("at", 0)) < MAX_AGE_SECONDS
        and (user_id is None or entry.get("user") == user_id)
    }


def keep(request: HttpRequest, *, public_id: Any) -> bool:
    """Keep a signed-out save of a draft, if it is one its learner could open. True if kept."""
    try:
        draft_id, learner_id = signing.loads(
            request.POST.get("keep", ""), salt=_SALT, max_age=settings.SESSION_COOKIE_AGE
        )
    except (signing.BadSignature, ValueError, TypeError):
        return False
    if draft_id != str(public_id):
        return False
    application = (
        Application.objects.select_related("version")
        .filter(
            public_id=draft_id,
            learner_id=learner_id,
            status__in=Application.EDITABLE_STATUSES,
        )
        .first()
    )
    if application is None:
        return False
    form = EvidenceForm(
        request.POST, version=application.version, attempt=services.current_attempt(application)
    )
    for name in [n for n in form.fields if n.startswith("media-")]:
        del form.fields[name]  # files are never kept
    if not form.is_valid():
        return False
    data = {name: request.POST.getlist(name) for name in form.fields if name in request.POST}
    if sum(len(value) for values in data.values() for value in values) > MAX_CHARS:
        return False
    entries = _live(request.session.get(SESSION_KEY))
    entries.pop(draft_id, None)
    entries[draft_id] = {"at": time.time(), "user": learner_id, "data": data}
    newest = sorted(entries.items(), key=lambda item: item[1]["at"])[-MAX_DRAFTS:]
    request.session[SESSION_KEY] = dict(newest)
    return True


def take(request: HttpRequest, application: Application) -> QueryDict | None:
    """The kept save of this draft for its signed-in learner, removed from the session. Kept
    saves of anyone else are dropped."""
    if SESSION_KEY not in request.session:
        return None
    entries = _live(request.session[SESSION_KEY], user_id=request.user.pk)
    entry = entries.pop(str(application.public_id), None)
    if entries:
        request.session[SESSION_KEY] = entries
    else:
        del request.session[SESSION_KEY]
    if entry is None or application.learner_id != request.user.pk:
        return None
    query = QueryDict(mutable=True)
    for key, values in entry["data"].items():
        query.setlist(key, values)
    return query
