"""Forms of manager review: the learner's invitation, the reviewer's comments, follow-ups."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rosette import privacy
from rosette.applications.models import Review
from rosette.applications.review import CHECKLIST, MAX_COMMENT_CHARS
from rosette.catalogue.models import Question
from rosette.core.forms import DesignSystemForm


class InviteForm(DesignSystemForm):
    email = forms.EmailField(
        label=_("Email address of your manager or tutor"),
        help_text=_(
            "We will send them a link. They need an account with this email address to read "
            "your draft."
        ),
        max_length=254,
        error_messages={
            "required": _("Enter the email address of your manager or tutor"),
            "invalid": _("Enter an email address in the correct format, like name@example.org"),
        },
    )
    share_with_issuer = forms.BooleanField(
        label=_("Share their comments with the badge issuer"),
        help_text=_(
            "The assessor will see their comments and whether they thought your draft was "
            "ready. This is your choice."
        ),
        required=False,
    )


def comment_field_name(question: Question) -> str:
    return f"comment-{question.id}"


class ReviewForm(DesignSystemForm):
    """A comment per question, the checklist of DESIGN rule 10, an overall note, a verdict."""

    ds_mark_optional = True

    checklist = forms.MultipleChoiceField(
        label=_("Checklist"),
        help_text=_("Tick what the draft does. Your comments can say what is missing."),
        choices=CHECKLIST,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    overall_note = forms.CharField(
        label=_("Your overall comments"),
        required=False,
        max_length=MAX_COMMENT_CHARS,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": _("Keep your comments under 10,000 characters.")},
    )
    verdict = forms.ChoiceField(
        label=_("Is the draft ready to submit?"),
        choices=Review.Verdict.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Say whether the draft is ready to submit or needs work."),
            "invalid_choice": _("Say whether the draft is ready to submit or needs work."),
        },
    )

    privacy_reason = forms.CharField(
        label=_("If none of this identifies anyone, say why"),
        help_text=_(
            "Your comments reach the learner, and the assessor if the learner shares them."
        ),
        required=False,
        max_length=300,
    )

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.has_findings = False
        comment_fields = {}
        for question in questions:
            comment_fields[comment_field_name(question)] = forms.CharField(
                label=_("Your comment on question %(n)s") % {"n": question.position},
                required=False,
                max_length=MAX_COMMENT_CHARS,
                widget=forms.Textarea(attrs={"rows": 4}),
                error_messages={"max_length": _("Keep your comment under 10,000 characters.")},
            )
        # Comments first, so the error summary follows the page.
        self.fields = {**comment_fields, **self.fields}

    @classmethod
    def initial_for(cls, review: Review) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "checklist": review.checklist,
            "overall_note": review.overall_note,
            "verdict": review.verdict or None,
        }
        for comment in review.comments.all():
            initial[f"comment-{comment.question_id}"] = comment.text
        return initial

    def clean(self) -> dict[str, Any]:
        """Comments that could identify someone are shown back, where they are and why, to be
        changed or explained (privacy_reason) before they are sent."""
        data = super().clean() or {}
        names = [comment_field_name(q) for q in self.questions] + ["overall_note"]
        explained = bool(data.get("privacy_reason", "").strip())
        for name in names:
            text = data.get(name) or ""
            findings = privacy.unexplained(text) if len(text) <= MAX_COMMENT_CHARS else []
            if findings:
                self.has_findings = True
                if not explained:
                    for finding in findings:
                        self.add_error(name, privacy.describe(text, finding))
        if self.has_findings and not explained:
            self.add_error(
                "privacy_reason",
                _("Change what could identify someone, or say why it does not."),
            )
        return data

    def comments(self) -> dict[int, str]:
        return {q.id: self.cleaned_data.get(comment_field_name(q), "") for q in self.questions}


class FollowUpForm(DesignSystemForm):
    ds_mark_optional = False

    done = forms.BooleanField(label=_("Done: this has happened"), required=False)
    note = forms.CharField(
        label=_("Your note"),
        help_text=_("Optional. For example, what you talked about in supervision."),
        required=False,
        max_length=MAX_COMMENT_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Keep your note under 10,000 characters.")},
    )


class DiscussionForm(DesignSystemForm):
    """The discussion task as the learner records it (rule 18)."""

    participants = forms.CharField(
        label=_("Who took part"),
        help_text=_(
            "Their roles, or their names if they agree: for example “my manager and two "
            "colleagues”."
        ),
        max_length=300,
        error_messages={"required": _("Say who took part")},
    )
    held_on = forms.DateField(
        label=_("When it took place"),
        help_text=_("For example, 24/11/2026"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d", "%d %m %Y"],
        error_messages={
            "required": _("Enter the date of the discussion"),
            "invalid": _("Enter a date like 24/11/2026"),
        },
    )
    agreed = forms.CharField(
        label=_("What you agreed"),
        help_text=_("How you will apply the learning in your work."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5_000,
        error_messages={"required": _("Say what you agreed")},
    )
    show_on_award = forms.BooleanField(
        label=_("Show the confirmed discussion on my award page, if I am awarded the badge"),
        required=False,
    )
    confirmer_email = forms.EmailField(
        label=_("Email address of someone who took part, to confirm it"),
        help_text=_("A colleague, your manager or your tutor. We will ask them to confirm it."),
        required=False,
        max_length=254,
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.org"),
        },
    )
