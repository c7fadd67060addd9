from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rosette.applications.models import Attempt
from rosette.applications.services import MAX_ANSWER_CHARS, DraftInput
from rosette.catalogue.models import BadgeVersion
from rosette.core.forms import DesignSystemForm


class HttpUrlField(forms.URLField):
    """A link to the learner's own blog or portfolio: http or https only."""

    default_error_messages = {"invalid": _("Enter a web address starting with https://")}

    def to_python(self, value: Any) -> str:
        value = super().to_python(value)
        if value and not value.lower().startswith(("http://", "https://")):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return str(value)


def _key(question_id: int | None) -> str:
    return "whole" if question_id is None else str(question_id)


class EvidenceForm(DesignSystemForm):
    """The evidence form: one text per question, and where the badge allows, a link or a
    recording (with its transcript) per question or for the whole statement."""

    ds_mark_optional = False  # every field is optional while drafting; submission checks

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    editor = forms.CharField(widget=forms.HiddenInput, max_length=32, required=False)
    intended_actions = forms.CharField(
        label=_("What will you do differently in your practice?"),
        help_text=_(
            "Optional. If you share your draft with your manager or tutor, they can follow "
            "this up with you once your badge is awarded."
        ),
        required=False,
        max_length=MAX_ANSWER_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("This is too long: keep it under 50,000 characters.")},
    )

    def __init__(self, *args: Any, version: BadgeVersion, attempt: Attempt, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.version = version
        self.question_ids: list[int | None] = []
        for question in version.questions.all():
            self.question_ids.append(question.id)
            if not version.allow_text:  # the issuer takes a link or a recording only
                self._alternatives(question.id)
                continue
            self.fields[f"text-{question.id}"] = forms.CharField(
                # The heading above already shows "Question n"; the label shows the question,
                # and says its number only to those who reach the field without the heading.
                label=format_html(
                    '<span class="visually-hidden">{} </span>{}',
                    _("Question %(n)s:") % {"n": question.position},
                    question.prompt,
                ),
                help_text=(
                    _("At least %(n)s words.") % {"n": question.min_words}
                    if question.min_words
                    else ""
                ),
                required=False,
                max_length=MAX_ANSWER_CHARS,
                widget=forms.Textarea(
                    attrs={"rows": 10, "data-min-words": question.min_words, "spellcheck": "true"}
                ),
                error_messages={
                    "max_length": _("This answer is too long: keep it under 50,000 characters.")
                },
            )
            self._alternatives(question.id)
        self.question_ids.append(None)
        self._alternatives(None)

    def place(self, question_id: int | None) -> str:
        """Where an answer is, in the words of the page: "Question 2", "Your whole statement"."""
        for question in self.version.questions.all():
            if question.id == question_id:
                return str(_("Question %(n)s") % {"n": question.position})
        return str(_("Your whole statement"))

    def _alternatives(self, question_id: int | None) -> None:
        key = _key(question_id)
        whole = question_id is None
        if self.version.allow_media:
            self.fields[f"media-{key}"] = forms.FileField(
                label=_("Upload an audio or video recording")
                if not whole
                else _("Upload an audio or video recording of your whole statement"),
                help_text=_("MP3, M4A, OGG, WAV, MP4 or MOV."),
                required=False,
            )
            self.fields[f"transcript-{key}"] = forms.CharField(
                label=_("Transcript of your recording"),
                help_text=_(
                    "Type what you say in the recording, so people who cannot hear it can "
                    "read it. It counts towards your words."
                ),
                required=False,
                max_length=MAX_ANSWER_CHARS,
                widget=forms.Textarea(attrs={"rows": 5}),
                error_messages={
                    "max_length": _("This transcript is too long: keep it under 50,000 characters.")
                },
            )
        if self.version.allow_link:
            self.fields[f"link-{key}"] = HttpUrlField(
                label=_("Link to your whole statement on your blog or portfolio")
                if whole
                else _("Or give a link to your answer on your blog or portfolio instead"),
                help_text=_("Make sure anyone with the link can read it."),
                required=False,
                max_length=500,
                assume_scheme="https",
            )

    def draft(self) -> DraftInput:
        data = self.cleaned_data
        texts: dict[int | None, str] = {
            q: data.get(f"text-{q}", "") for q in self.question_ids if q is not None
        }
        links = {q: data.get(f"link-{_key(q)}", "") for q in self.question_ids}
        transcripts = {q: data.get(f"transcript-{_key(q)}", "") for q in self.question_ids}
        if not self.version.allow_link:
            links = {}
        if not self.version.allow_media:
            transcripts = {}
        return DraftInput(
            texts=texts,
            links=links,
            transcripts=transcripts,
            intended_actions=data.get("intended_actions", ""),
            editor=data.get("editor", ""),
        )

    def media_uploads(self) -> dict[int | None, Any]:
        return {
            q: self.cleaned_data[f"media-{_key(q)}"]
            for q in self.question_ids
            if self.cleaned_data.get(f"media-{_key(q)}")
        }

    @staticmethod
    def initial_for(attempt: Attempt) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "revision": attempt.revision,
            "editor": uuid.uuid4().hex,  # a new id for each page the form is shown on
            "intended_actions": attempt.intended_actions,
        }
        for answer in attempt.answers.all():
            key = _key(answer.question_id)
            if answer.question_id is not None:
                initial[f"text-{key}"] = answer.text
            initial[f"link-{key}"] = answer.link
            initial[f"transcript-{key}"] = answer.transcript
        return initial


class AttachmentForm(DesignSystemForm):
    attachment_title = forms.CharField(
        label=_("What is this file?"),
        help_text=_("For example, “Completed Video chats handout”."),
        max_length=200,
        error_messages={"required": _("Say what the file is.")},
    )
    attachment = forms.FileField(
        label=_("Choose a file"),
        help_text=_("PDF, Word (DOCX), OpenDocument text (ODT), PNG or JPEG."),
        error_messages={"required": _("Choose a file to attach.")},
    )


class DeclarationForm(DesignSystemForm):
    declaration = forms.BooleanField(
        label=_("I confirm all of the above"),
        error_messages={"required": _("Confirm the declaration to submit.")},
    )
    ai_used = forms.TypedChoiceField(
        label=_("Did you use AI tools (such as ChatGPT or Copilot) to help write your evidence?"),
        # Gaelic answers with the verb ("Chleachd"), so the answer carries its question.
        choices=[
            ("no", pgettext_lazy("used AI tools", "No")),
            ("yes", pgettext_lazy("used AI tools", "Yes")),
        ],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether you used AI tools to write your evidence.")},
    )
    ai_use = forms.CharField(
        label=_("If yes, how did you use them?"),
        help_text=_("For example, to check spelling, or to suggest a structure."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    accept_decline = forms.BooleanField(
        label=_("I understand: if I submit now, my application is declined, with no feedback"),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("ai_used") and not (data.get("ai_use") or "").strip():
            self.add_error("ai_use", _("Say how you used AI tools."))
        return data

    def refuse_unconfirmed_decline(self) -> None:
        self.add_error(
            "accept_decline",
            _("Tick to confirm that you accept a decline, or go back and change your evidence."),
        )


class DismissFindingForm(DesignSystemForm):
    question = forms.CharField(widget=forms.HiddenInput)
    key = forms.CharField(widget=forms.HiddenInput, max_length=300)
    label = forms.CharField(widget=forms.HiddenInput, max_length=30)
    text = forms.CharField(widget=forms.HiddenInput, max_length=300)
    reason = forms.CharField(
        label=_("Why does this not identify anyone?"),
        max_length=300,
        error_messages={"required": _("Say why this does not identify anyone.")},
    )
