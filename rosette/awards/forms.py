from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rosette.awards.models import Award, Endorsement, Evidence
from rosette.awards.services import evidence_findings
from rosette.core.forms import DesignSystemForm

MESSAGE_MAX = 2000
MESSAGE_MIN = 20
HONEYPOT = "website"  # a field people never see; a bot that fills it is thanked and ignored


def evidence_label(item: Evidence) -> str:
    if item.contribution is not None:
        return _("Badge: %(name)s") % {"name": item.contribution.badge.name}
    if item.attachment is not None:
        return _("File: %(title)s") % {"title": item.attachment.title}
    answer = item.answer
    assert answer is not None
    if answer.question is None:
        label = str(_("Your statement"))
    else:
        label = _("Question %(n)s: %(prompt)s") % {
            "n": answer.question.position,
            "prompt": answer.question.prompt[:120],
        }
    findings = evidence_findings(answer)
    if findings:
        label += " " + _("(could identify someone: %(found)s – check before you show it)") % {
            "found": ", ".join(f"“{f.text}”" for f in findings[:3])
        }
    return label


class AwardSettingsForm(DesignSystemForm):
    visibility = forms.ChoiceField(
        label=_("Who can see this award page?"),
        choices=Award.Visibility.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who can see this award page.")},
        help_text=_(
            "“Anyone with the link” keeps the page out of search engines. A private page "
            "cannot be shared or endorsed."
        ),
    )
    name_display = forms.ChoiceField(
        label=_("How should your name be shown?"),
        choices=Award.NameDisplay.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how your name is shown.")},
    )
    endorsements_open = forms.BooleanField(
        label=_("Let people who see the page leave an endorsement"), required=False
    )
    shown = forms.MultipleChoiceField(
        label=_("Evidence shown on the page"),
        help_text=_("Untick evidence to hide it from everyone but you. You can show it again."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, evidence: list[Evidence], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ds_mark_optional = False
        items = [e for e in evidence if e.withdrawn_at is None]
        shown = self.fields["shown"]
        assert isinstance(shown, forms.MultipleChoiceField)
        shown.choices = [(str(e.public_id), evidence_label(e)) for e in items]
        self.evidence_ids = {str(e.public_id) for e in items}
        if not items:
            del self.fields["shown"]

    def hidden_evidence(self) -> set[str]:
        return self.evidence_ids - set(self.cleaned_data.get("shown") or [])


class EndorsementForm(DesignSystemForm):
    name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        error_messages={
            "required": _("Enter your name."),
            "max_length": _("Enter a name of 100 characters or fewer."),
        },
    )
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("We send you a link to confirm it. It is never shown on the page."),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address like name@example.org."),
        },
    )
    relationship = forms.ChoiceField(
        label=_("How do you know them?"),
        choices=Endorsement.Relationship.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you know them.")},
    )
    message = forms.CharField(
        label=_("Your endorsement"),
        help_text=_(
            "How have they put their learning into practice, and what difference has it made? "
            "Do not name or describe anyone who uses the service. Up to %(n)s characters."
        )
        % {"n": MESSAGE_MAX},
        min_length=MESSAGE_MIN,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Write your endorsement."),
            "min_length": _("Write at least %(limit_value)d characters."),
            "max_length": _(
                "Your endorsement is %(show_value)d characters: shorten it to %(limit_value)d."
            ),
        },
    )

    def clean_message(self) -> str:
        message = str(self.cleaned_data["message"])
        # Control characters have no place in a message (and can hide things from readers).
        return "".join(c for c in message if c in "\n\t" or c.isprintable())


class ManagerEndorsementForm(DesignSystemForm):
    message = EndorsementForm.base_fields["message"]


class EndorsementDecisionForm(DesignSystemForm):
    decision = forms.ChoiceField(
        label=_("Publish this endorsement on your award page?"),
        choices=[("publish", _("Publish it")), ("hide", _("Hide it"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to publish or hide it.")},
    )
    dismiss_reason = forms.CharField(
        label=_("If it could identify someone: why it does not"),
        help_text=_("Only needed when we found something that could identify a person."),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AwardStatusForm(DesignSystemForm):
    action = forms.ChoiceField(
        label=_("What do you want to do?"),
        choices=[
            ("suspend", _("Suspend it (it can be restored)")),
            ("revoke", _("Revoke it (this is final)")),
            ("restore", _("Restore it")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what to do.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("The award page shows it, and the learner is told."),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") in ("suspend", "revoke") and not str(data.get("reason", "")).strip():
            self.add_error("reason", _("Give a reason: the award page shows it."))
        return data


class EndorsementRuleForm(DesignSystemForm):
    days = forms.IntegerField(
        label=_("Days to get a manager's endorsement"),
        help_text=_("Leave empty if this badge does not need one."),
        required=False,
        min_value=1,
        max_value=730,
        error_messages={
            "min_value": _("Enter a number of days of 1 or more."),
            "max_value": _("Enter a number of days of 730 or fewer."),
            "invalid": _("Enter a whole number of days."),
        },
    )
