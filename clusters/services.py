"""Writes for the clusters app: search documents, taxonomy terms, publication, merging.

Search documents are derived data written here, never by signals: each write path (the
admin's saves, the importer, the questionnaire's approval, merges, the demo and bench
loaders) calls `refresh_search_documents` once for the companies it touched.

Model signals retire the cache namespaces on ordinary saves (core.caching, wired from
clusters.caches); a write that sends none (`QuerySet.update()`, `bulk_update`,
`bulk_create`) ends with `core.caching.retire_public_data()`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from core.caching import retire_public_data

from .models import (
    Company,
    CompanyCompetency,
    CompanyMarket,
    Competency,
    CompetencyArea,
    Offering,
    SearchWord,
    Sector,
)
from .selectors.search import SEARCH_CONFIG, name_variants, translated_columns, vocabulary_words

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# The taxonomy whose names are part of a company's search text.
TaxonomyTerm = Competency | CompetencyArea | Sector

SEARCH_DOCUMENT_BATCH = 500

# Level order for merges: the higher level of a shared competency wins.
LEVEL_RANK = {
    CompanyCompetency.Level.BASIC: 1,
    CompanyCompetency.Level.ADVANCED: 2,
    CompanyCompetency.Level.EXPERT: 3,
}


# ---- Search documents ---------------------------------------------------------------------


def _related_columns(path, model):
    return [f"{path}__{column}" for column in translated_columns(model)]


_SEARCH_MODELS = (
    Company,
    CompanyCompetency,
    Competency,
    CompetencyArea,
    Offering,
    SearchWord,
    Sector,
)


def _models(apps):
    """The models search documents are built from: the project's, or a migration's."""
    if apps is None:
        return _SEARCH_MODELS
    return tuple(apps.get_model("clusters", model.__name__) for model in _SEARCH_MODELS)


def _build_search_documents(company_ids, apps=None):
    company, link, competency, area, offering, _word, sector = _models(apps)
    names = dict(company.objects.filter(pk__in=company_ids).values_list("pk", "name"))
    parts = defaultdict(list)
    # Every language's name of a competency, its area and a sector (empty ones dropped).
    competency_names = [
        *_related_columns("competency", competency),
        *_related_columns("competency__area", area),
    ]
    for company_id, *term_names in link.objects.filter(company_id__in=company_ids).values_list(
        "company_id", *competency_names
    ):
        parts[company_id].extend(term_names)
    for company_id, name, description in offering.objects.filter(
        company_id__in=company_ids
    ).values_list("company_id", "name", "description"):
        parts[company_id].extend([name, description])
    for company_id, *sector_names in company.sectors.through.objects.filter(
        company_id__in=company_ids
    ).values_list("company_id", *_related_columns("sector", sector)):
        parts[company_id].extend(sector_names)
    documents = {}
    for company_id, name in names.items():
        # Dedupe (areas repeat) but keep order, so the name stays first.
        words = dict.fromkeys([*name_variants(name), *(p for p in parts[company_id] if p)])
        # NUL never reaches PostgreSQL text; the admin forms refuse it already.
        documents[company_id] = " | ".join(words).replace("\x00", "")
    return documents


def refresh_search_documents(company_ids: Iterable[int], *, apps=None) -> None:
    """Rebuild the denormalised search text (and, on PostgreSQL, the weighted vector).

    The one way a company's search data is written: every service and admin view that
    changes a company's name, description, sectors, competencies or offerings (or the
    name of a taxonomy term) calls it once after its writes, for every company it touched
    (about five queries per 500 companies, whatever the number of related rows).
    `apps`: a migration's app registry, for a migration that rebuilds every document.
    """
    company, _link, _competency, _area, _offering, search_word, _sector = _models(apps)
    company_ids = list({int(pk) for pk in company_ids})
    if not company_ids:
        return
    for start in range(0, len(company_ids), SEARCH_DOCUMENT_BATCH):
        batch = company_ids[start : start + SEARCH_DOCUMENT_BATCH]
        documents = _build_search_documents(batch, apps)
        companies = [company(pk=pk, search_document=doc) for pk, doc in documents.items()]
        # bulk_update: no save(), so no version bump, signals or history for derived data.
        company.objects.bulk_update(companies, ["search_document"])
        descriptions = company.objects.filter(pk__in=batch).values_list("description", flat=True)
        words = vocabulary_words(" ".join([*documents.values(), *descriptions]))
        search_word.objects.bulk_create(
            [search_word(word=word) for word in sorted(words)], ignore_conflicts=True
        )
        if connection.vendor == "postgresql":
            company.objects.filter(pk__in=batch).update(
                search_vector=SearchVector("name", weight="A", config=SEARCH_CONFIG)
                + SearchVector("search_document", weight="B", config=SEARCH_CONFIG)
                + SearchVector("description", weight="C", config=SEARCH_CONFIG)
            )
    # bulk_update and update() send no signals: the ranked result ids are stale.
    retire_public_data()


def rebuild_search_vocabulary(*, batch_size: int = 2000) -> int:
    """Add every word of every company's search document and description to the
    vocabulary (after bulk loads that bypass refresh_search_documents)."""
    words = set()
    rows = Company.objects.values_list("search_document", "description")
    for document, description in rows.iterator(chunk_size=batch_size):
        words |= vocabulary_words(f"{document} {description}")
    SearchWord.objects.bulk_create(
        [SearchWord(word=word) for word in sorted(words)],
        ignore_conflicts=True,
        batch_size=batch_size,
    )
    return len(words)


# What a taxonomy term's text reaches: the companies whose search document contains it.
_MENTIONS = {
    Competency: "competency_links__competency",
    CompetencyArea: "competency_links__competency__area",
    Sector: "sectors",
}


def companies_mentioning(terms: Iterable[TaxonomyTerm]) -> list[int]:
    """The ids of the companies whose search document names one of these terms."""
    terms = list(terms)
    if not terms:
        return []
    lookup = _MENTIONS[type(terms[0])]
    return list(
        Company.objects.filter(**{f"{lookup}__in": terms}).values_list("pk", flat=True).distinct()
    )


# The fields of a term that its companies' search text is made of (besides every
# language's name): a competency moved to another area names another area.
_SEARCH_TEXT_FIELDS = {Competency: ["area_id"], CompetencyArea: [], Sector: []}


def _search_text_changed(term: TaxonomyTerm) -> bool:
    """Whether saving `term` changes the search text of the companies naming it: its name
    in any language (or, for a competency, its area) differs from the stored row."""
    if term.pk is None:
        return False
    fields = [*translated_columns(type(term)), *_SEARCH_TEXT_FIELDS[type(term)]]
    stored = type(term)._base_manager.filter(pk=term.pk).values_list(*fields).first()
    if stored is None:
        return False
    # As save() will write them (a translated `name` reads the current language's value).
    return tuple(getattr(term, field) for field in fields) != tuple(stored)


def save_taxonomy_term(term: TaxonomyTerm, *, renamed: bool) -> None:
    """Save a competency, area or sector; a rename (in any language, or a competency moved
    to another area) rewrites the search text of every company that names it, once.

    `renamed` is the caller's word for it (the admin's changed fields); a change of any
    language's name is found here as well (one query), so a staff edit of the Italian name
    alone reaches the search results."""
    renamed = renamed or _search_text_changed(term)
    term.save()
    if renamed:
        refresh_search_documents(companies_mentioning([term]))


def delete_taxonomy_terms(terms: Iterable[TaxonomyTerm]) -> None:
    """Delete terms (competencies and areas in use are protected by the database) and drop
    their names from the search text of the companies that had them."""
    terms = list(terms)
    company_ids = companies_mentioning(terms)
    for term in terms:
        term.delete()
    refresh_search_documents(company_ids)


# ---- Publication -------------------------------------------------------------------------


def set_status(companies: Iterable[Company], status: str, *, user: User | None = None) -> int:
    """Move the given companies to a status (with history); return how many changed."""
    with transaction.atomic():
        changed = list(
            Company.objects.select_for_update()
            .filter(pk__in=[c.pk for c in companies])
            .exclude(status=status)
        )
        now = timezone.now()
        for company in changed:
            company.status = status
            company.version += 1
            company.updated_at = now
            if status == Company.Status.PUBLISHED and company.published_at is None:
                company.published_at = now
        if changed:
            bulk_update_with_history(
                changed,
                Company,
                ["status", "version", "updated_at", "published_at"],
                default_user=user,
                default_change_reason=_("Status set to %(status)s") % {"status": status},
            )
    retire_public_data()
    return len(changed)


def publish(companies: Iterable[Company], *, user: User | None = None) -> int:
    return set_status(companies, Company.Status.PUBLISHED, user=user)


def unpublish(companies: Iterable[Company], *, user: User | None = None) -> int:
    return set_status(companies, Company.Status.DRAFT, user=user)


def archive(companies: Iterable[Company], *, user: User | None = None) -> int:
    return set_status(companies, Company.Status.ARCHIVED, user=user)


# ---- Merging duplicates ------------------------------------------------------------------

# Fields copied from the duplicate when the kept company has them empty.
MERGE_FILL_FIELDS = [
    "vat_number",
    "country",
    "city",
    "latitude",
    "longitude",
    "website",
    "public_email",
    "public_phone",
    "logo",
    "description",
    "size",
    "founding_year",
    "export_share",
    "certifications",
    "languages",
    "contact_name",
    "contact_role",
    "contact_email",
    "contact_phone",
]


def _is_empty(value):
    return value is None or value == "" or (hasattr(value, "name") and not value.name)


def _merge_csv(first, second):
    items = [item.strip() for item in f"{first},{second}".split(",") if item.strip()]
    return ", ".join(dict.fromkeys(items))


def merge_companies(keep: Company, duplicate: Company, *, user: User | None = None) -> Company:
    """Fold `duplicate` into `keep`: offerings, competencies, markets, clusters and sectors
    move; empty fields of `keep` are filled from it. The duplicate is archived (not
    deleted: other records may point at it) with a note saying where it went."""
    if keep.pk == duplicate.pk:
        raise ValueError("A company cannot be merged into itself.")
    with transaction.atomic():
        keep = Company.objects.select_for_update().get(pk=keep.pk)
        duplicate = Company.objects.select_for_update().get(pk=duplicate.pk)

        Offering.objects.filter(company=duplicate).update(company=keep)

        kept_levels = dict(
            CompanyCompetency.objects.filter(company=keep).values_list("competency_id", "level")
        )
        for link in CompanyCompetency.objects.filter(company=duplicate):
            if link.competency_id not in kept_levels:
                CompanyCompetency.objects.filter(pk=link.pk).update(company=keep)
            else:
                if LEVEL_RANK[link.level] > LEVEL_RANK[kept_levels[link.competency_id]]:
                    CompanyCompetency.objects.filter(
                        company=keep, competency_id=link.competency_id
                    ).update(level=link.level)
                link.delete()

        kept_markets = set(
            CompanyMarket.objects.filter(company=keep).values_list("country", "kind")
        )
        for market in CompanyMarket.objects.filter(company=duplicate):
            if (market.country.code, market.kind) in kept_markets:
                market.delete()
            else:
                CompanyMarket.objects.filter(pk=market.pk).update(company=keep)

        keep.clusters.add(*duplicate.clusters.all())
        keep.sectors.add(*duplicate.sectors.all())

        vat_number = duplicate.vat_number
        if vat_number and not keep.vat_number:
            # Free the unique VAT number before the kept company takes it.
            duplicate.vat_number = ""
            duplicate.save(update_fields=["vat_number"])
        for field in MERGE_FILL_FIELDS:
            value = vat_number if field == "vat_number" else getattr(duplicate, field)
            if _is_empty(getattr(keep, field)) and not _is_empty(value):
                setattr(keep, field, value)
        keep.certifications = _merge_csv(keep.certifications, duplicate.certifications)
        keep.languages = _merge_csv(keep.languages, duplicate.languages)
        keep.consent_publish_contact = (
            keep.consent_publish_contact or duplicate.consent_publish_contact
        )
        keep.consent_contact_by_partners = (
            keep.consent_contact_by_partners or duplicate.consent_contact_by_partners
        )
        keep._change_reason = _("Merged %(name)s (#%(pk)s) into this company") % {
            "name": duplicate.name,
            "pk": duplicate.pk,
        }
        keep.save()

        duplicate.status = Company.Status.ARCHIVED
        note = _("Merged into %(name)s (#%(pk)s).") % {"name": keep.name, "pk": keep.pk}
        duplicate.description = f"{note}\n\n{duplicate.description}".strip()
        duplicate._change_reason = note
        duplicate.save()
        refresh_search_documents([keep.pk, duplicate.pk])
    retire_public_data()
    return keep
