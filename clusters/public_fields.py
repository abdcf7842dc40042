"""Which company data is public and which stays private: the one list.

Every public output derives from these lists: the profile page and the directory cards get
a `PublicCompany` view that answers only public fields (a private one reads as missing,
whatever a template asks for), the directory CSV, the JSON-LD and the map points read
through it or through `require_public`, and the questionnaire's intro builds its "what gets
published and what stays private" text from the labels below. So the promise made to a
respondent and what the site shows cannot drift apart.

Adding a Company field means classifying it here: a test fails for any field or relation
that is in none of the lists (or in two).
"""

from django.core.exceptions import ImproperlyConfigured
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _

# (label in the questionnaire's promise, the Company fields and relations it covers)
PUBLIC_COMPANY_FIELDS = (
    (_("company name"), ("name", "slug")),
    (_("country and city"), ("country", "city")),
    (_("location on the map"), ("latitude", "longitude", "location_approximate")),
    (_("website"), ("website",)),
    (_("public email and phone"), ("public_email", "public_phone")),
    (_("logo"), ("logo",)),
    (_("description"), ("description", "description_language")),
    (_("size"), ("size",)),
    (_("founding year"), ("founding_year",)),
    (_("sectors"), ("sectors",)),
    (_("clusters"), ("clusters",)),
    (_("products and services"), ("offerings",)),
    (_("competencies"), ("competencies", "competency_links")),
    (_("current and target markets"), ("markets",)),
    (_("certifications"), ("certifications",)),
    (_("working languages"), ("languages",)),
)

# Public only when the company consented (Company.consent_publish_contact).
CONSENTED_CONTACT_FIELDS = (
    (_("the contact person"), ("contact_name", "contact_role", "contact_email", "contact_phone")),
)

# Seen only by curators and the staff of the company's clusters.
PRIVATE_COMPANY_FIELDS = (
    (_("VAT / registration number"), ("vat_number",)),
    (_("export share"), ("export_share",)),
    (_("consent choices"), ("consent_publish_contact", "consent_contact_by_partners")),
)

# Questionnaire answers that are never copied to a company: staff only, like the above.
PRIVATE_ANSWERS = (
    (_("turnover band"), (("company", "turnover"),)),
    (_("obstacles"), (("international", "obstacles"), ("international", "obstacles_other"))),
    (_("support wanted"), (("international", "support_wanted"),)),
    (_("existing contacts"), (("international", "existing_contacts"),)),
    (_("interest in B2B meetings"), (("international", "b2b_interest"),)),
    (_("answers to the campaign's own questions"), (("extra", "*"),)),
    (_("email address"), (("company", "respondent_email"),)),
)

# Record keeping: no label. Public ones mark or order a published profile; internal ones
# never leave the admin.
PUBLIC_RECORD_FIELDS = ("id", "is_demo", "updated_at", "published_at")
INTERNAL_FIELDS = (
    "status",
    "version",
    "search_document",
    "search_vector",
    "created_at",
)
# Other apps' rows pointing at a company (reverse relations such as surveys' submissions)
# are no field of the company: nothing lists them, so no public output can reach them, and
# an app adding a foreign key to Company edits nothing here (see `own_fields`).


def own_fields(model):
    """The model's fields and relations, less reverse relations from other apps' models."""
    return [
        field
        for field in model._meta.get_fields()
        if not (
            field.auto_created
            and not field.concrete
            and field.related_model._meta.app_label != model._meta.app_label
        )
    ]


def _names(groups):
    return frozenset(name for _label, names in groups for name in names)


PUBLIC_FIELD_NAMES = _names(PUBLIC_COMPANY_FIELDS) | frozenset(PUBLIC_RECORD_FIELDS)
CONTACT_FIELD_NAMES = _names(CONSENTED_CONTACT_FIELDS)
PRIVATE_FIELD_NAMES = _names(PRIVATE_COMPANY_FIELDS) | frozenset(INTERNAL_FIELDS)

# What a PublicCompany answers besides fields: derived from public fields only.
PUBLIC_METHODS = frozenset(
    {"pk", "get_absolute_url", "get_size_display", "has_coordinates", "has_public_contact"}
)


def require_public(*names):
    """`names`, if every one is a public field (for .only() and values_list() calls)."""
    private = [name for name in names if name not in PUBLIC_FIELD_NAMES and name != "pk"]
    if private:
        raise ImproperlyConfigured(f"Not public company fields: {', '.join(private)}")
    return names


class PublicCompany:
    """A read-only view of a company that answers only its public fields.

    The contact person's fields are public when the company consented. Anything else (the
    VAT number, the export share, consents, status...) raises AttributeError, which a
    template renders as nothing, so no template or builder can publish private data.
    """

    __slots__ = ("_company",)

    def __init__(self, company):
        self._company = company

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        company = self._company
        if name in PUBLIC_FIELD_NAMES or name in PUBLIC_METHODS:
            return getattr(company, name)
        if name in CONTACT_FIELD_NAMES and company.has_public_contact:
            return getattr(company, name)
        raise AttributeError(f"{name!r} is not a public company field")

    def __str__(self):
        return self._company.name

    def __eq__(self, other):
        other = other._company if isinstance(other, PublicCompany) else other
        return self._company == other

    def __hash__(self):
        return hash(self._company)


def public_views(companies):
    return [PublicCompany(company) for company in companies]


def questionnaire_privacy():
    """The intro's promise, as lists of labels joined for a sentence."""

    def listed(groups):
        return get_text_list([str(label) for label, _names in groups], str(_("and")))

    return {
        "public": listed(PUBLIC_COMPANY_FIELDS),
        "contact": str(CONSENTED_CONTACT_FIELDS[0][0]),
        "private": listed(PRIVATE_COMPANY_FIELDS + PRIVATE_ANSWERS),
    }
