"""allauth's sign-in and sign-up forms in Rosette's words (ACCOUNT_FORMS).

Kept apart from ``forms.py``: allauth's forms module imports ``forms.SignupForm`` (the
ACCOUNT_SIGNUP_FORM_CLASS) while it loads, so subclassing its forms there would be a cycle.
"""

from __future__ import annotations

from typing import Any

from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

# allauth's own words on our sign-in and sign-up pages. allauth has no Gaelic catalogue, so
# they are named here for makemessages to put them in ours (docs/TRANSLATION.md).
ALLAUTH_WORDS = [
    gettext_noop("Forgot your password?"),
    gettext_noop("The email address and/or password you specified are not correct."),
    gettext_noop("Too many failed login attempts. Try again later."),
    gettext_noop("A user is already registered with this email address."),
    gettext_noop("You must type the same password each time."),
    gettext_noop("Sign Out"),
    gettext_noop("Are you sure you want to sign out?"),
]


class LoginForm(AllauthLoginForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "remember" in self.fields:
            self.fields["remember"].label = _("Remember me")


class SignupForm(AllauthSignupForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Rule 16: badges belong to the learner and go with them from employer to employer.
        self.fields["email"].help_text = _(
            "Use a personal email address you will keep if you change job: your badges and "
            "your account stay yours. You can add a work address later."
        )
