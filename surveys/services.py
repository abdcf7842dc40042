"""Writes for the questionnaire: drafts, submit, curation, privacy requests.

Every state change is a guarded transition (a conditional UPDATE or a row lock), so a
double-click, a replayed POST or two curators at once cannot apply it twice.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_countries import countries

from clusters import geocoding
from clusters import services as directory_services
from clusters.models import (
    Cluster,
    Company,
    CompanyCompetency,
    CompanyMarket,
    Competency,
    Offering,
    Sector,
)
from clusters.services import refresh_search_documents
from core.tasks import queue_email
from core.text import before_full_stop

from . import tokens
from .models import Submission
from .selectors import label_lookups

logger = logging.getLogger(__name__)

STALE_DRAFT_AGE = timedelta(days=30)
# First-step posts of one browser this close to its draft's creation are one visitor's
# double click (or retries): they share that draft.
PARALLEL_POST_WINDOW = timedelta(minutes=10)


class ApprovalError(Exception):
    """An approval that cannot go ahead; the message is for the curator."""


# ---- Drafts ------------------------------------------------------------------------------


def resume_url(submission, site_url):
    path = reverse("surveys:resume", kwargs={"value": tokens.resume_value(submission)})
    return site_url.rstrip("/") + path


def _copy_out(submission):
    """Copy the filterable fields out of the answers snapshot."""
    answers = submission.answers
    company = answers.get("company") or answers.get("prefill", {}).get("company") or {}
    contact = answers.get("contact") or {}
    submission.company_name = (company.get("name") or "")[:200]
    submission.country = company.get("country") or ""
    submission.contact_email = contact.get("contact_email") or company.get("respondent_email") or ""


def _set_clusters(submission, cluster_ids, fresh=False):
    through = Submission.clusters.through
    if not fresh:
        through.objects.filter(submission_id=submission.pk).delete()
    through.objects.bulk_create(
        [through(submission_id=submission.pk, cluster_id=pk) for pk in cluster_ids]
    )


def _draft_in_progress(draft_key):
    return Submission.objects.filter(
        draft_key=draft_key, status=Submission.Status.IN_PROGRESS
    ).first()


def start_submission(*, survey, company_answers, cluster_ids, site_url, draft_key=None):
    """Step 1 saved for the first time: the draft now lives on the server.

    One draft per `draft_key` (the visitor's browser): of parallel first posts one creates
    the draft and emails the resume link; the unique constraint makes the others wait for
    its commit, fail to insert, and save their answers into that draft instead.
    Returns (draft, created).
    """
    submission = Submission(
        survey=survey,
        answers={"company": company_answers},
        current_step="offerings",
        draft_key=draft_key,
    )
    _copy_out(submission)
    try:
        with transaction.atomic():
            submission.save()
            _set_clusters(submission, cluster_ids, fresh=True)
            _email_resume_link(submission, site_url)
    except IntegrityError:
        existing = _draft_in_progress(draft_key) if draft_key else None
        if existing is None:
            raise
        if existing.created_at < timezone.now() - PARALLEL_POST_WINDOW:
            # Not a double post but someone else later in the same browser (a CSRF
            # cookie outlives sessions): a draft of their own, never the earlier one.
            return start_submission(
                survey=survey,
                company_answers=company_answers,
                cluster_ids=cluster_ids,
                site_url=site_url,
            )
        save_step(existing, "company", company_answers, "offerings", cluster_ids)
        return existing, False
    return submission, True


@transaction.atomic
def start_update(*, survey, company, site_url):
    """A draft prefilled from a published company; it becomes a submission for review.

    One per company and contact (tokens.update_draft_key): opening the link again, or
    another link sent to the same contact, returns the draft already in progress.
    """
    submission = Submission(
        survey=survey,
        kind=Submission.Kind.UPDATE,
        company=company,
        answers={"prefill": answers_from_company(company)},
        current_step="company",
        draft_key=tokens.update_draft_key(company),
    )
    _copy_out(submission)
    try:
        with transaction.atomic():
            submission.save()
    except IntegrityError:
        # Opened twice at once: the other request's draft.
        existing = _draft_in_progress(submission.draft_key)
        if existing is None:
            raise
        return existing
    _set_clusters(submission, [cluster.pk for cluster in company.clusters.all()], fresh=True)
    return submission


def _email_resume_link(submission, site_url):
    email = submission.contact_email
    if not email:
        return
    body = _(
        "Thank you for starting the C2Future competency questionnaire for %(name)s.\n\n"
        "Your answers are saved. To continue later, on this or another device, open:\n"
        "%(link)s\n\n"
        "The link works for 30 days. If you did not start the questionnaire, ignore this "
        "email and the draft will be deleted."
    ) % {
        "name": before_full_stop(submission.company_name),
        "link": resume_url(submission, site_url),
    }
    queue_email(_("Continue your C2Future questionnaire"), body, [email])


def save_step(submission, step_key, step_answers, next_step, cluster_ids=None):
    """Save one step's answers on a draft. False if it is no longer a draft."""
    answers = dict(submission.answers)
    answers[step_key] = step_answers
    submission.answers = answers
    submission.current_step = next_step
    previous_email = submission.contact_email
    _copy_out(submission)
    with transaction.atomic():
        updated = Submission.objects.filter(
            pk=submission.pk, status=Submission.Status.IN_PROGRESS
        ).update(
            answers=answers,
            current_step=next_step,
            company_name=submission.company_name,
            country=submission.country,
            contact_email=submission.contact_email,
            updated_at=timezone.now(),
        )
        if updated and cluster_ids is not None:
            _set_clusters(submission, cluster_ids)
    return bool(updated), previous_email != submission.contact_email


def send_update_link(company, site_url):
    """Email a signed "update my profile" link, only ever to the address on record."""
    address = company.contact_email or company.public_email
    if not address:
        logger.info("Update link requested for %s, which has no address on record", company.pk)
        return
    path = reverse("surveys:open_update", kwargs={"value": tokens.update_value(company)})
    body = _(
        "Someone asked to update the C2Future directory profile of %(name)s.\n\n"
        "To review and update it, open this link (it works for 30 days):\n%(link)s\n\n"
        "Your changes are reviewed by cluster staff before they are published. If you did "
        "not ask for this, ignore this email."
    ) % {"name": before_full_stop(company.name), "link": site_url.rstrip("/") + path}
    queue_email(_("Update your C2Future directory profile"), body, [address])


def send_resume_link(submission, site_url):
    _email_resume_link(submission, site_url)


def submit(submission):
    """Submit a draft once. Returns True the first time, False for a replay."""
    with transaction.atomic():
        updated = Submission.objects.filter(
            pk=submission.pk, status=Submission.Status.IN_PROGRESS
        ).update(
            status=Submission.Status.SUBMITTED,
            submitted_at=timezone.now(),
            updated_at=timezone.now(),
        )
        if updated:
            from .tasks import send_submission_emails

            # The worker renders and queues the emails; a mail outage never loses this row.
            transaction.on_commit(lambda: send_submission_emails.enqueue(submission.pk))
    submission.refresh_from_db(fields=["status", "submitted_at"])
    return bool(updated)


def purge_stale_drafts(now=None):
    """Delete drafts nobody touched for 30 days. Returns how many."""
    cutoff = (now or timezone.now()) - STALE_DRAFT_AGE
    _total, by_model = Submission.objects.filter(
        status=Submission.Status.IN_PROGRESS, updated_at__lt=cutoff
    ).delete()
    # The total also counts the cluster links deleted with them.
    return by_model.get(Submission._meta.label, 0)


# ---- From a company and back -------------------------------------------------------------


def answers_from_company(company):
    """What the questionnaire prefills for an update of `company` (prefetched)."""
    markets = list(company.markets.all())
    return {
        "company": {
            "respondent_email": company.contact_email or company.public_email,
            "name": company.name,
            "vat_number": company.vat_number,
            "website": company.website,
            "country": str(company.country or ""),
            "city": company.city,
            "founding_year": company.founding_year,
            "size": company.size,
            "turnover": "",
            "clusters": [cluster.slug for cluster in company.clusters.all()],
            "description": company.description,
        },
        "offerings": [
            {
                "kind": offering.kind,
                "name": offering.name,
                "description": offering.description,
                "sector": offering.sector.slug if offering.sector else "",
            }
            for offering in company.offerings.all()
        ],
        "competencies": {
            "items": [
                {"competency": link.competency.slug, "level": link.level}
                for link in company.competency_links.all()
            ],
            "other": "",
        },
        "international": {
            "current_markets": [
                str(m.country) for m in markets if m.kind == CompanyMarket.Kind.CURRENT
            ],
            "export_share": company.export_share,
            "targets": [
                {"country": str(m.country), "priority": m.priority or 1}
                for m in markets
                if m.kind == CompanyMarket.Kind.TARGET
            ],
        },
        "contact": {
            "contact_name": company.contact_name,
            "contact_role": company.contact_role,
            "contact_email": company.contact_email,
            "contact_phone": company.contact_phone,
            "consent_publish_profile": company.is_published,
            "consent_publish_contact": company.consent_publish_contact,
            "consent_contact_by_partners": company.consent_contact_by_partners,
        },
    }


# Company fields a submission proposes, with how to read them from the answers.
COMPANY_FIELDS = {
    "name": ("company", "name", ""),
    "vat_number": ("company", "vat_number", ""),
    "website": ("company", "website", ""),
    "country": ("company", "country", ""),
    "city": ("company", "city", ""),
    "founding_year": ("company", "founding_year", None),
    "size": ("company", "size", ""),
    "description": ("company", "description", ""),
    "export_share": ("international", "export_share", ""),
    "contact_name": ("contact", "contact_name", ""),
    "contact_role": ("contact", "contact_role", ""),
    "contact_email": ("contact", "contact_email", ""),
    "contact_phone": ("contact", "contact_phone", ""),
    "consent_publish_contact": ("contact", "consent_publish_contact", False),
    "consent_contact_by_partners": ("contact", "consent_contact_by_partners", False),
}
RELATION_FIELDS = ("clusters", "offerings", "competencies", "markets")


def proposed_values(answers):
    values = {}
    for field, (section, key, default) in COMPANY_FIELDS.items():
        value = (answers.get(section) or {}).get(key, default)
        values[field] = default if value is None else value
    return values


def _relation_summaries_from_answers(answers, labels=None):
    """Readable one-line summaries of the answers' relations, compared and shown in the
    review diff: names and levels instead of the stored slugs and codes."""
    labels = labels or {}
    international = answers.get("international") or {}
    levels = dict(CompanyCompetency.Level.choices)
    kinds = dict(Offering.Kind.choices)

    def label(kind, value):
        return str(labels.get(kind, {}).get(value, value))

    def country(code):
        return countries.name(code) or code

    return {
        "clusters": sorted(
            label("clusters", slug) for slug in (answers.get("company") or {}).get("clusters") or []
        ),
        "offerings": sorted(
            f"{kinds.get(o.get('kind'), o.get('kind'))}: {o.get('name')} "
            f"({label('sectors', o.get('sector')) if o.get('sector') else '-'})"
            for o in answers.get("offerings") or []
        ),
        "competencies": sorted(
            f"{label('competencies', item.get('competency'))}: "
            f"{levels.get(item.get('level'), item.get('level'))}"
            for item in (answers.get("competencies") or {}).get("items", [])
        ),
        "markets": sorted(
            [
                _("current: %(country)s") % {"country": country(code)}
                for code in international.get("current_markets") or []
            ]
            + [
                _("target: %(country)s (%(priority)s)")
                % {"country": country(t.get("country")), "priority": t.get("priority")}
                for t in international.get("targets") or []
            ]
        ),
    }


def _relation_summaries_from_company(company, labels=None):
    return _relation_summaries_from_answers(answers_from_company(company), labels)


@dataclass
class Change:
    field: str
    label: str
    current: object
    proposed: object


def company_diff(submission, company):
    """Field-by-field differences between a submission and a (prefetched) company."""
    labels = {field: Company._meta.get_field(field).verbose_name for field in COMPANY_FIELDS}
    changes = []
    for field, proposed in proposed_values(submission.answers).items():
        current = getattr(company, field)
        current = str(current or "") if field == "country" else current
        if (current or None) != (proposed or None):
            changes.append(Change(field, str(labels.get(field, field)), current, proposed))
    names = label_lookups()
    proposed_relations = _relation_summaries_from_answers(submission.answers, names)
    current_relations = _relation_summaries_from_company(company, names)
    relation_labels = {
        "clusters": _("Clusters"),
        "offerings": _("Products and services"),
        "competencies": _("Competencies"),
        "markets": _("Markets"),
    }
    for field in RELATION_FIELDS:
        if proposed_relations[field] != current_relations[field]:
            changes.append(
                Change(
                    field,
                    relation_labels[field],
                    current_relations[field],
                    proposed_relations[field],
                )
            )
    return changes


# ---- Curation -----------------------------------------------------------------------------


def _lock_submitted(submission):
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    if locked.status != Submission.Status.SUBMITTED:
        raise ApprovalError(
            _("This submission is %(status)s; only submitted ones can be reviewed.")
            % {"status": locked.get_status_display().lower()}
        )
    return locked


def _unique_slug(name):
    base = slugify(name)[:200] or "company"
    taken = set(Company.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    return slug


def _write_relations(company, answers, fields=RELATION_FIELDS):
    """Replace the company's clusters, offerings, competencies and markets from answers."""
    sector_ids = dict(Sector.objects.values_list("slug", "pk"))
    if "clusters" in fields:
        slugs = (answers.get("company") or {}).get("clusters") or []
        company.clusters.set(Cluster.objects.filter(slug__in=slugs))
    if "offerings" in fields:
        company.offerings.all().delete()
        offerings = [
            Offering(
                company=company,
                kind=item.get("kind") or Offering.Kind.PRODUCT,
                name=(item.get("name") or "")[:200],
                description=item.get("description") or "",
                sector_id=sector_ids.get(item.get("sector")),
            )
            for item in answers.get("offerings") or []
        ]
        Offering.objects.bulk_create(offerings)
        company.sectors.set({o.sector_id for o in offerings if o.sector_id})
    if "competencies" in fields:
        company.competency_links.all().delete()
        items = (answers.get("competencies") or {}).get("items", [])
        competency_ids = dict(
            Competency.objects.filter(
                slug__in=[item.get("competency") for item in items]
            ).values_list("slug", "pk")
        )
        CompanyCompetency.objects.bulk_create(
            [
                CompanyCompetency(
                    company=company,
                    competency_id=competency_ids[item["competency"]],
                    level=item.get("level") or CompanyCompetency.Level.BASIC,
                )
                for item in items
                if item.get("competency") in competency_ids
            ]
        )
    if "markets" in fields:
        company.markets.all().delete()
        international = answers.get("international") or {}
        markets = {}
        for code in international.get("current_markets") or []:
            markets[(code, CompanyMarket.Kind.CURRENT)] = None
        for target in international.get("targets") or []:
            markets.setdefault(
                (target.get("country"), CompanyMarket.Kind.TARGET), target.get("priority")
            )
        CompanyMarket.objects.bulk_create(
            [
                CompanyMarket(company=company, country=code, kind=kind, priority=priority)
                for (code, kind), priority in markets.items()
                if code
            ]
        )


def _refresh_directory(company):
    """bulk_create skips the directory's signals: rebuild its search data and caches."""
    refresh_search_documents([company.pk])
    transaction.on_commit(directory_services.invalidate_all)


def location_guess(submission):
    """Where the gazetteer puts the submission's town (clusters.geocoding), or None."""
    values = proposed_values(submission.answers)
    return geocoding.guess_location(values["city"], values["country"])


def _location_fields(submission, location):
    """Coordinates for a new company: the curator's (latitude, longitude, approximate), or
    the town-centre guess when they gave none."""
    if location is None:
        guess = location_guess(submission)
        if guess is None:
            return {}
        return {
            "latitude": guess.latitude,
            "longitude": guess.longitude,
            "location_approximate": True,
        }
    latitude, longitude, approximate = location
    if latitude is None or longitude is None:
        return {}
    return {"latitude": latitude, "longitude": longitude, "location_approximate": approximate}


def approve_as_new(submission, user, location=None):
    """Create the company (published if the respondent consented) with everything at once.

    `location` is what the curator confirmed on the review page (latitude, longitude,
    approximate); without it the company is placed at its town's centre when the gazetteer
    knows the town.
    """
    with transaction.atomic():
        locked = _lock_submitted(submission)
        answers = locked.answers
        values = proposed_values(answers)
        vat = values["vat_number"].strip()
        if vat and Company.objects.filter(vat_number__iexact=vat).exists():
            raise ApprovalError(
                _(
                    "A company with VAT number %(vat)s already exists: approve this as an "
                    "update of that company instead."
                )
                % {"vat": vat}
            )
        publish = bool((answers.get("contact") or {}).get("consent_publish_profile"))
        now = timezone.now()
        company = Company(
            **values,
            slug=_unique_slug(values["name"]),
            public_email=values["contact_email"] if values["consent_publish_contact"] else "",
            status=Company.Status.PUBLISHED if publish else Company.Status.DRAFT,
            published_at=now if publish else None,
            **_location_fields(locked, location),
        )
        company.save()
        _write_relations(company, answers)
        _mark_reviewed(locked, user, Submission.Status.APPROVED, company=company)
        _refresh_directory(company)
    return company


def approve_as_update(submission, company, user, fields, expected_version):
    """Apply the changes the curator confirmed to an existing company."""
    with transaction.atomic():
        locked = _lock_submitted(submission)
        company = Company.objects.select_for_update().get(pk=company.pk)
        if company.version != expected_version:
            raise ApprovalError(
                _("%(company)s was changed meanwhile: review the differences again.")
                % {"company": company.name}
            )
        values = proposed_values(locked.answers)
        scalar_fields = [field for field in fields if field in values]
        for field in scalar_fields:
            setattr(company, field, values[field])
        if "contact_email" in scalar_fields or "consent_publish_contact" in scalar_fields:
            company.public_email = company.contact_email if company.consent_publish_contact else ""
        _follow_the_town(company, scalar_fields)
        company.save()
        _write_relations(company, locked.answers, [f for f in fields if f in RELATION_FIELDS])
        _mark_reviewed(locked, user, Submission.Status.APPROVED, company=company)
        _refresh_directory(company)
    return company


def _follow_the_town(company, fields):
    """A company that moved town and was placed by a guess (or not at all) gets the centre
    of its new town; coordinates a curator set are kept."""
    if not {"city", "country"} & set(fields):
        return
    if company.has_coordinates and not company.location_approximate:
        return
    guess = geocoding.guess_location(company.city, company.country)
    company.latitude = guess.latitude if guess else None
    company.longitude = guess.longitude if guess else None
    company.location_approximate = guess is not None


def _mark_reviewed(submission, user, status, company=None, note=""):
    submission.status = status
    submission.reviewed_by = user
    submission.reviewed_at = timezone.now()
    fields = ["status", "reviewed_by", "reviewed_at", "updated_at"]
    if company is not None:
        submission.company = company
        fields.append("company")
    if note:
        submission.review_note = note
        fields.append("review_note")
    submission.save(update_fields=fields)


def reject(submission, user, reason, notify=False):
    with transaction.atomic():
        locked = _lock_submitted(submission)
        _mark_reviewed(locked, user, Submission.Status.REJECTED, note=reason)
        if notify and locked.contact_email:
            body = _(
                "Thank you for answering the C2Future competency questionnaire for "
                "%(name)s. The cluster staff could not publish your answers:\n\n%(reason)s\n\n"
                "Reply to the secretariat if you have questions."
            ) % {"name": before_full_stop(locked.company_name), "reason": reason}
            queue_email(_("Your C2Future questionnaire"), body, [locked.contact_email])
    return locked


def mark_spam(submission, user):
    """Mark a draft or a submission as spam (never an approved one)."""
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if locked.status not in (Submission.Status.IN_PROGRESS, Submission.Status.SUBMITTED):
            raise ApprovalError(_("Only drafts and submitted answers can be marked as spam."))
        _mark_reviewed(locked, user, Submission.Status.SPAM)
    return locked


# ---- Privacy ------------------------------------------------------------------------------


def _respondent_submissions(emails):
    emails = [email for email in emails if email]
    return Submission.objects.filter(
        Q(contact_email__in=emails) | Q(answers__company__respondent_email__in=emails)
    )


def respondent_export(emails):
    """Everything held about the respondents with these addresses, as JSON-ready data."""
    submissions = _respondent_submissions(emails).select_related("survey").order_by("pk")
    companies = Company.objects.filter(contact_email__in=[e for e in emails if e])
    return {
        "generated_at": timezone.now().isoformat(),
        "emails": sorted(set(emails)),
        "submissions": [
            {
                "id": s.pk,
                "survey": s.survey.title,
                "status": s.status,
                "kind": s.kind,
                "created_at": s.created_at.isoformat(),
                "updated_at": s.updated_at.isoformat(),
                "submitted_at": s.submitted_at.isoformat() if s.submitted_at else None,
                "answers": s.answers,
            }
            for s in submissions
        ],
        "companies": [
            {
                "id": c.pk,
                "name": c.name,
                "status": c.status,
                "contact_name": c.contact_name,
                "contact_role": c.contact_role,
                "contact_email": c.contact_email,
                "contact_phone": c.contact_phone,
                "consent_publish_contact": c.consent_publish_contact,
                "consent_contact_by_partners": c.consent_contact_by_partners,
            }
            for c in companies
        ],
    }


CONTACT_KEYS = ("contact_name", "contact_role", "contact_email", "contact_phone")


@transaction.atomic
def erase_respondent(emails):
    """Anonymise the respondent's contact data in every submission; keep the counts."""
    erased = 0
    now = timezone.now()
    for submission in _respondent_submissions(emails).select_for_update():
        answers = dict(submission.answers)
        for section in ("company", "prefill"):
            if isinstance(answers.get(section), dict):
                answers[section] = _anonymised(answers[section])
        if isinstance(answers.get("contact"), dict):
            answers["contact"] = _anonymised(answers["contact"])
        submission.answers = answers
        submission.contact_email = ""
        submission.erased_at = now
        submission.save(update_fields=["answers", "contact_email", "erased_at", "updated_at"])
        erased += 1
    return erased


def _anonymised(section):
    section = dict(section)
    if "respondent_email" in section:
        section["respondent_email"] = ""
    for key in CONTACT_KEYS:
        if key in section:
            section[key] = ""
    if isinstance(section.get("contact"), dict):
        section["contact"] = _anonymised(section["contact"])
    if isinstance(section.get("company"), dict):
        section["company"] = _anonymised(section["company"])
    return section
