"""Writes for the questionnaire: drafts, submit, curation, privacy requests.

Every state change is a guarded transition (a conditional UPDATE or a row lock), so a
double-click, a replayed POST or two curators at once cannot apply it twice.
"""

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q, prefetch_related_objects
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django_countries import countries

from clusters import geocoding
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
from core.caching import retire_public_data
from core.languages import current_language
from core.tasks import queue_email
from core.text import before_full_stop

from . import steps, tokens
from .models import Submission, Survey
from .selectors import draft_by_key, label_lookups
from .steps import CONTACT, Answers, CompanyAnswers

logger = logging.getLogger(__name__)

STALE_DRAFT_AGE = timedelta(days=30)
# First-step posts of one browser this close to its draft's creation are one visitor's
# double click (or retries): they share that draft.
PARALLEL_POST_WINDOW = timedelta(minutes=10)


class ApprovalError(Exception):
    """An approval that cannot go ahead; the message is for the curator."""


# ---- Drafts ------------------------------------------------------------------------------


def resume_url(submission: Submission, site_url: str) -> str:
    path = reverse("surveys:resume", kwargs={"value": tokens.resume_value(submission)})
    return site_url.rstrip("/") + path


def _copy_out(submission):
    """Copy the filterable fields out of the answers snapshot."""
    answers = Answers(submission.answers)
    company = answers.company or answers.prefill.company or CompanyAnswers()
    contact = answers.section_or_blank(CONTACT)
    submission.company_name = (company.name or "")[:200]
    submission.country = company.country or ""
    submission.contact_email = contact.contact_email or company.respondent_email or ""


def _set_clusters(submission, cluster_ids, fresh=False):
    through = Submission.clusters.through
    if not fresh:
        through.objects.filter(submission_id=submission.pk).delete()
    through.objects.bulk_create(
        [through(submission_id=submission.pk, cluster_id=pk) for pk in cluster_ids]
    )


def start_submission(
    *,
    survey: Survey,
    company_answers: dict,
    cluster_ids: list[int],
    site_url: str,
    draft_key: str | None = None,
) -> tuple[Submission, bool]:
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
        language=current_language(),
    )
    _copy_out(submission)
    try:
        with transaction.atomic():
            submission.save()
            _set_clusters(submission, cluster_ids, fresh=True)
            _email_resume_link(submission, site_url)
    except IntegrityError:
        existing = draft_by_key(draft_key) if draft_key else None
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
        save_step(
            existing, "company", company_answers, next_step="offerings", cluster_ids=cluster_ids
        )
        return existing, False
    return submission, True


@transaction.atomic
def start_update(*, survey: Survey, company: Company) -> Submission:
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
        language=current_language(),
    )
    _copy_out(submission)
    try:
        with transaction.atomic():
            submission.save()
    except IntegrityError:
        # Opened twice at once: the other request's draft.
        existing = draft_by_key(submission.draft_key)
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


def save_step(
    submission: Submission,
    step_key: str,
    step_answers: dict | list,
    *,
    next_step: str,
    cluster_ids: list[int] | None = None,
) -> tuple[bool, bool]:
    """Save one step's answers on a draft: (saved, whether the contact address changed);
    not saved when it is no longer a draft."""
    answers = dict(submission.answers)
    answers[step_key] = step_answers
    submission.answers = answers
    submission.current_step = next_step
    submission.language = current_language()
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
            language=submission.language,
            updated_at=timezone.now(),
        )
        if updated and cluster_ids is not None:
            _set_clusters(submission, cluster_ids)
    return bool(updated), previous_email != submission.contact_email


def send_update_link(company: Company, site_url: str) -> None:
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


def send_resume_link(submission: Submission, site_url: str) -> None:
    _email_resume_link(submission, site_url)


def submit(submission: Submission) -> bool:
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


def purge_stale_drafts(*, now: datetime | None = None) -> int:
    """Delete drafts nobody touched for 30 days. Returns how many."""
    cutoff = (now or timezone.now()) - STALE_DRAFT_AGE
    _total, by_model = Submission.objects.filter(
        status=Submission.Status.IN_PROGRESS, updated_at__lt=cutoff
    ).delete()
    # The total also counts the cluster links deleted with them.
    return by_model.get(Submission._meta.label, 0)


# ---- From a company and back -------------------------------------------------------------


def answers_from_company(company: Company) -> dict:
    """What the questionnaire prefills for an update of `company` (prefetched)."""
    return steps.answers_from_company(company)


# Company fields a submission proposes (declared with proposes=True in steps.py).
COMPANY_FIELDS = tuple(steps.PROPOSED_FIELDS)
RELATION_FIELDS = ("clusters", "offerings", "competencies", "markets")


def proposed_values(answers: dict) -> dict:
    """{company field: the value the answers propose} (unanswered: the field's blank)."""
    snapshot = Answers(answers)
    values = {}
    for name, (step, answer_field) in steps.PROPOSED_FIELDS.items():
        value = snapshot.value(step, answer_field)
        values[name] = answer_field.blank if value is None else value
    return values


RELATION_LABELS = {
    "clusters": _lazy("Clusters"),
    "offerings": _lazy("Products and services"),
    "competencies": _lazy("Competencies"),
    "markets": _lazy("Markets"),
}


def _relation_rows(answers, labels=None):
    """{relation: {key: (row, summary)}}: the rows an answers snapshot holds, keyed so
    that a row edited in the answers is a change of that row, not a removal plus an
    addition (an offering by its name, a competency by its slug, a market by its country
    and kind). Summaries are what the curator reads: names and levels, not slugs and codes
    (`labels` is selectors.label_lookups())."""
    labels = labels or {}
    levels = dict(CompanyCompetency.Level.choices)
    kinds = dict(Offering.Kind.choices)

    def label(kind, value):
        return str(labels.get(kind, {}).get(value, value))

    def country(code):
        return str(countries.name(code) or code)

    snapshot = Answers(answers)
    international = snapshot.section_or_blank(steps.INTERNATIONAL)
    rows = {relation: {} for relation in RELATION_FIELDS}
    for slug in snapshot.section_or_blank(steps.COMPANY).clusters:
        rows["clusters"][slug] = (slug, label("clusters", slug))
    offerings = snapshot.section_or_blank(steps.OFFERINGS).rows
    for key, item in zip(_offering_keys(item.name for item in offerings), offerings, strict=True):
        row = {
            field: getattr(item, field) or "" for field in ("kind", "name", "description", "sector")
        }
        summary = (
            f"{kinds.get(row['kind'], row['kind'])}: {row['name']} "
            f"({label('sectors', row['sector']) if row['sector'] else '-'})"
        )
        if row["description"]:
            summary = f"{summary} – {row['description']}"
        rows["offerings"][key] = (row, summary)
    for item in snapshot.section_or_blank(steps.COMPETENCIES).items:
        row = {"competency": item.competency, "level": item.level}
        summary = (
            f"{label('competencies', row['competency'])}: {levels.get(row['level'], row['level'])}"
        )
        rows["competencies"][row["competency"]] = (row, summary)
    for code in international.current_markets:
        summary = _("current: %(country)s") % {"country": country(code)}
        rows["markets"][("current", code)] = ({"kind": "current"}, summary)
    for target in international.targets:
        code, priority = target.country, target.priority
        summary = _("target: %(country)s (%(priority)s)") % {
            "country": country(code),
            "priority": priority,
        }
        rows["markets"].setdefault(
            ("target", code), ({"kind": "target", "priority": priority}, summary)
        )
    return rows


def _offering_keys(names):
    """Offerings are matched by name (casefolded); two of one name by their order."""
    seen, keys = {}, []
    for name in names:
        name = (name or "").casefold()
        seen[name] = seen.get(name, -1) + 1
        keys.append((name, seen[name]))
    return keys


@dataclass
class RelationDelta:
    """How one relation of a company and of the answers differ, by the rows' keys."""

    relation: str
    current: dict  # {key: (row, summary)} on record
    proposed: dict  # {key: (row, summary)} in the answers
    changed: list  # keys in both whose rows differ
    added: list  # keys only the answers have
    missing: list  # keys only the company has (removed only when a curator ticks it)


def _relation_deltas(answers, company, labels=None) -> list[RelationDelta]:
    """The differences of every relation between the answers and a (prefetched) company."""
    current_rows = _relation_rows(answers_from_company(company), labels)
    proposed_rows = _relation_rows(answers, labels)
    deltas = []
    for relation in RELATION_FIELDS:
        current, proposed = current_rows[relation], proposed_rows[relation]
        deltas.append(
            RelationDelta(
                relation,
                current,
                proposed,
                changed=[
                    key
                    for key in proposed
                    if key in current and proposed[key][1] != current[key][1]
                ],
                added=[key for key in proposed if key not in current],
                missing=[key for key in current if key not in proposed],
            )
        )
    return deltas


def removal_field(relation: str, key) -> str:
    """The curator's choice to remove one row on record that the answers no longer have."""
    digest = hashlib.sha256(repr(key).encode()).hexdigest()[:12]
    return f"remove_{relation}_{digest}"


def _rows_as_answers(relation, rows):
    """Rows of one relation ({key: row}) as the answers snapshot _write_relations reads."""
    if relation == "clusters":
        return {"company": {"clusters": list(rows)}}
    if relation == "offerings":
        return {"offerings": list(rows.values())}
    if relation == "competencies":
        return {"competencies": {"items": list(rows.values())}}
    return {
        "international": {
            "current_markets": [code for (kind, code) in rows if kind == "current"],
            "targets": [
                {"country": code, "priority": row["priority"]}
                for (kind, code), row in rows.items()
                if kind == "target"
            ],
        }
    }


@dataclass
class Change:
    """One choice on the approve-as-update page: `field` is a company field, a relation
    (its additions and changes) or a removal_field(); removals are never applied by default."""

    field: str
    label: str
    current: object
    proposed: object
    removal: bool = False


def _is_removal(current, proposed):
    return not isinstance(current, bool) and current not in (None, "") and not proposed


def company_diff(
    submission: Submission, company: Company, *, names: dict | None = None
) -> list[Change]:
    """The differences between a submission and a (prefetched) company, as Changes.
    `names`: selectors.label_lookups(), when the caller has it already."""
    labels = {field: Company._meta.get_field(field).verbose_name for field in COMPANY_FIELDS}
    changes = []
    for field, proposed in proposed_values(submission.answers).items():
        current = getattr(company, field)
        current = str(current or "") if field == "country" else current
        if (current or None) != (proposed or None):
            changes.append(
                Change(
                    field,
                    str(labels.get(field, field)),
                    current,
                    proposed,
                    removal=_is_removal(current, proposed),
                )
            )
    names = names if names is not None else label_lookups()
    for delta in _relation_deltas(submission.answers, company, names):
        relation, current, proposed = delta.relation, delta.current, delta.proposed
        if delta.changed or delta.added:
            changes.append(
                Change(
                    relation,
                    _("%(relation)s: additions and changes")
                    % {"relation": RELATION_LABELS[relation]},
                    [current[key][1] for key in delta.changed],
                    [proposed[key][1] for key in delta.changed + delta.added],
                )
            )
        for key in delta.missing:
            summary = current[key][1]
            changes.append(
                Change(
                    removal_field(relation, key),
                    _("%(relation)s: remove %(item)s")
                    % {"relation": RELATION_LABELS[relation], "item": summary},
                    summary,
                    "",
                    removal=True,
                )
            )
    return changes


def _relation_objects(company):
    """The (prefetched) company's rows, under the keys _relation_rows gives them."""
    objects = {relation: {} for relation in RELATION_FIELDS}
    for cluster in company.clusters.all():
        objects["clusters"][cluster.slug] = cluster
    offerings = list(company.offerings.all())
    keys = _offering_keys(offering.name for offering in offerings)
    objects["offerings"] = dict(zip(keys, offerings, strict=True))
    for link in company.competency_links.all():
        objects["competencies"][link.competency.slug] = link
    for market in company.markets.all():
        objects["markets"][(market.kind, str(market.country))] = market
    return objects


RELATION_MODELS = {
    "offerings": Offering,
    "competencies": CompanyCompetency,
    "markets": CompanyMarket,
}


def _merge_relations(company, answers, fields):
    """Write the relation changes the curator confirmed into a (prefetched) company.

    A ticked relation adds the answers' new rows and applies their edits; a row on record
    that the answers lack stays unless its removal was ticked. Only the rows that change
    are written: the rest of the company's rows are never touched.
    """
    objects = _relation_objects(company)
    for delta in _relation_deltas(answers, company):
        relation = delta.relation
        gone = {key for key in delta.missing if removal_field(relation, key) in fields}
        new = {}
        if relation in fields:
            new_keys = set(delta.changed) | set(delta.added)
            new = {key: row for key, (row, _summary) in delta.proposed.items() if key in new_keys}
        gone |= set(delta.changed) & set(new)  # an edited row is replaced
        if not gone and not new:
            continue
        doomed = [objects[relation][key] for key in gone if key in objects[relation]]
        if relation == "clusters":
            company.clusters.remove(*doomed)
        else:
            RELATION_MODELS[relation].objects.filter(pk__in=[row.pk for row in doomed]).delete()
        _write_relations(company, _rows_as_answers(relation, new), [relation], replace=False)


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


def _write_relations(company, answers, fields=RELATION_FIELDS, replace=True):
    """Replace (or, replace=False, add to) the company's clusters, offerings, competencies
    and markets from answers."""
    sector_ids = dict(Sector.objects.values_list("slug", "pk"))
    snapshot = Answers(answers)
    if "clusters" in fields:
        slugs = snapshot.section_or_blank(steps.COMPANY).clusters
        clusters = Cluster.objects.filter(slug__in=slugs)
        if replace:
            company.clusters.set(clusters)
        else:
            company.clusters.add(*clusters)
    if "offerings" in fields:
        if replace:
            company.offerings.all().delete()
        offerings = [
            Offering(
                company=company,
                kind=item.kind or Offering.Kind.PRODUCT,
                name=(item.name or "")[:200],
                description=item.description or "",
                sector_id=sector_ids.get(item.sector),
            )
            for item in snapshot.section_or_blank(steps.OFFERINGS).rows
        ]
        Offering.objects.bulk_create(offerings)
        kept = Offering.objects.filter(company=company) if not replace else Offering.objects.none()
        sector_pks = {o.sector_id for o in offerings if o.sector_id}
        sector_pks |= set(kept.exclude(sector=None).values_list("sector_id", flat=True))
        company.sectors.set(sector_pks)
    if "competencies" in fields:
        if replace:
            company.competency_links.all().delete()
        items = snapshot.section_or_blank(steps.COMPETENCIES).items
        competency_ids = dict(
            Competency.objects.filter(slug__in=[item.competency for item in items]).values_list(
                "slug", "pk"
            )
        )
        CompanyCompetency.objects.bulk_create(
            [
                CompanyCompetency(
                    company=company,
                    competency_id=competency_ids[item.competency],
                    level=item.level or CompanyCompetency.Level.BASIC,
                )
                for item in items
                if item.competency in competency_ids
            ]
        )
    if "markets" in fields:
        if replace:
            company.markets.all().delete()
        international = snapshot.section_or_blank(steps.INTERNATIONAL)
        markets = {}
        for code in international.current_markets:
            markets[(code, CompanyMarket.Kind.CURRENT)] = None
        for target in international.targets:
            markets.setdefault((target.country, CompanyMarket.Kind.TARGET), target.priority)
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
    transaction.on_commit(retire_public_data)


def location_guess(submission: Submission):
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


def approve_as_new(submission: Submission, user, *, location: tuple | None = None) -> Company:
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
        publish = bool(Answers(answers).section_or_blank(CONTACT).consent_publish_profile)
        now = timezone.now()
        company = Company(
            **values,
            slug=_unique_slug(values["name"]),
            public_email=values["contact_email"] if values["consent_publish_contact"] else "",
            description_language=locked.language,
            status=Company.Status.PUBLISHED if publish else Company.Status.DRAFT,
            published_at=now if publish else None,
            **_location_fields(locked, location),
        )
        company.save()
        _write_relations(company, answers)
        _mark_reviewed(locked, user, Submission.Status.APPROVED, company=company)
        _refresh_directory(company)
    return company


def approve_as_update(
    submission: Submission,
    company: Company,
    user,
    *,
    fields: list[str],
    expected_version: int,
) -> Company:
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
        if "description" in scalar_fields:
            company.description_language = locked.language
        if "contact_email" in scalar_fields or "consent_publish_contact" in scalar_fields:
            company.public_email = company.contact_email if company.consent_publish_contact else ""
        _follow_the_town(company, scalar_fields)
        company.save()
        prefetch_related_objects(
            [company], "clusters", "offerings__sector", "competency_links__competency", "markets"
        )
        _merge_relations(company, locked.answers, fields)
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


def reject(submission: Submission, user, *, reason: str, notify: bool = False) -> Submission:
    with transaction.atomic():
        locked = _lock_submitted(submission)
        _mark_reviewed(locked, user, Submission.Status.REJECTED, note=reason)
        if notify and locked.contact_email:
            # In the respondent's language, not the curator's.
            with translation.override(locked.language):
                _notify_rejection(locked, reason)
    return locked


def _notify_rejection(locked, reason):
    body = _(
        "Thank you for answering the C2Future competency questionnaire for "
        "%(name)s. The cluster staff could not publish your answers:\n\n%(reason)s\n\n"
        "Reply to the secretariat if you have questions."
    ) % {"name": before_full_stop(locked.company_name), "reason": reason}
    queue_email(_("Your C2Future questionnaire"), body, [locked.contact_email])


def mark_spam(submission: Submission, user) -> Submission:
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
        Q(contact_email__in=emails)
        | Q(**{f"answers__{steps.COMPANY.key}__respondent_email__in": emails})
    )


def respondent_export(emails: list[str]) -> dict:
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


@transaction.atomic
def erase_respondent(emails: list[str]) -> int:
    """Anonymise the respondent's contact data in every submission; keep the counts."""
    erased = 0
    now = timezone.now()
    for submission in _respondent_submissions(emails).select_for_update():
        answers = dict(submission.answers)
        for section in (steps.COMPANY.key, "prefill", CONTACT.key):
            if isinstance(answers.get(section), dict):
                answers[section] = _anonymised(answers[section])
        submission.answers = answers
        submission.contact_email = ""
        submission.erased_at = now
        submission.save(update_fields=["answers", "contact_email", "erased_at", "updated_at"])
        erased += 1
    return erased


def _anonymised(section):
    """A step's answers (or the prefill, which nests steps) without the personal ones."""
    section = dict(section)
    for key in steps.PERSONAL_KEYS:  # declared personal=True in steps.py
        if key in section:
            section[key] = ""
    for step in (CONTACT, steps.COMPANY):
        if isinstance(section.get(step.key), dict):
            section[step.key] = _anonymised(section[step.key])
    return section
