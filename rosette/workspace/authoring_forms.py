"""Forms of badge authoring. They check input and show it back beside each field; the rules
of badges (what may be published, cycles of prerequisites…) are the catalogue's services'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from rosette.catalogue.artwork import MAX_IMAGE_BYTES, ImageRejected, check_image
from rosette.catalogue.models import Badge, BadgeVersion, Category, Issuer
from rosette.core.forms import DesignSystemForm

EVIDENCE_TYPES = [
    ("text", _("Typed on the application form")),
    ("link", _("A link to the learner's own blog or portfolio")),
    ("media", _("An audio or video recording")),
    ("files", _("Attached files, such as the completed handout")),
]


class BadgeImageField(forms.FileField):
    """A badge image: a square PNG or SVG, checked from its bytes (catalogue.artwork)."""

    def __init__(self, *, square: bool = True, **kwargs: Any) -> None:
        self.square = square
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> tuple[str, bytes] | None:
        upload = super().clean(data, initial)
        if not isinstance(upload, UploadedFile):
            return None
        if upload.size is not None and upload.size > MAX_IMAGE_BYTES:
            raise forms.ValidationError(_("The image must be smaller than 1 MB."))
        content = upload.read(MAX_IMAGE_BYTES + 1)
        try:
            extension = check_image(content, square=self.square)
        except ImageRejected as exc:
            raise forms.ValidationError(str(exc)) from exc
        return f"image{extension}", content


class BadgeForm(DesignSystemForm):
    """What the catalogue shows of a badge."""

    name = forms.CharField(label=_("Name"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=300,
        help_text=_("One sentence for the catalogue list."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.all(), required=False
    )
    new_category = forms.CharField(label=_("Or a new category"), max_length=100, required=False)
    image = BadgeImageField(
        label=_("Badge image"),
        help_text=_(
            "A square PNG or SVG, smaller than 1 MB (a PNG between 90 and 2000 pixels wide). "
            "Leave empty to keep the current image, or to use a generated rosette."
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("category") and (data.get("new_category") or "").strip():
            self.add_error("new_category", _("Choose a category or name a new one, not both."))
        return data


class NewBadgeForm(BadgeForm):
    kind = forms.ChoiceField(
        label=_("What kind of badge is it?"),
        choices=[
            (Badge.Kind.STANDARD, _("A badge learners apply for with evidence")),
            (Badge.Kind.PATHWAY, _("A pathway badge, awarded for holding other badges")),
        ],
        initial=Badge.Kind.STANDARD,
        widget=forms.RadioSelect,
    )
    field_order = ["name", "kind", "summary", "category", "new_category", "image"]


class RequirementsForm(DesignSystemForm):
    """What a version asks of the learner (criteria, activities, evidence, declaration)."""

    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "What the badge is about, as the badge page shows it. Blank lines start new paragraphs."
        ),
    )
    criteria = forms.CharField(
        label=_("Criteria"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("To be awarded this badge, you must: … One item per line."),
    )
    activities = forms.CharField(
        label=_("Activities"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the learner does before writing their evidence. One per line."),
    )
    discussion_task = forms.CharField(
        label=_("Discussion task"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What the learner discusses, and with whom: colleagues, or their manager or tutor."
        ),
    )
    overall_min_words = forms.IntegerField(
        label=_("Minimum words in all"),
        min_value=0,
        max_value=20000,
        help_text=_("The least the whole written statement must have (0 for no minimum)."),
        widget=forms.NumberInput(attrs={"class": "ds_input--fixed-4"}),
    )
    learning_hours = forms.DecimalField(
        label=_("Hours of learning (optional)"),
        required=False,
        min_value=0,
        max_value=999,
        decimal_places=1,
        help_text=_(
            "About how long the activities take. Shown on the learner's record for registration."
        ),
        widget=forms.NumberInput(attrs={"class": "ds_input--fixed-4", "step": "0.5"}),
    )
    evidence_types = forms.MultipleChoiceField(
        label=_("Evidence the learner may give"),
        choices=EVIDENCE_TYPES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one kind of evidence.")},
    )
    declaration = forms.CharField(
        label=_("Declaration"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "What the learner confirms when they submit, one statement per line. Leave empty "
            "for the standard declaration."
        ),
    )
    data_sharing = forms.CharField(
        label=_("Data-sharing statement"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Who receives the learner's evidence, name and email address. Leave empty for the "
            "standard statement."
        ),
    )

    def clean_evidence_types(self) -> list[str]:
        chosen: list[str] = self.cleaned_data["evidence_types"]
        if not set(chosen) & {"text", "link", "media"}:
            raise forms.ValidationError(
                _("Accept typed evidence, a link or a recording: files alone are not a statement.")
            )
        return chosen

    @classmethod
    def initial_for(cls, version: BadgeVersion) -> dict[str, Any]:
        kinds = {"text": version.allow_text, "link": version.allow_link,
                 "media": version.allow_media, "files": version.allow_files}  # fmt: skip
        return {
            "description": version.description,
            "criteria": version.criteria,
            "activities": version.activities,
            "discussion_task": version.discussion_task,
            "overall_min_words": version.overall_min_words,
            "learning_hours": version.learning_hours,
            "evidence_types": [k for k, on in kinds.items() if on],
            "declaration": version.declaration,
            "data_sharing": version.data_sharing,
        }

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        kinds = set(data["evidence_types"])
        return {
            "description": data["description"],
            "criteria": data["criteria"],
            "activities": data["activities"],
            "discussion_task": data["discussion_task"],
            "overall_min_words": data["overall_min_words"],
            "learning_hours": data["learning_hours"],
            "allow_text": "text" in kinds,
            "allow_link": "link" in kinds,
            "allow_media": "media" in kinds,
            "allow_files": "files" in kinds,
            "declaration": data["declaration"],
            "data_sharing": data["data_sharing"],
        }


class QuestionForm(DesignSystemForm):
    prompt = forms.CharField(
        label=_("Question"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    min_words = forms.IntegerField(
        label=_("Minimum words"),
        min_value=0,
        max_value=10000,
        required=False,
        widget=forms.NumberInput(attrs={"class": "ds_input--fixed-4"}),
    )
    guidance = forms.CharField(
        label=_("What the assessor looks for"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown to assessors beside the answer."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("min_words") and not (data.get("prompt") or "").strip():
            self.add_error("prompt", _("Write the question, or clear its minimum words."))
        return data


class BaseQuestionFormSet(forms.BaseFormSet):  # type: ignore[type-arg]  # generic only in stubs
    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        if not any((f.cleaned_data.get("prompt") or "").strip() for f in self.forms):
            raise forms.ValidationError(_("Write at least one evidence question."))


QuestionFormSet = forms.formset_factory(
    QuestionForm, formset=BaseQuestionFormSet, extra=2, max_num=20, absolute_max=20
)


class RubricForm(DesignSystemForm):
    pass_mark = forms.IntegerField(
        label=_("Pass mark"),
        min_value=1,
        help_text=_("The least total score that passes."),
        widget=forms.NumberInput(attrs={"class": "ds_input--fixed-4"}),
    )
    every_question_met = forms.BooleanField(
        label=_("Every question must be at least met, whatever the total"), required=False
    )

    def __init__(self, *args: Any, question_rubrics: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.question_ids = []
        for qr in question_rubrics:
            self.question_ids.append(qr.question_id)
            self.fields[f"criteria-{qr.question_id}"] = forms.CharField(
                label=_("What the assessor looks for in question %(n)s: %(prompt)s")
                % {"n": qr.question.position, "prompt": qr.question.prompt},
                required=False,
                initial=qr.criteria,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def criteria(self) -> dict[int, str]:
        return {q: self.cleaned_data[f"criteria-{q}"] for q in self.question_ids}


class BadgeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Badge) -> str:  # type: ignore[override]  # only badges here
        return f"{obj.name} ({obj.issuer.name})"


class PrerequisitesForm(DesignSystemForm):
    prerequisites = BadgeChoiceField(
        label=_("Badges a learner must hold before submitting an application"),
        queryset=Badge.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, choices: QuerySet[Badge], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["prerequisites"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = choices


class PathwayForm(DesignSystemForm):
    components = BadgeChoiceField(
        label=_("Badges that contribute to this pathway"),
        queryset=Badge.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one badge.")},
    )
    components_required = forms.IntegerField(
        label=_("How many of them complete the pathway"),
        min_value=1,
        required=False,
        help_text=_("Leave empty to require all of them."),
        widget=forms.NumberInput(attrs={"class": "ds_input--fixed-4"}),
    )

    def __init__(self, *args: Any, choices: QuerySet[Badge], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["components"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = choices


class MaterialForm(DesignSystemForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), max_length=300, required=False)
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, Word (DOCX), OpenDocument text (ODT), PNG or JPEG."),
    )
    url = forms.URLField(
        label=_("Or a link"),
        required=False,
        assume_scheme="https",
        help_text=_("For example, a safeguarding guide on another website."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and bool(data.get("file")) == bool(data.get("url")):
            self.add_error("file", _("Choose a file or give a link (one of the two)."))
        return data


class EndorsementRuleForm(DesignSystemForm):
    required = forms.ChoiceField(
        label=_("Does an award of this badge need the learner's manager to endorse it?"),
        choices=[("no", _("No")), ("yes", _("Yes"))],
        widget=forms.RadioSelect,
    )
    days = forms.IntegerField(
        label=_("Days the manager has to endorse it"),
        min_value=1,
        max_value=730,
        required=False,
        help_text=_("If no endorsement arrives in time, the award is suspended until one does."),
        widget=forms.NumberInput(attrs={"class": "ds_input--fixed-4"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("required") == "yes" and not data.get("days"):
            self.add_error("days", _("Say how many days the manager has."))
        return data


class DeclineReasonForm(DesignSystemForm):
    label = forms.CharField(label=_("A new reason for declining"), max_length=200)


class IssuerProfileForm(DesignSystemForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    url = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    email = forms.EmailField(
        label=_("Contact email"), help_text=_("Shown on your public issuer page.")
    )
    image = BadgeImageField(
        square=False,
        label=_("Logo"),
        help_text=_(
            "Shown beside your name on your public page and your badges' pages, and in every "
            "badge you issue. A PNG or SVG, smaller than 1 MB (a PNG between 90 and 2000 "
            "pixels a side). Leave empty to keep the current logo."
        ),
    )
    remove_image = forms.BooleanField(label=_("Remove the logo"), required=False)
    banner = BadgeImageField(
        square=False,
        label=_("Banner image (optional)"),
        help_text=_(
            "A wide picture at the top of your public issuer page, such as your team at work. "
            "A PNG or SVG, smaller than 1 MB (a PNG between 90 and 2000 pixels a side). Leave "
            "empty to keep the current banner."
        ),
    )
    banner_alt = forms.CharField(
        label=_("What the banner shows"),
        help_text=_(
            "In a sentence, for people who cannot see it: for example, “Care workers in a "
            "team meeting”. Needed with a banner."
        ),
        max_length=250,
        required=False,
    )
    remove_banner = forms.BooleanField(label=_("Remove the banner"), required=False)

    def __init__(self, *args: Any, issuer: Issuer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.has_banner = bool(issuer.banner)
        if not issuer.image:
            del self.fields["remove_image"]
        if not issuer.banner:
            del self.fields["remove_banner"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        keeps_banner = data.get("banner") is not None or (
            self.has_banner and not data.get("remove_banner")
        )
        if keeps_banner and not data.get("banner_alt", "").strip():
            self.add_error(
                "banner_alt", _("Say what the banner shows, for people who cannot see it.")
            )
        return data

    @classmethod
    def initial_for(cls, issuer: Issuer) -> dict[str, Any]:
        return {"name": issuer.name, "description": issuer.description, "url": issuer.url,
                "email": issuer.email, "banner_alt": issuer.banner_alt}  # fmt: skip
