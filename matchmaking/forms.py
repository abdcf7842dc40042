"""Forms of the registration and the marketplace."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from clusters.models import Company, Competency, Sector
from core.forms import SingleLineMixin
from events.models import TIME_ZONE_CHOICES

from .models import SPOKEN_LANGUAGE_CHOICES, SPOKEN_LANGUAGE_CODES, Opportunity, Organisation

ORGANISATION_FIELDS = ("name", "kind", "country", "city", "sectors", "website", "description")
PERSON_FIELDS = ("full_name", "job_title", "phone", "languages", "time_zone", "preferred_language")
PARTICIPANT_FIELDS = (
    "offers",
    "offers_text",
    "looks_for",
    "looks_for_text",
    "target_countries",
    "suggest_own_cluster",
)


def _competencies():
    return Competency.objects.select_related("area").order_by("area__position", "position", "name")


class CompanyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, company):
        return f"{company.name} ({company.country.name})" if company.country else company.name


class RegistrationForm(SingleLineMixin, forms.Form):
    """Organisation, person and what they offer and look for, in one form. A member SME
    chooses its directory entry instead of typing its organisation's details."""

    company = CompanyChoiceField(
        label=_("Member SME: your company in the C2Future directory"),
        queryset=Company.objects.published().only("id", "name", "country").order_by("name"),
        required=False,
        help_text=_("Leave empty if you are not a member of a C2Future cluster."),
    )
    name = forms.CharField(label=_("Organisation name"), max_length=200, required=False)
    kind = forms.ChoiceField(
        label=_("Type of organisation"),
        choices=[("", "---------")]
        + [c for c in Organisation.Kind.choices if c[0] != Organisation.Kind.MEMBER_SME],
        required=False,
    )
    country = forms.ChoiceField(
        label=_("Country"), choices=[("", "---------"), *countries], required=False
    )
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"), queryset=Sector.objects.all(), required=False
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    description = forms.CharField(
        label=_("About the organisation"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    full_name = forms.CharField(label=_("Your full name"), max_length=150)
    job_title = forms.CharField(label=_("Job title"), max_length=150, required=False)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        help_text=_("Shown only to the participants whose meeting with you is accepted."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"), choices=SPOKEN_LANGUAGE_CHOICES
    )
    time_zone = forms.ChoiceField(
        label=_("Your time zone (for online meetings)"), choices=TIME_ZONE_CHOICES
    )
    preferred_language = forms.ChoiceField(label=_("Language of our emails to you"))
    offers = forms.ModelMultipleChoiceField(
        label=_("What you offer (competencies)"), queryset=Competency.objects.none(), required=False
    )
    offers_text = forms.CharField(
        label=_("What you offer, in your words"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    looks_for = forms.ModelMultipleChoiceField(
        label=_("What you look for (competencies)"),
        queryset=Competency.objects.none(),
        required=False,
    )
    looks_for_text = forms.CharField(
        label=_("What you look for, in your words"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    target_countries = forms.MultipleChoiceField(
        label=_("Your target countries"), choices=list(countries), required=False
    )
    suggest_own_cluster = forms.BooleanField(
        label=_("Also suggest members of my own cluster"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.conf import settings

        self.fields["preferred_language"].choices = settings.LANGUAGES
        self.fields["offers"].queryset = _competencies()
        self.fields["looks_for"].queryset = _competencies()
        for name in ("languages", "sectors", "offers", "looks_for", "target_countries"):
            self.fields[name].widget.attrs["size"] = 8

    def clean(self):
        data = super().clean()
        if not data.get("company"):
            for name in ("name", "kind", "country"):
                if not data.get(name):
                    self.add_error(name, _("Required unless you chose your directory company."))
        if not (
            data.get("offers")
            or data.get("offers_text")
            or data.get("looks_for")
            or data.get("looks_for_text")
        ):
            raise forms.ValidationError(
                _("Tell the others what you offer or what you look for, or both.")
            )
        return data

    def organisation_data(self):
        return {name: self.cleaned_data[name] for name in ORGANISATION_FIELDS}

    def person_data(self):
        return {name: self.cleaned_data[name] for name in PERSON_FIELDS}

    def participant_data(self):
        return {name: self.cleaned_data[name] for name in PARTICIPANT_FIELDS}


def spoken_language_codes(text: str) -> list[str]:
    """The language codes of a directory company's "English, Italian" (names or codes)."""
    by_name = {str(name).casefold(): code for code, name in SPOKEN_LANGUAGE_CHOICES}
    codes = []
    for word in text.split(","):
        word = word.strip().casefold()
        code = word if word in SPOKEN_LANGUAGE_CODES else by_name.get(word)
        if code and code not in codes:
            codes.append(code)
    return codes


def registration_initial(*, person=None, participant=None, company=None) -> dict:
    """What the registration form starts from: the person's profile and organisation, their
    latest participation (offers, looks for), or the chosen directory company."""
    initial = {}
    if person is not None:
        organisation = person.organisation
        initial.update({name: getattr(person, name) for name in PERSON_FIELDS})
        if organisation.company_id:
            initial["company"] = organisation.company_id
        initial.update(
            {name: getattr(organisation, name) for name in ORGANISATION_FIELDS if name != "sectors"}
        )
        initial["sectors"] = list(organisation.sectors.all())
    if participant is not None:
        initial.update(
            {
                "offers": list(participant.offers.all()),
                "looks_for": list(participant.looks_for.all()),
                "offers_text": participant.offers_text,
                "looks_for_text": participant.looks_for_text,
                "target_countries": [str(country) for country in participant.target_countries],
                "suggest_own_cluster": participant.suggest_own_cluster,
            }
        )
    if company is not None:
        # A member SME: its directory entry (what it offers, where it wants to go).
        initial.update(
            {
                "company": company.pk,
                "name": company.name,
                "country": str(company.country),
                "city": company.city,
                "website": company.website,
                "description": company.description,
                "sectors": list(company.sectors.all()),
            }
        )
        if participant is None:
            initial["offers"] = list(company.competencies.all())
            initial["offers_text"] = "; ".join(o.name for o in company.offerings.all())
            initial["target_countries"] = [
                str(market.country) for market in company.markets.filter(kind="target")
            ]
        if company.languages and person is None:
            initial["languages"] = spoken_language_codes(company.languages)
    return initial


class OpportunityFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    kind = forms.ChoiceField(
        label=_("Type"), choices=[("", _("All types")), *Opportunity.Kind.choices], required=False
    )
    country = forms.ChoiceField(
        label=_("Country"), choices=[("", _("All countries")), *countries], required=False
    )
    sector = forms.ModelChoiceField(
        label=_("Sector"),
        queryset=Sector.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All sectors"),
    )
    competency = forms.ModelChoiceField(
        label=_("Competency"),
        queryset=Competency.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All competencies"),
    )
    organisation_kind = forms.ChoiceField(
        label=_("Organisation type"),
        choices=[("", _("All organisations")), *Organisation.Kind.choices],
        required=False,
    )

    def __init__(self, *args, facets=None, **kwargs):
        super().__init__(*args, **kwargs)
        if facets is not None:
            # Only what the marketplace's opportunities use (the querysets stay for validation).
            self.fields["sector"].choices = [("", _("All sectors"))] + [
                (sector.slug, sector.name) for sector in facets["sectors"]
            ]
            self.fields["competency"].choices = [("", _("All competencies"))] + [
                (competency.slug, competency.name) for competency in facets["competencies"]
            ]

    def filters(self) -> dict:
        """Keyword arguments for selectors.opportunities: the fields that validate (one bad
        parameter, e.g. ?q=parking&sector=nope, does not throw the others away)."""
        if not self.is_bound:
            return {}
        self.is_valid()  # cleaned_data keeps the valid fields only
        data = self.cleaned_data
        return {
            "query": data.get("q", "").strip(),
            "kind": data.get("kind", ""),
            "country": data.get("country", ""),
            "sector": data.get("sector"),
            "competency": data.get("competency"),
            "organisation_kind": data.get("organisation_kind", ""),
        }


class OpportunityForm(SingleLineMixin, forms.ModelForm):
    class Meta:
        model = Opportunity
        fields = ("kind", "title", "description", "competencies", "sectors", "countries")
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competencies"].queryset = _competencies()
        for name in ("competencies", "sectors", "countries"):
            self.fields[name].widget.attrs["size"] = 6
