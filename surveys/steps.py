"""The questionnaire's steps, in order: which form each uses, what it needs, and the
schema of its answers (surveys/schema.py): every answer a step stores is declared here, once.
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.utils.translation import gettext_lazy as _

from clusters.models import Company, CompanyCompetency, CompanyMarket, Offering

from . import forms
from .schema import (
    COUNTRIES,
    COUNTRY,
    YEAR,
    YES_NO,
    Choice,
    Choices,
    CompetencyLevels,
    Named,
    OfferingRows,
    RowsStepAnswers,
    StepAnswers,
    TargetMarkets,
    answer,
)

# ---- The answers of each step --------------------------------------------------------------


@dataclass(frozen=True)
class CompanyAnswers(StepAnswers):
    respondent_email: str = answer(
        _("Your email address"),
        personal=True,
        from_company=lambda company: company.contact_email or company.public_email,
    )
    name: str = answer(_("Company name"), proposes=True, from_company=lambda c: c.name)
    vat_number: str = answer(
        _("VAT or registration number"), proposes=True, from_company=lambda c: c.vat_number
    )
    website: str = answer(_("Website"), proposes=True, from_company=lambda c: c.website)
    country: str = answer(
        _("Country"), COUNTRY, proposes=True, from_company=lambda c: str(c.country or "")
    )
    city: str = answer(_("City"), proposes=True, from_company=lambda c: c.city)
    founding_year: int | None = answer(
        _("Founding year"),
        YEAR,
        proposes=True,
        from_company=lambda c: c.founding_year,
        default=None,
    )
    size: str = answer(
        _("Number of employees"),
        Choice(Company.Size.choices),
        proposes=True,
        from_company=lambda c: c.size,
    )
    turnover: str = answer(
        _("Annual turnover"), Choice(forms.TurnoverBand.CHOICES), from_company=lambda c: ""
    )
    clusters: list[str] = answer(
        _("Member of the partner clusters"),
        Named("clusters"),
        from_company=lambda c: [cluster.slug for cluster in c.clusters.all()],
    )
    description: str = answer(
        _("Short description"), proposes=True, from_company=lambda c: c.description
    )


@dataclass(frozen=True)
class OfferingRow:
    kind: str = ""
    name: str = ""
    description: str = ""
    sector: str = ""  # a Sector slug


@dataclass(frozen=True)
class OfferingsAnswers(RowsStepAnswers):
    rows: list[OfferingRow] = answer(
        _("Products and services"),
        OfferingRows(OfferingRow, Offering.Kind.choices),
        column="offerings",
        from_company=lambda company: [
            {
                "kind": offering.kind,
                "name": offering.name,
                "description": offering.description,
                "sector": offering.sector.slug if offering.sector else "",
            }
            for offering in company.offerings.all()
        ],
    )


@dataclass(frozen=True)
class CompetencyRow:
    competency: str | None = None  # a Competency slug
    level: str | None = None


@dataclass(frozen=True)
class CompetenciesAnswers(StepAnswers):
    items: list[CompetencyRow] = answer(
        _("Competencies"),
        CompetencyLevels(CompetencyRow, CompanyCompetency.Level.choices),
        column="competencies",
        tally=("top_competencies", 15),
        from_company=lambda company: [
            {"competency": link.competency.slug, "level": link.level}
            for link in company.competency_links.all()
        ],
    )
    other: str = answer(
        _("Other competencies"), column="competencies_other", from_company=lambda c: ""
    )


@dataclass(frozen=True)
class TargetRow:
    country: str | None = None
    priority: int | None = None


def _markets(company, kind):
    return [market for market in company.markets.all() if market.kind == kind]


@dataclass(frozen=True)
class InternationalAnswers(StepAnswers):
    current_markets: list[str] = answer(
        _("Current export markets"),
        COUNTRIES,
        from_company=lambda company: [
            str(market.country) for market in _markets(company, CompanyMarket.Kind.CURRENT)
        ],
    )
    export_share: str = answer(
        _("Share of turnover from exports"),
        Choice(Company.ExportShare.choices),
        proposes=True,
        from_company=lambda c: c.export_share,
    )
    targets: list[TargetRow] = answer(
        _("Target markets"),
        TargetMarkets(TargetRow),
        column="target_markets",
        tally=("target_markets", 15),
        from_company=lambda company: [
            {"country": str(market.country), "priority": market.priority or 1}
            for market in _markets(company, CompanyMarket.Kind.TARGET)
        ],
    )
    b2b_interest: str = answer(_("Interested in B2B meetings"), Choice(forms.B2BInterest.CHOICES))
    obstacles: list[str] = answer(
        _("Obstacles"), Choices(forms.Obstacle.CHOICES), tally=("obstacles", None)
    )
    obstacles_other: str = answer(_("Other obstacles"))
    existing_contacts: str = answer(_("Existing contacts in your target countries"))
    support_wanted: str = answer(_("Support you would like from the clusters"))


@dataclass(frozen=True)
class ContactAnswers(StepAnswers):
    contact_name: str = answer(
        _("Contact person"), proposes=True, personal=True, from_company=lambda c: c.contact_name
    )
    contact_role: str = answer(
        _("Role"), proposes=True, personal=True, from_company=lambda c: c.contact_role
    )
    contact_email: str = answer(
        _("Email"), proposes=True, personal=True, from_company=lambda c: c.contact_email
    )
    contact_phone: str = answer(
        _("Phone"), proposes=True, personal=True, from_company=lambda c: c.contact_phone
    )
    consent_publish_profile: bool | None = answer(
        _("Publish our company profile"),
        YES_NO,
        from_company=lambda company: company.is_published,
        default=None,
    )
    consent_publish_contact: bool | None = answer(
        _("Publish the contact person"),
        YES_NO,
        proposes=True,
        from_company=lambda c: c.consent_publish_contact,
        default=None,
    )
    consent_contact_by_partners: bool | None = answer(
        _("Partner clusters may contact us"),
        YES_NO,
        proposes=True,
        from_company=lambda c: c.consent_contact_by_partners,
        default=None,
    )
    privacy_acknowledged: bool | None = answer(_("Privacy notice read"), YES_NO, default=None)


# ---- The steps -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    form_class: type
    formset_class: type | None = None
    formset_prefix: str = ""
    needs: tuple = ()  # choice lists the form needs (see selectors.step_choices)
    # The schema of its answers; None for the campaign's extra questions (their own rows).
    answers_class: type[StepAnswers] | None = None


COMPANY = Step(
    "company",
    _("Company"),
    forms.CompanyStepForm,
    needs=("clusters",),
    answers_class=CompanyAnswers,
)
OFFERINGS = Step(
    "offerings",
    _("Products and services"),
    forms.StepForm,
    formset_class=forms.OfferingFormSet,
    formset_prefix="offerings",
    needs=("sectors",),
    answers_class=OfferingsAnswers,
)
COMPETENCIES = Step(
    "competencies",
    _("Competencies"),
    forms.CompetencyStepForm,
    needs=("competencies",),
    answers_class=CompetenciesAnswers,
)
INTERNATIONAL = Step(
    "international",
    _("International activity"),
    forms.InternationalStepForm,
    formset_class=forms.TargetMarketFormSet,
    formset_prefix="targets",
    answers_class=InternationalAnswers,
)
CONTACT = Step(
    "contact", _("Contact and consent"), forms.ContactStepForm, answers_class=ContactAnswers
)
EXTRA = Step("extra", _("A few more questions"), forms.ExtraStepForm)

ALL_STEPS = (COMPANY, OFFERINGS, COMPETENCIES, INTERNATIONAL, CONTACT, EXTRA)
BY_KEY = {step.key: step for step in ALL_STEPS}
REVIEW = "review"


def steps_for(has_extra_questions):
    """The steps a respondent goes through (the extra step only when there are questions)."""
    return [step for step in ALL_STEPS if step is not EXTRA or has_extra_questions]


def neighbours(steps, key):
    """(previous step key or None, next step key or 'review') around `key`."""
    keys = [step.key for step in steps]
    index = keys.index(key)
    previous = keys[index - 1] if index > 0 else None
    following = keys[index + 1] if index + 1 < len(keys) else REVIEW
    return previous, following


def missing_steps(steps, answers):
    """Steps whose answers are not saved yet, in order."""
    return [step for step in steps if step.key not in answers]


# ---- Reading a snapshot through the schema -------------------------------------------------

SCHEMA_STEPS = tuple(step for step in ALL_STEPS if step.answers_class is not None)
# Every declared answer, in questionnaire order, with its step.
ANSWER_FIELDS = tuple(
    (step, answer_field)
    for step in SCHEMA_STEPS
    for answer_field in step.answers_class.answer_fields()
)
# The company fields a submission proposes, as {field name: (step, answer field)}.
PROPOSED_FIELDS = {
    answer_field.name: (step, answer_field)
    for step, answer_field in ANSWER_FIELDS
    if answer_field.proposes
}
PERSONAL_KEYS = tuple(
    answer_field.name for _step, answer_field in ANSWER_FIELDS if answer_field.personal
)


@dataclass(frozen=True)
class Answers:
    """A submission's answers snapshot, read through the schema. A step not saved yet is
    None; `prefill` is what an update link prefilled from the company."""

    stored: dict = field(default_factory=dict)

    @cached_property
    def _sections(self) -> dict:
        return {}

    def section(self, step: Step) -> StepAnswers | None:
        if step.key not in self._sections:
            stored = self.stored.get(step.key)
            parsed = None if stored is None else step.answers_class.from_stored(stored)
            self._sections[step.key] = parsed
        return self._sections[step.key]

    def section_or_blank(self, step: Step) -> StepAnswers:
        """The step's answers; every answer unanswered when the step was not saved."""
        return self.section(step) or step.answers_class()

    @property
    def company(self) -> CompanyAnswers | None:
        return self.section(COMPANY)

    @property
    def offerings(self) -> OfferingsAnswers | None:
        return self.section(OFFERINGS)

    @property
    def competencies(self) -> CompetenciesAnswers | None:
        return self.section(COMPETENCIES)

    @property
    def international(self) -> InternationalAnswers | None:
        return self.section(INTERNATIONAL)

    @property
    def contact(self) -> ContactAnswers | None:
        return self.section(CONTACT)

    @cached_property
    def extra(self) -> dict | None:
        """The extra questions' answers, by ExtraQuestion.key."""
        return self.stored.get(EXTRA.key)

    @cached_property
    def prefill(self) -> "Answers":
        return Answers(self.stored.get("prefill") or {})

    def value(self, step: Step, answer_field) -> object:
        """One declared answer; its default when the step was not saved."""
        return getattr(self.section_or_blank(step), answer_field.name)


def answers_from_company(company) -> dict:
    """What the questionnaire prefills for an update of `company` (prefetched), as stored."""
    return {step.key: step.answers_class.stored_from_company(company) for step in SCHEMA_STEPS}
