"""The questionnaire's step forms and the curators' review forms.

Choice lists (clusters, sectors, competencies) are loaded once by the view and passed in,
so validation never runs a query per value and unknown or NUL-laden values are simply
"not one of the available choices".
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from clusters.models import Company, CompanyCompetency, Offering
from core.content_translations import column
from core.form_rendering import (
    RenderedOnceCheckboxSelectMultiple,
    RenderedOnceSelect,
    RenderedOnceSelectMultiple,
)
from core.forms import ChoicesPerLanguage, HoneypotMixin, SingleLineMixin

from .models import ExtraQuestion, choice_lines

TEXT_MAX = 200
LONG_TEXT_MAX = 2000


# Country names sorted in the active language, with and without a blank first choice.
COUNTRY_CHOICES = ChoicesPerLanguage(lambda: list(countries))
COUNTRY_CHOICES_WITH_BLANK = ChoicesPerLanguage(
    lambda: [("", _("Choose a country")), *COUNTRY_CHOICES]
)


class TurnoverBand:
    CHOICES = [
        ("lt2m", _("Up to EUR 2 million")),
        ("2-10m", _("EUR 2–10 million")),
        ("10-50m", _("EUR 10–50 million")),
        ("gt50m", _("Over EUR 50 million")),
        ("undisclosed", _("Prefer not to say")),
    ]


class B2BInterest:
    CHOICES = [
        ("yes", _("Yes")),
        ("maybe", _("Maybe, tell me more")),
        ("no", _("No")),
    ]


class Obstacle:
    CHOICES = [
        ("regulation", _("Regulation")),
        ("partners", _("Finding partners")),
        ("financing", _("Financing")),
        ("language", _("Language")),
        ("certification", _("Certification")),
        ("other", _("Other")),
    ]


WIDGET_CLASSES = {
    forms.CheckboxInput: "form-check-input",
    forms.CheckboxSelectMultiple: "form-check-input",
    forms.RadioSelect: "form-check-input",
    forms.Select: "form-select",
    forms.SelectMultiple: "form-select",
}


def style_widgets(form):
    """Bootstrap classes on every widget (once; fields are added in __init__)."""
    for field in form.fields.values():
        widget = field.widget
        if "class" in widget.attrs:
            continue
        # The nearest class of the widget's own that has one (RenderedOnceSelect: Select's).
        css = next(
            (WIDGET_CLASSES[kind] for kind in type(widget).__mro__ if kind in WIDGET_CLASSES),
            "form-control",
        )
        widget.attrs["class"] = css


class StepForm(SingleLineMixin, forms.Form):
    """Base for the step forms: takes the preloaded choice lists."""

    def __init__(self, *args, choices=None, **kwargs):
        self.choices = choices or {}
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def answers(self):
        """The cleaned data as the JSON stored in the submission."""
        skipped = {"website_url", "DELETE"}
        return {name: value for name, value in self.cleaned_data.items() if name not in skipped}


class CompanyStepForm(HoneypotMixin, StepForm):
    respondent_email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("We email you a link to continue later, on this or another device."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    name = forms.CharField(label=_("Company name"), max_length=TEXT_MAX)
    vat_number = forms.CharField(
        label=_("VAT or registration number"), max_length=40, required=False
    )
    # A text box, not type="url": browsers refuse "example.it" there, the form adds https.
    website = forms.URLField(
        label=_("Website"),
        max_length=TEXT_MAX,
        required=False,
        assume_scheme="https",
        widget=forms.TextInput(attrs={"inputmode": "url", "autocomplete": "url"}),
    )
    country = forms.ChoiceField(
        label=_("Country"), choices=COUNTRY_CHOICES_WITH_BLANK, widget=RenderedOnceSelect
    )
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    founding_year = forms.IntegerField(label=_("Founding year"), required=False, min_value=1800)
    size = forms.ChoiceField(
        label=_("Number of employees"),
        choices=[("", _("Choose a band"))] + list(Company.Size.choices),
    )
    turnover = forms.ChoiceField(
        label=_("Annual turnover"),
        choices=[("", _("Choose a band"))] + TurnoverBand.CHOICES,
        required=False,
    )
    clusters = forms.MultipleChoiceField(
        label=_("Member of the partner clusters"),
        help_text=_("Leave all unticked if you are not a member of any partner cluster."),
        required=False,
        widget=RenderedOnceCheckboxSelectMultiple,
    )
    description = forms.CharField(
        label=_("Short description"),
        max_length=LONG_TEXT_MAX,
        help_text=_("What your company does, in a few sentences (published if you consent)."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clusters"].choices = self.choices.get("clusters", [])
        self.fields["founding_year"].widget.attrs["max"] = timezone.now().year

    def clean_founding_year(self):
        year = self.cleaned_data.get("founding_year")
        if year is not None and year > timezone.now().year:
            raise ValidationError(_("The founding year cannot be in the future."))
        return year


class OfferingForm(StepForm):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Choose a kind"))] + list(Offering.Kind.choices)
    )
    name = forms.CharField(label=_("Name"), max_length=TEXT_MAX)
    description = forms.CharField(
        label=_("Description"),
        max_length=LONG_TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [("", _("Choose a sector"))] + self.choices.get(
            "sectors", []
        )


class RowsFormSet(forms.BaseFormSet):
    """A repeatable list: rows left empty or ticked "remove" are dropped.

    Saved rows are shown from `initial`; once posted, what the browser sent is the whole
    list. So a bound formset compares every row with an empty one, never with the saved
    rows: an unchanged saved row counts as data (with `initial`, Django would see it as
    "not changed" and drop it). Every row may be left empty, so clearing a saved row
    removes it, like ticking "remove".
    """

    def __init__(self, data=None, *args, initial=None, **kwargs):
        if data is not None:
            initial = None
        super().__init__(data, *args, initial=initial, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "empty_permitted": True}

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this item")
            form.fields["DELETE"].widget.attrs["class"] = "form-check-input"

    def kept_forms(self):
        return [
            form
            for form in self.forms
            if form.has_changed() and form.cleaned_data and not self._should_delete_form(form)
        ]

    def answers(self):
        return [form.answers() for form in self.kept_forms()]

    def clean(self):
        super().clean()
        if not any(self.errors):
            self.clean_rows(self.kept_forms())

    def clean_rows(self, kept_forms):
        """Checks of the list as a whole, once every row is valid."""


def rows_formset(form, formset, *, most, **options):
    """A RowsFormSet of at most `most` rows, each removable."""
    return forms.formset_factory(
        form,
        formset=formset,
        can_delete=True,
        max_num=most,
        validate_max=True,
        absolute_max=most,
        **options,
    )


class BaseOfferingFormSet(RowsFormSet):
    def clean_rows(self, kept_forms):
        if not kept_forms:
            raise ValidationError(_("Add at least one product, service or solution."))


OfferingFormSet = rows_formset(OfferingForm, BaseOfferingFormSet, most=20, extra=0, min_num=1)


class CompetencyStepForm(StepForm):
    """The taxonomy as a checklist grouped by area, with a level per ticked competency."""

    other = forms.CharField(
        label=_("Other competencies"),
        help_text=_("Anything not in the list above."),
        max_length=LONG_TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, initial=None, **kwargs):
        initial = dict(initial or {})
        for item in initial.pop("items", []):
            initial[f"has_{item['competency']}"] = True
            initial[f"level_{item['competency']}"] = item["level"]
        super().__init__(*args, initial=initial, **kwargs)
        self.groups = []
        level_choices = [("", _("Choose a level"))] + list(CompanyCompetency.Level.choices)
        for area, competencies in self.choices.get("competencies", []):
            rows = []
            for slug, name in competencies:
                self.fields[f"has_{slug}"] = forms.BooleanField(label=name, required=False)
                self.fields[f"level_{slug}"] = forms.ChoiceField(
                    label=_("Level for %(name)s") % {"name": name},
                    choices=level_choices,
                    required=False,
                )
                rows.append(slug)
            self.groups.append((area, rows))
        # The free-text field comes last, after every area's fieldset.
        self.fields["other"] = self.fields.pop("other")
        style_widgets(self)

    def grouped_fields(self):
        for area, slugs in self.groups:
            yield area, [(self[f"has_{slug}"], self[f"level_{slug}"]) for slug in slugs]

    def clean(self):
        cleaned = super().clean()
        for _area, slugs in self.groups:
            for slug in slugs:
                if cleaned.get(f"has_{slug}") and not cleaned.get(f"level_{slug}"):
                    self.add_error(f"level_{slug}", _("Choose a level for this competency."))
        return cleaned

    def answers(self):
        items = [
            {"competency": slug, "level": self.cleaned_data[f"level_{slug}"]}
            for _area, slugs in self.groups
            for slug in slugs
            if self.cleaned_data.get(f"has_{slug}")
        ]
        return {"items": items, "other": self.cleaned_data.get("other", "")}


class InternationalStepForm(StepForm):
    current_markets = forms.MultipleChoiceField(
        label=_("Current export markets"),
        help_text=_("Hold Ctrl (Cmd on a Mac) to choose several countries."),
        choices=COUNTRY_CHOICES,
        required=False,
        widget=RenderedOnceSelectMultiple(attrs={"size": 8}),
    )
    export_share = forms.ChoiceField(
        label=_("Share of turnover from exports"),
        choices=[("", _("Choose a band"))] + list(Company.ExportShare.choices),
    )
    b2b_interest = forms.ChoiceField(
        label=_("Interested in B2B meetings with international partners?"),
        choices=B2BInterest.CHOICES,
        widget=forms.RadioSelect,
    )
    obstacles = forms.MultipleChoiceField(
        label=_("Obstacles to going international"),
        choices=Obstacle.CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    obstacles_other = forms.CharField(
        label=_("Other obstacles"), max_length=TEXT_MAX, required=False
    )
    existing_contacts = forms.CharField(
        label=_("Existing contacts in your target countries"),
        max_length=LONG_TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    support_wanted = forms.CharField(
        label=_("Support you would like from the clusters"),
        max_length=LONG_TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned = super().clean()
        if "other" in (cleaned.get("obstacles") or []) and not cleaned.get("obstacles_other"):
            self.add_error("obstacles_other", _("Tell us which other obstacles you meet."))
        return cleaned


class TargetMarketForm(StepForm):
    country = forms.ChoiceField(
        label=_("Target country"), choices=COUNTRY_CHOICES_WITH_BLANK, widget=RenderedOnceSelect
    )
    priority = forms.TypedChoiceField(
        label=_("Priority"),
        choices=[(1, _("1 – highest")), (2, "2"), (3, "3"), (4, "4"), (5, _("5 – lowest"))],
        coerce=int,
        initial=1,
    )


class BaseTargetMarketFormSet(RowsFormSet):
    def clean_rows(self, kept_forms):
        seen = set()
        for form in kept_forms:
            country = form.cleaned_data.get("country")
            if country in seen:
                raise ValidationError(
                    _("%(country)s is in the list twice.") % {"country": countries.name(country)}
                )
            seen.add(country)


TargetMarketFormSet = rows_formset(TargetMarketForm, BaseTargetMarketFormSet, most=10, extra=1)


class ContactStepForm(StepForm):
    contact_name = forms.CharField(label=_("Contact person"), max_length=150)
    contact_role = forms.CharField(label=_("Role"), max_length=150, required=False)
    contact_email = forms.EmailField(label=_("Email"))
    contact_phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    consent_publish_profile = forms.BooleanField(
        label=_("Publish our company profile in the C2Future directory"), required=False
    )
    consent_publish_contact = forms.BooleanField(
        label=_("Publish the contact person with the profile"), required=False
    )
    consent_contact_by_partners = forms.BooleanField(
        label=_("Partner clusters may contact us about international opportunities"),
        required=False,
    )
    privacy_acknowledged = forms.BooleanField(
        label=_("I have read the privacy notice"),
        error_messages={"required": _("Please confirm you have read the privacy notice.")},
    )


SCALE_CHOICES = [
    (1, _("1 – very low")),
    (2, _("2 – low")),
    (3, _("3 – medium")),
    (4, _("4 – high")),
    (5, _("5 – very high")),
]


def is_exclusive_choice(choice):
    """A multiple-choice option that excludes the others: "None", "None yet", ..."""
    return choice.strip().casefold().split(" ")[0] == "none"


class ExtraStepForm(StepForm):
    """One field per extra question of the campaign."""

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[question.key] = self._field_for(question)
        self.keep_on_one_line()  # the campaign's short-text answers are one-line too
        style_widgets(self)

    @staticmethod
    def _field_for(question):
        options = {
            "label": question.text,
            "help_text": question.help_text,
            "required": question.required,
        }
        kind = ExtraQuestion.Kind
        # Stored values are the English lines; respondents read their language's labels.
        choices = question.choice_pairs
        if question.kind == kind.LONG_TEXT:
            return forms.CharField(
                max_length=LONG_TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3}), **options
            )
        if question.kind == kind.SINGLE_CHOICE:
            return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **options)
        if question.kind == kind.MULTIPLE_CHOICE:
            return forms.MultipleChoiceField(
                choices=choices, widget=forms.CheckboxSelectMultiple, **options
            )
        if question.kind == kind.SCALE:
            return forms.TypedChoiceField(
                choices=SCALE_CHOICES,
                coerce=int,
                empty_value=None,
                widget=forms.RadioSelect,
                **options,
            )
        return forms.CharField(max_length=TEXT_MAX, **options)

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            chosen = cleaned.get(question.key)
            if question.kind != ExtraQuestion.Kind.MULTIPLE_CHOICE or not chosen:
                continue
            exclusive = [choice for choice in chosen if is_exclusive_choice(choice)]
            if exclusive and len(chosen) > 1:
                self.add_error(
                    question.key,
                    _("“%(choice)s” cannot be combined with other answers.")
                    % {"choice": question.choice_label(exclusive[0])},
                )
        return cleaned


class SubmitForm(HoneypotMixin, forms.Form):
    """The review page's Submit button (plus the honeypot)."""


class RequestUpdateForm(HoneypotMixin, forms.Form):
    """'Email me a link to update this profile' (the address on record gets it)."""


# ---- Curation (admin) -------------------------------------------------------------------


class ApproveNewForm(forms.Form):
    """Where a new company goes on the map: the town-centre guess, or the curator's fix."""

    latitude = forms.DecimalField(
        label=_("Latitude"), required=False, min_value=-90, max_value=90, decimal_places=6
    )
    longitude = forms.DecimalField(
        label=_("Longitude"), required=False, min_value=-180, max_value=180, decimal_places=6
    )
    location_approximate = forms.BooleanField(
        label=_("Approximate location (town centre)"), required=False
    )

    def clean(self):
        cleaned_data = super().clean()
        if (cleaned_data.get("latitude") is None) != (cleaned_data.get("longitude") is None):
            raise ValidationError(_("Give both latitude and longitude, or leave both empty."))
        return cleaned_data

    def location(self):
        """(latitude, longitude, approximate) for services.approve_as_new."""
        data = self.cleaned_data
        return data["latitude"], data["longitude"], data["location_approximate"]


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=LONG_TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    notify = forms.BooleanField(label=_("Email the reason to the respondent"), required=False)


class ApproveUpdateForm(forms.Form):
    """The curator ticks which proposed changes to apply to the company.

    Changes are ticked by default; removals (something on record the answers lack) are
    not: they apply only when the curator ticks them.
    """

    company_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, diff=(), **kwargs):
        super().__init__(*args, **kwargs)
        for change in diff:
            self.fields[f"apply_{change.field}"] = forms.BooleanField(
                label=change.label, required=False, initial=not change.removal
            )

    def chosen_fields(self):
        return [
            name.removeprefix("apply_")
            for name, value in self.cleaned_data.items()
            if name.startswith("apply_") and value
        ]


class ExtraQuestionAdminForm(SingleLineMixin, forms.ModelForm):
    """A campaign's question in every language. Answers store the English choice, and a
    translation's lines are matched to the English ones by position, so a translation of
    the choices must have exactly as many lines as the English."""

    class Meta:
        model = ExtraQuestion
        fields = ["position", "text", "kind", "choices", "help_text", "required"]

    def clean(self):
        cleaned = super().clean()
        english_field = column("choices", "en")
        if english_field not in self.fields:
            return cleaned
        english = choice_lines(cleaned.get(english_field))
        for code, name in settings.LANGUAGES:
            field = column("choices", code)
            if code == "en" or field not in self.fields:
                continue
            translated = choice_lines(cleaned.get(field))
            if translated and len(translated) != len(english):
                self.add_error(
                    field,
                    _(
                        "The %(language)s choices have %(lines)d lines and the English ones "
                        "%(english)d: give one translated line per English line, in the "
                        "same order."
                    )
                    % {"language": _(name), "lines": len(translated), "english": len(english)},
                )
        return cleaned
