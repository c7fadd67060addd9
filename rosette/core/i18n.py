"""Which pages are whole in which language, and what the others do (docs/TRANSLATION.md).

A page is offered in Gaelic only when every sentence it shows is translated: a reader who chose
Gaelic must never meet a sentence half in one language and half in the other. Every other page
is shown in English, with one notice, in Gaelic, saying that it is not yet translated.

A page is named by its URL name with namespace (`request.resolver_match.view_name`), so this
module names the pages of other apps without importing them (core imports no Rosette app).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

# The language pages fall back to.
FALLBACK_LANGUAGE = "en-gb"

# The learner's journey, translated in full into each language below. A POST endpoint that
# redirects is listed too: the message it leaves for the next page is in the reader's language.
LEARNER_JOURNEY = frozenset(
    {
        # Home and the catalogue
        "home:landing",
        "home:home",
        "catalogue:badge_list",
        "catalogue:badge_detail",
        # Signing up and in (templates/account/ overrides allauth's pages)
        "account_login",
        "account_signup",
        "account_logout",
        "account_reset_password",
        "account_email_verification_sent",
        "account_confirm_email",
        # Writing, checking and submitting evidence; the application afterwards
        "applications:start",
        "applications:edit",
        "applications:autosave",
        "applications:check",
        "applications:submit",
        "applications:detail",
        "applications:withdraw",
        "applications:dismiss_finding",
        "applications:media_remove",
        "applications:attachment_remove",
        # The learner's badges and an award's page
        "awards:mine",
        "awards:award_detail",
    }
)

TRANSLATED_PAGES: dict[str, frozenset[str]] = {"gd": LEARNER_JOURNEY}


def is_translated(view_name: str, language: str) -> bool:
    """Whether the page `view_name` is whole in `language` (every page is whole in English)."""
    if language.split("-")[0] == FALLBACK_LANGUAGE.split("-")[0]:
        return True
    return view_name in TRANSLATED_PAGES.get(language, frozenset())


class UntranslatedPageMiddleware:
    """After LocaleMiddleware: a page not whole in the chosen language is served in English.

    `request.untranslated_language` keeps the reader's choice, so that base.html can say once,
    in that language, that this page is not yet translated, and the language switch still shows
    what they chose. Pages that resolve to no view (404) keep the chosen language: the error
    pages are translated.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponse],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> None:
        language = translation.get_language() or settings.LANGUAGE_CODE
        match = request.resolver_match
        if match is None or is_translated(match.view_name, language):
            return
        request.untranslated_language = language  # type: ignore[attr-defined]  # read by base.html
        translation.activate(FALLBACK_LANGUAGE)
        request.LANGUAGE_CODE = FALLBACK_LANGUAGE
