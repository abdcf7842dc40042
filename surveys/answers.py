"""Stored answers (slugs and codes) as labelled, readable sections for people.

Used by the review page, the confirmation email, the admin review page and the export.
"""

from django.utils.translation import gettext as _
from django_countries import countries

from clusters.models import Company, CompanyCompetency, Offering

from . import forms
from .steps import ALL_STEPS, BY_KEY


def _country(code):
    return countries.name(code) or code or ""


def _choice(choices, value):
    return str(dict(choices).get(value, value or ""))


def _yes_no(value):
    return _("Yes") if value else _("No")


def describe_answers(answers, lookups, questions=()):
    """[(step key, step title, [(label, text), ...]), ...] for the saved steps."""
    sections = []
    company = answers.get("company")
    if company is not None:
        sections.append(
            (
                "company",
                BY_KEY["company"].title,
                [
                    (_("Your email address"), company.get("respondent_email", "")),
                    (_("Company name"), company.get("name", "")),
                    (_("VAT or registration number"), company.get("vat_number", "")),
                    (_("Website"), company.get("website", "")),
                    (_("Country"), _country(company.get("country"))),
                    (_("City"), company.get("city", "")),
                    (_("Founding year"), str(company.get("founding_year") or "")),
                    (_("Number of employees"), _choice(Company.Size.choices, company.get("size"))),
                    (
                        _("Annual turnover"),
                        _choice(forms.TurnoverBand.CHOICES, company.get("turnover")),
                    ),
                    (
                        _("Member of the partner clusters"),
                        ", ".join(
                            lookups["clusters"].get(slug, slug)
                            for slug in company.get("clusters") or []
                        )
                        or _("None"),
                    ),
                    (_("Short description"), company.get("description", "")),
                ],
            )
        )
    offerings = answers.get("offerings")
    if offerings is not None:
        rows = []
        for number, item in enumerate(offerings, start=1):
            sector = lookups["sectors"].get(item.get("sector"), item.get("sector") or "")
            text = f"{_choice(Offering.Kind.choices, item.get('kind'))}: {item.get('name', '')}"
            if sector:
                text += f" ({sector})"
            if item.get("description"):
                text += f" – {item['description']}"
            rows.append((_("Item %(number)s") % {"number": number}, text))
        sections.append(("offerings", BY_KEY["offerings"].title, rows))
    competencies = answers.get("competencies")
    if competencies is not None:
        rows = [
            (
                lookups["competencies"].get(item.get("competency"), item.get("competency")),
                _choice(CompanyCompetency.Level.choices, item.get("level")),
            )
            for item in competencies.get("items", [])
        ]
        if not rows:
            rows.append((_("Competencies"), _("None ticked")))
        rows.append((_("Other competencies"), competencies.get("other", "")))
        sections.append(("competencies", BY_KEY["competencies"].title, rows))
    international = answers.get("international")
    if international is not None:
        obstacles = [
            _choice(forms.Obstacle.CHOICES, value) for value in international.get("obstacles", [])
        ]
        sections.append(
            (
                "international",
                BY_KEY["international"].title,
                [
                    (
                        _("Current export markets"),
                        ", ".join(_country(c) for c in international.get("current_markets", [])),
                    ),
                    (
                        _("Share of turnover from exports"),
                        _choice(Company.ExportShare.choices, international.get("export_share")),
                    ),
                    (
                        _("Target markets"),
                        ", ".join(
                            _("%(country)s (priority %(priority)s)")
                            % {"country": _country(t.get("country")), "priority": t.get("priority")}
                            for t in international.get("targets", [])
                        ),
                    ),
                    (
                        _("Interested in B2B meetings"),
                        _choice(forms.B2BInterest.CHOICES, international.get("b2b_interest")),
                    ),
                    (_("Obstacles"), ", ".join(obstacles)),
                    (_("Other obstacles"), international.get("obstacles_other", "")),
                    (
                        _("Existing contacts in your target countries"),
                        international.get("existing_contacts", ""),
                    ),
                    (
                        _("Support you would like from the clusters"),
                        international.get("support_wanted", ""),
                    ),
                ],
            )
        )
    contact = answers.get("contact")
    if contact is not None:
        sections.append(
            (
                "contact",
                BY_KEY["contact"].title,
                [
                    (_("Contact person"), contact.get("contact_name", "")),
                    (_("Role"), contact.get("contact_role", "")),
                    (_("Email"), contact.get("contact_email", "")),
                    (_("Phone"), contact.get("contact_phone", "")),
                    (
                        _("Publish our company profile"),
                        _yes_no(contact.get("consent_publish_profile")),
                    ),
                    (
                        _("Publish the contact person"),
                        _yes_no(contact.get("consent_publish_contact")),
                    ),
                    (
                        _("Partner clusters may contact us"),
                        _yes_no(contact.get("consent_contact_by_partners")),
                    ),
                    (
                        _("Privacy notice read"),
                        _yes_no(contact.get("privacy_acknowledged")),
                    ),
                ],
            )
        )
    extra = answers.get("extra")
    if extra is not None and questions:
        sections.append(
            (
                "extra",
                BY_KEY["extra"].title,
                [
                    (question.text, extra_answer_text(extra.get(question.key)))
                    for question in questions
                ],
            )
        )
    return sections


def extra_answer_text(value):
    if isinstance(value, list):
        return ", ".join(str(one) for one in value)
    return "" if value is None else str(value)


def as_text(sections):
    lines = []
    for _key, title, rows in sections:
        lines.append(f"== {title} ==")
        lines.extend(f"{label}: {text}" for label, text in rows)
        lines.append("")
    return "\n".join(lines)


STEP_TITLES = {step.key: step.title for step in ALL_STEPS}
