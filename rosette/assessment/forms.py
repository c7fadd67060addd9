from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rosette import privacy
from rosette.assessment.models import (
    AssessmentSettings,
    Decision,
    DeclineReason,
    Moderation,
    QuestionRubric,
)
from rosette.core.forms import DesignSystemForm, DesignSystemModelForm

FEEDBACK_MAX = 5000


class DecisionForm(DesignSystemForm):
    """Scores per question, feedback per question, and the decision. Which of them a decision
    needs is a rule of assessment, checked by ``services.decision_record``. So no field is
    marked "(optional)": a decline needs its reason, a return its feedback; each label or hint
    says when it is needed, and only the note is truly optional."""

    ds_mark_optional = False

    outcome = forms.ChoiceField(
        label=_("Your decision"),
        choices=Decision.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a decision.")},
    )
    reason = forms.ChoiceField(
        label=_("If you decline it, why?"),
        help_text=_(
            "Needed if you decline it. Recorded for the issuer: the learner is not given feedback."
        ),
        required=False,
    )
    note = forms.CharField(
        label=_("Note for the issuer (optional)"),
        help_text=_("Never shown to the learner."),
        required=False,
        max_length=FEEDBACK_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    privacy_reason = forms.CharField(
        label=_("If none of this feedback identifies anyone, say why"),
        required=False,
        max_length=300,
    )

    def __init__(
        self,
        *args: Any,
        question_rubrics: Sequence[QuestionRubric],
        reasons: Sequence[DeclineReason],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.question_rubrics = list(question_rubrics)
        for qr in self.question_rubrics:
            n = qr.question.position
            self.fields[f"score-{qr.question_id}"] = forms.TypedChoiceField(
                label=_("Score for question %(n)s") % {"n": n},
                choices=[(b.score, f"{b.label} ({b.score})") for b in qr.bands.all()],
                coerce=int,
                required=False,
                widget=forms.RadioSelect(attrs={"class": "inline"}),
            )
            self.fields[f"feedback-{qr.question_id}"] = forms.CharField(
                label=_("Feedback on question %(n)s") % {"n": n},
                help_text=_("Needed if you return the application; the learner reads it."),
                required=False,
                max_length=FEEDBACK_MAX,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        self.fields["feedback-whole"] = forms.CharField(
            label=_("Feedback on the application as a whole"),
            required=False,
            max_length=FEEDBACK_MAX,
            widget=forms.Textarea(attrs={"rows": 4}),
        )
        reason_field = self.fields["reason"]
        assert isinstance(reason_field, forms.ChoiceField)
        reason_field.choices = [("", _("Choose a reason")), *[(r.slug, r.label) for r in reasons]]
        # The decision comes last in the form, after the scores and feedback.
        for name in ("privacy_reason", "outcome", "reason", "note"):
            self.fields[name] = self.fields.pop(name)
        self.has_findings = False

    def clean(self) -> dict[str, Any]:
        """Feedback that could identify someone is shown back, where it is and why, to be
        changed or explained (privacy_reason) before the learner gets it."""
        data = super().clean() or {}
        explained = bool(data.get("privacy_reason", "").strip())
        for name in [f"feedback-{qr.question_id}" for qr in self.question_rubrics] + [
            "feedback-whole"
        ]:
            text = data.get(name) or ""
            findings = privacy.unexplained(text) if len(text) <= FEEDBACK_MAX else []
            if findings:
                self.has_findings = True
                if not explained:
                    for finding in findings:
                        self.add_error(name, privacy.describe(text, finding))
        if self.has_findings and not explained:
            self.add_error(
                "privacy_reason", _("Change what could identify someone, or say why it does not.")
            )
        return data

    def scores(self) -> dict[int, int]:
        return {
            qr.question_id: self.cleaned_data[f"score-{qr.question_id}"]
            for qr in self.question_rubrics
            if self.cleaned_data.get(f"score-{qr.question_id}") not in (None, "")
        }

    def feedback(self) -> dict[str, str]:
        given = {
            str(qr.question_id): self.cleaned_data.get(f"feedback-{qr.question_id}", "")
            for qr in self.question_rubrics
        }
        given["whole"] = self.cleaned_data.get("feedback-whole", "")
        return given


class ReassignForm(DesignSystemForm):
    assessor = forms.ChoiceField(
        label=_("Reassign to"), error_messages={"required": _("Choose an assessor.")}
    )

    def __init__(self, *args: Any, assessors: Sequence[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = {str(p.public_id): p for p in assessors}
        field = self.fields["assessor"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Choose an assessor"))] + [
            (key, p.name or p.email) for key, p in self.people.items()
        ]

    def person(self) -> Any:
        return self.people[self.cleaned_data["assessor"]]


class ModerationForm(DesignSystemForm):
    outcome = forms.ChoiceField(
        label=_("Do you agree with the decision?"),
        choices=Moderation.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether you agree with the decision.")},
    )
    note = forms.CharField(
        label=_("Your note"),
        help_text=_("Needed if you disagree. Issuer admins read it."),
        required=False,
        max_length=FEEDBACK_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("outcome") == Moderation.Outcome.DISAGREE and not data.get("note", "").strip():
            self.add_error("note", _("Say why you disagree."))
        return data


class SettingsForm(DesignSystemModelForm):
    class Meta:
        model = AssessmentSettings
        fields = ["claim_minutes", "moderation_percent", "moderated_by", "reminder_days_left"]
        widgets = {"moderated_by": forms.RadioSelect}
        error_messages = {
            "claim_minutes": {
                "required": _("Enter how many minutes a claim lasts."),
                "min_value": _("A claim lasts at least 5 minutes."),
                "invalid": _("Enter a whole number of minutes."),
            },
            "moderation_percent": {
                "required": _("Enter the share of decisions to moderate."),
                "max_value": _("Enter a percentage from 0 to 100."),
                "invalid": _("Enter a whole number from 0 to 100."),
            },
            "reminder_days_left": {
                "required": _("Enter how many days before the due date to remind admins."),
                "invalid": _("Enter a whole number of days."),
            },
        }
