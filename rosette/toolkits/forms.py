"""Forms of the toolkit. Free text is screened for what could identify a person: a finding in
the setting's name is an error; anywhere else it is shown beside the field, where it is in the
text, with its reason, until the text changes or someone says why it does not identify anyone
(see selectors.unexplained_findings: the summary and PDF withhold it until then)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.utils.translation import gettext_lazy as _

from rosette import privacy
from rosette.core.forms import DesignSystemForm
from rosette.toolkits import selectors
from rosette.toolkits.models import ChecklistItem, RiskAssessment, RiskEntry
from rosette.toolkits.services import ChecklistInput, EntryInput

# Long enough for any answer, short enough to screen on every autosave.
MAX_TEXT = 10_000

LIKELIHOOD = [
    (1, _("1 – Rare")),
    (2, _("2 – Unlikely")),
    (3, _("3 – Possible")),
    (4, _("4 – Likely")),
    (5, _("5 – Almost certain")),
]
IMPACT = [
    (1, _("1 – Negligible")),
    (2, _("2 – Minor")),
    (3, _("3 – Moderate")),
    (4, _("4 – Major")),
    (5, _("5 – Severe")),
]


def privacy_warnings(text: str) -> list[str]:
    """What the screener found in ``text``, one line per finding, for a warning."""
    if not text:
        return []
    try:
        findings = privacy.screen(text)
    except privacy.TextTooLong:
        return []
    return [f"“{f.text}”: {f.reason}" for f in findings]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class SettingForm(DesignSystemForm):
    setting_kind = forms.ChoiceField(
        label=_("What are you assessing?"),
        choices=RiskAssessment.SettingKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what you are assessing")},
    )
    setting_name = forms.CharField(
        label=_("Name of the service, group or practice"),
        max_length=200,
        help_text=_(
            "For example “Tuesday video peer support group”. Describe it without naming or "
            "otherwise identifying anyone."
        ),
        error_messages={"required": _("Enter a name for the setting")},
    )
    setting_description = forms.CharField(
        label=_("About the setting"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Who uses it and how, in general terms."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_setting_name(self) -> str:
        name: str = self.cleaned_data["setting_name"].strip()
        warnings = privacy_warnings(name)
        if warnings:
            raise forms.ValidationError(
                [_("Describe the setting without identifying anyone."), *warnings]
            )
        return name

    def __init__(
        self, *args: Any, explained: frozenset[str] = frozenset(), explainable: bool = False,
        **kwargs: Any,
    ) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        self.explained = explained
        self.explainable = explainable  # only once the assessment exists

    def screened_description(self) -> Field:
        """The description with what the screener found in it (a warning, not an error)."""
        source = self.data if self.is_bound else self.initial
        text = str(source.get("setting_description", "") or "")[:MAX_TEXT]
        return Field.screened(
            self["setting_description"], text, self.explained, explainable=self.explainable
        )


@dataclass(frozen=True)
class Finding:
    """One finding, where it is in the text."""

    finding: privacy.Finding
    before: str
    match: str
    after: str


@dataclass(frozen=True)
class Field:
    """A bound field with what the privacy screener found in it and nobody explained."""

    field: BoundField
    findings: list[Finding]
    explainable: bool = True  # whether "This does not identify anyone" can be said here

    @classmethod
    def screened(
        cls, field: BoundField, text: str, explained: frozenset[str], *, explainable: bool = True
    ) -> Field:
        return cls(
            field=field,
            findings=[
                Finding(f, *privacy.in_context(text, f))
                for f in selectors.findings_in(text, explained)
            ],
            explainable=explainable,
        )

    @classmethod
    def plain(cls, field: BoundField) -> Field:
        return cls(field=field, findings=[])


@dataclass(frozen=True)
class RiskSection:
    entry: RiskEntry
    questions: list[Field]
    likelihood: Field
    impact: Field
    mitigation: Field
    role: Field
    review_by: Field


@dataclass(frozen=True)
class ChecklistRow:
    item: ChecklistItem
    done: Field
    notes: Field


class AssessmentForm(DesignSystemForm):
    """Everything a person writes in an assessment, on one page that saves as they go."""

    ds_mark_optional = False  # everything may wait while drafting; completing checks the rest
    version = forms.IntegerField(widget=forms.HiddenInput)
    screened_suffixes = ("_mitigation", "_role", "_notes")

    def __init__(self, *args: Any, assessment: RiskAssessment, **kwargs: Any) -> None:
        self.assessment = assessment
        self.explained = selectors.explained_keys(assessment)
        self.entries: list[RiskEntry] = list(assessment.entries.all())
        self.entries.sort(key=lambda e: e.risk.rank)
        self.items: list[ChecklistItem] = list(assessment.checklist.all())
        kwargs["initial"] = kwargs.get("initial") or self._initial()
        super().__init__(*args, **kwargs)
        for entry in self.entries:
            p = f"e{entry.pk}"
            for i, question in enumerate(entry.risk.question_items()):
                self.fields[f"{p}_q{i}"] = forms.CharField(
                    label=question,
                    required=False,
                    max_length=MAX_TEXT,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
            self.fields[f"{p}_likelihood"] = forms.TypedChoiceField(
                label=_("How likely is it in your setting?"),
                choices=[("", _("Not rated yet")), *LIKELIHOOD],
                coerce=int,
                empty_value=None,
                required=False,
            )
            self.fields[f"{p}_impact"] = forms.TypedChoiceField(
                label=_("How serious would it be?"),
                choices=[("", _("Not rated yet")), *IMPACT],
                coerce=int,
                empty_value=None,
                required=False,
            )
            self.fields[f"{p}_mitigation"] = forms.CharField(
                label=_("What will you do about it?"),
                required=False,
                max_length=MAX_TEXT,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
            self.fields[f"{p}_role"] = forms.CharField(
                label=_("Who is responsible?"),
                help_text=_("A role, not a name: for example “team leader”."),
                required=False,
                max_length=200,
            )
            self.fields[f"{p}_review"] = forms.DateField(
                label=_("Review by"),
                required=False,
                widget=DateInput(attrs={"class": "ds_input--fixed-10"}),
                error_messages={"invalid": _("Enter the review date as a real date")},
            )
        for item in self.items:
            self.fields[f"c{item.pk}_done"] = forms.BooleanField(label=_("Done"), required=False)
            self.fields[f"c{item.pk}_notes"] = forms.CharField(
                label=_("Notes"),
                required=False,
                max_length=MAX_TEXT,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def _initial(self) -> dict[str, Any]:
        initial: dict[str, Any] = {"version": self.assessment.version}
        for entry in self.entries:
            p = f"e{entry.pk}"
            for i, _question in enumerate(entry.risk.question_items()):
                initial[f"{p}_q{i}"] = entry.answers[i] if i < len(entry.answers) else ""
            initial[f"{p}_likelihood"] = entry.likelihood
            initial[f"{p}_impact"] = entry.impact
            initial[f"{p}_mitigation"] = entry.mitigation
            initial[f"{p}_role"] = entry.responsible_role
            initial[f"{p}_review"] = entry.review_by
        for item in self.items:
            initial[f"c{item.pk}_done"] = item.done
            initial[f"c{item.pk}_notes"] = item.notes
        return initial

    # --- what the page shows ----------------------------------------------------------------

    def _text(self, name: str) -> str:
        value = self.data.get(name) if self.is_bound else self.initial.get(name)
        return str(value or "")

    def _screened(self, name: str) -> bool:
        return name.endswith(self.screened_suffixes) or "_q" in name

    def wrapped(self, name: str) -> Field:
        if not self._screened(name):
            return Field.plain(self[name])
        return Field.screened(
            self[name], self._text(name)[:MAX_TEXT], self.explained.get(name, frozenset())
        )

    def sections(self) -> list[RiskSection]:
        sections = []
        for entry in self.entries:
            p = f"e{entry.pk}"
            sections.append(
                RiskSection(
                    entry=entry,
                    questions=[
                        self.wrapped(f"{p}_q{i}") for i in range(len(entry.risk.question_items()))
                    ],
                    likelihood=self.wrapped(f"{p}_likelihood"),
                    impact=self.wrapped(f"{p}_impact"),
                    mitigation=self.wrapped(f"{p}_mitigation"),
                    role=self.wrapped(f"{p}_role"),
                    review_by=self.wrapped(f"{p}_review"),
                )
            )
        return sections

    def checklist(self, kind: str) -> list[ChecklistRow]:
        return [
            ChecklistRow(
                item=item,
                done=self.wrapped(f"c{item.pk}_done"),
                notes=self.wrapped(f"c{item.pk}_notes"),
            )
            for item in self.items
            if item.kind == kind
        ]

    def screened_fields(self) -> list[Field]:
        """Every field the screener reads, for the autosave response's warnings."""
        return [self.wrapped(name) for name in self.fields if self._screened(name)]

    # --- what the service takes -------------------------------------------------------------

    def entry_inputs(self) -> dict[int, EntryInput]:
        data = self.cleaned_data
        inputs = {}
        for entry in self.entries:
            p = f"e{entry.pk}"
            review: datetime.date | None = data.get(f"{p}_review")
            inputs[entry.pk] = EntryInput(
                answers=[
                    data.get(f"{p}_q{i}", "") for i in range(len(entry.risk.question_items()))
                ],
                likelihood=data.get(f"{p}_likelihood"),
                impact=data.get(f"{p}_impact"),
                mitigation=data.get(f"{p}_mitigation", ""),
                responsible_role=data.get(f"{p}_role", ""),
                review_by=review,
            )
        return inputs

    def checklist_inputs(self) -> dict[int, ChecklistInput]:
        data = self.cleaned_data
        return {
            item.pk: ChecklistInput(
                done=bool(data.get(f"c{item.pk}_done")), notes=data.get(f"c{item.pk}_notes", "")
            )
            for item in self.items
        }

    def differences_from(self, saved: AssessmentForm) -> list[tuple[str, str]]:
        """Fields where what this person wrote differs from what is saved now: (label, saved
        value), to show beside their text after a refused save."""
        differences = []
        for name, field in self.fields.items():
            if name == "version":
                continue
            mine = self.cleaned_data.get(name) if hasattr(self, "cleaned_data") else None
            theirs = saved.initial.get(name)
            if (mine or None) != (theirs or None):
                shown = theirs
                if isinstance(field, forms.TypedChoiceField) and theirs:
                    scale = LIKELIHOOD if name.endswith("_likelihood") else IMPACT
                    shown = dict(scale).get(theirs, theirs)
                elif isinstance(field, forms.BooleanField):
                    shown = _("ticked") if theirs else _("not ticked")
                differences.append((str(field.label), str(shown or _("(empty)"))))
        return differences


class ShareForm(DesignSystemForm):
    organisation = forms.TypedChoiceField(
        label=_("Organisation"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("The employer this assessment belongs to, if any."),
    )
    with_managers = forms.BooleanField(
        label=_("Share it with the organisation's managers"),
        required=False,
        help_text=_("Managers can read it, the heat map and the action plan; they cannot edit."),
    )

    def __init__(self, *args: Any, organisations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisations = {o.pk: o for o in organisations}
        field = self.fields["organisation"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("None (keep it to yourself)"))] + [
            (o.pk, o.name) for o in organisations
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("with_managers") and not data.get("organisation"):
            self.add_error("organisation", _("Select the organisation whose managers may read it"))
        return data


class InviteForm(DesignSystemForm):
    email = forms.EmailField(
        label=_("Colleague’s email address"),
        help_text=_("They must be a member of the same organisation on Rosette."),
        error_messages={
            "required": _("Enter your colleague’s email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.org"),
        },
    )
