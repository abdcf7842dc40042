"""Read queries for the questionnaire, the review queue and the results dashboard."""

import re
import uuid
from collections import Counter
from urllib.parse import urlsplit

from django.contrib.postgres.search import TrigramDistance, TrigramSimilarity
from django.db import connection
from django.db.models import Count, Q, QuerySet, Value
from django.db.models.functions import Replace, TruncWeek, Upper
from django.utils import timezone
from django.utils.translation import get_language
from django_countries import countries

from clusters.models import Cluster, Company, Competency, Sector, cluster_label

from .caches import QUESTIONNAIRE
from .models import ExtraQuestion, Submission, Survey
from .steps import ANSWER_FIELDS, COMPANY, Answers

# Submissions that count as responses in the results (not drafts, not spam).
RESPONSE_STATUSES = (
    Submission.Status.SUBMITTED,
    Submission.Status.APPROVED,
    Submission.Status.REJECTED,
)


# ---- The questionnaire -------------------------------------------------------------------


def with_extra_count(queryset: QuerySet) -> QuerySet:
    return queryset.annotate(extra_question_count=Count("extra_questions"))


def _unclosed_surveys() -> list[Survey]:
    # Most recently opened first; a campaign closed now stays closed, so the cached list
    # only needs filtering by the time of each request.
    now = timezone.now()
    return list(
        with_extra_count(Survey.objects.all())
        .filter(Q(closes_at__isnull=True) | Q(closes_at__gt=now))
        .order_by("-opens_at", "-pk")
    )


def current_survey() -> Survey | None:
    """The open campaign (the most recently opened one), or None."""
    now = timezone.now()
    surveys = QUESTIONNAIRE.get_or_set("unclosed", compute=_unclosed_surveys)
    return next(
        (
            survey
            for survey in surveys
            if survey.opens_at <= now and (survey.closes_at is None or survey.closes_at > now)
        ),
        None,
    )


def latest_survey() -> Survey | None:
    """The most recent campaign whatever its dates (to say when it opens or closed)."""
    return Survey.objects.order_by("-opens_at").first()


def draft_by_id(submission_id) -> Submission | None:
    if not isinstance(submission_id, int):
        return None
    return (
        Submission.objects.select_related("survey", "company")
        .annotate(extra_question_count=Count("survey__extra_questions"))
        .filter(pk=submission_id)
        .first()
    )


def draft_by_key(draft_key: str) -> Submission | None:
    """The draft in progress that `draft_key` opened (Submission.draft_key), or None."""
    return Submission.objects.filter(
        draft_key=draft_key, status=Submission.Status.IN_PROGRESS
    ).first()


def submission_by_token(token: uuid.UUID) -> Submission | None:
    return Submission.objects.select_related("survey").filter(token=token).first()


def extra_questions(survey: Survey) -> list[ExtraQuestion]:
    return list(ExtraQuestion.objects.filter(survey=survey).order_by("position", "pk"))


def _cluster_choices() -> list[tuple[str, str, int]]:
    return [
        (slug, cluster_label(acronym, name), pk)
        for pk, slug, acronym, name in Cluster.objects.filter(is_partner=True)
        .order_by("name")
        .values_list("pk", "slug", "acronym", "name")
    ]


def cluster_choices() -> list[tuple[str, str, int]]:
    """The partner clusters a step offers: (slug, label, pk), by name in this language."""
    return QUESTIONNAIRE.get_or_set("clusters", get_language(), compute=_cluster_choices)


def step_choices(needs: tuple[str, ...]) -> dict:
    """The choice lists a step's form needs: one query per list."""
    choices = {}
    if "clusters" in needs:
        rows = cluster_choices()
        choices["clusters"] = [(slug, label) for slug, label, _pk in rows]
        choices["cluster_ids"] = {slug: pk for slug, _label, pk in rows}
    if "sectors" in needs:
        choices["sectors"] = list(Sector.objects.values_list("slug", "name"))
    if "competencies" in needs:
        grouped = {}
        for area, slug, name in Competency.objects.select_related("area").values_list(
            "area__name", "slug", "name"
        ):
            grouped.setdefault(area, []).append((slug, name))
        choices["competencies"] = list(grouped.items())
    return choices


def label_lookups() -> dict[str, dict[str, str]]:
    """Slug -> name maps to show stored answers (three queries)."""
    return {
        "clusters": {
            slug: cluster_label(acronym, name)
            for slug, acronym, name in Cluster.objects.values_list("slug", "acronym", "name")
        },
        "sectors": dict(Sector.objects.values_list("slug", "name")),
        "competencies": dict(Competency.objects.values_list("slug", "name")),
    }


def company_for_update(slug: str) -> Company | None:
    return Company.objects.filter(slug=slug, status=Company.Status.PUBLISHED).first()


def published_company(company_id: int) -> Company | None:
    return Company.objects.filter(pk=company_id, status=Company.Status.PUBLISHED).first()


def company_prefill(company: Company) -> Company:
    """A published company with what the questionnaire prefills from it (four queries)."""
    return (
        Company.objects.filter(pk=company.pk)
        .prefetch_related(
            "clusters", "offerings__sector", "competency_links__competency", "markets"
        )
        .get()
    )


# ---- Curation -----------------------------------------------------------------------------


def website_domain(url: str | None) -> str:
    host = urlsplit(url or "").hostname or ""
    return host.removeprefix("www.").lower()


def _normalised_vat(field):
    expression = Upper(field)
    for separator in (" ", ".", "-"):
        expression = Replace(expression, Value(separator), Value(""))
    return expression


def possible_duplicates(
    submission: Submission, *, limit: int = 10, companies: QuerySet | None = None
) -> list[Company]:
    """Companies that may be the same as the submission's: same VAT, domain or a similar name.

    `companies` narrows the candidates (the reviewer's visible companies, see the admin).
    """
    company = Answers(submission.answers).section_or_blank(COMPANY)
    vat = re.sub(r"[\s.-]", "", company.vat_number or "").upper()
    domain = website_domain(company.website)
    name = (company.name or "").strip()
    conditions = Q(pk__in=[])
    queryset = (Company.objects.all() if companies is None else companies).annotate(
        vat_key=_normalised_vat("vat_number")
    )
    if vat:
        conditions |= Q(vat_key=vat)
    if domain:
        conditions |= Q(website__icontains=domain)
    if name and connection.vendor == "postgresql":
        # The `limit` nearest similar names, from the GiST trigram index on UPPER(name)
        # (clusters migration 0015; similarity ignores case): a common name is similar to
        # thousands of companies, and fetching each of them to keep ten took 60 ms at 100k.
        similar = (
            (Company.objects.all() if companies is None else companies)
            .annotate(upper_name=Upper("name"))
            .filter(upper_name__trigram_similar=name.upper())
            .order_by(TrigramDistance(Upper("name"), name.upper()))
            .values("pk")[:limit]
        )
        queryset = queryset.annotate(name_similarity=TrigramSimilarity("name", name))
        conditions |= Q(pk__in=similar)
    elif name:
        conditions |= Q(name__iexact=name)
    matches = list(queryset.filter(conditions).order_by("name")[:limit])
    for match in matches:
        reasons = []
        if vat and re.sub(r"[\s.-]", "", match.vat_number).upper() == vat:
            reasons.append("vat")
        if domain and website_domain(match.website) == domain:
            reasons.append("domain")
        if name and (
            getattr(match, "name_similarity", 0) > 0.3 or match.name.lower() == name.lower()
        ):
            reasons.append("name")
        match.duplicate_reasons = reasons
    return [match for match in matches if match.duplicate_reasons]


# ---- Results dashboard -------------------------------------------------------------------


def _ranked(counter, limit=None):
    return [{"label": label, "count": count} for label, count in counter.most_common(limit)]


def _status_counts(queryset) -> Counter:
    status_labels = dict(Submission.Status.choices)
    return Counter(
        {
            str(status_labels.get(row["status"], row["status"])): row["n"]
            for row in queryset.values("status").annotate(n=Count("pk")).order_by()
        }
    )


def _cluster_counts(responses) -> Counter:
    # The LEFT JOIN gives one row with no cluster for responses naming none.
    return Counter(
        {
            row["clusters__acronym"] or row["clusters__name"] or "—": row["n"]
            for row in responses.values("clusters__acronym", "clusters__name")
            .annotate(n=Count("pk", distinct=True))
            .order_by()
        }
    )


def _country_counts(responses) -> Counter:
    return Counter(
        {
            countries.name(row["country"]) or row["country"] or "—": row["n"]
            for row in responses.values("country").annotate(n=Count("pk")).order_by()
        }
    )


def _weekly_counts(responses) -> list[dict]:
    return [
        {"label": row["week"].date().isoformat(), "count": row["n"]}
        for row in responses.exclude(submitted_at=None)
        .annotate(week=TruncWeek("submitted_at"))
        .values("week")
        .annotate(n=Count("pk"))
        .order_by("week")
    ]


# The answers the dashboard counts (declared with a `tally` in steps.py).
TALLIED_FIELDS = [(step, field) for step, field in ANSWER_FIELDS if field.tally]


def _answer_tallies(responses) -> tuple[dict[str, Counter], dict[str, Counter]]:
    """({chart: Counter of labels} for the tallied answers, {extra question key: Counter})."""
    lookups = {"competencies": dict(Competency.objects.values_list("slug", "name"))}
    tallies = {field.tally[0]: Counter() for _step, field in TALLIED_FIELDS}
    extra_answers = {}
    for stored in responses.values_list("answers", flat=True).iterator():
        answers = Answers(stored)
        for step, field in TALLIED_FIELDS:
            section = answers.section(step)
            if section is not None:
                tallies[field.tally[0]].update(
                    field.kind.tally_labels(getattr(section, field.name), lookups)
                )
        for key, value in (answers.extra or {}).items():
            values = value if isinstance(value, list) else [value]
            bucket = extra_answers.setdefault(key, Counter())
            for one in values:
                if one not in (None, ""):
                    bucket[str(one)] += 1
    return tallies, extra_answers


def _extra_question_rows(extra_answers) -> list[dict]:
    questions = []
    for question in ExtraQuestion.objects.select_related("survey").order_by(
        "survey__opens_at", "position", "pk"
    ):
        counted = extra_answers.get(question.key, Counter())
        if question.kind == ExtraQuestion.Kind.SCALE:
            rows = [{"label": str(n), "count": counted.get(str(n), 0)} for n in range(1, 6)]
        elif question.has_choices:
            # Counted by the stored (English) value, labelled in the reader's language.
            rows = [
                {"label": label, "count": counted.get(value, 0)}
                for value, label in question.choice_pairs
            ]
        else:
            rows = [{"label": str(question.Kind(question.kind).label), "count": counted.total()}]
        questions.append(
            {
                "id": question.key,
                "question": question.text,
                "survey": question.survey.title,
                "kind": question.kind,
                "is_text": not (question.has_choices or question.kind == question.Kind.SCALE),
                "rows": rows,
            }
        )
    return questions


def dashboard_data(queryset: QuerySet) -> dict:
    """Every number on the results dashboard, from at most eight queries."""
    by_status = _status_counts(queryset)
    responses = queryset.filter(status__in=RESPONSE_STATUSES)
    by_cluster = _cluster_counts(responses)
    by_country = _country_counts(responses)
    by_week = _weekly_counts(responses)
    tallies, extra_answers = _answer_tallies(responses)
    return {
        "total": sum(by_status.values()),
        "responses": sum(by_country.values()),
        "by_status": _ranked(by_status),
        "by_cluster": _ranked(by_cluster),
        "by_country": _ranked(by_country),
        "by_week": by_week,
        **{
            field.tally[0]: _ranked(tallies[field.tally[0]], field.tally[1])
            for _step, field in TALLIED_FIELDS
        },
        "extra_questions": _extra_question_rows(extra_answers),
    }


def export_rows(queryset: QuerySet) -> tuple[list[Submission], list[ExtraQuestion]]:
    """Submissions for the CSV/XLSX export, with the extra questions (two queries)."""
    submissions = list(queryset.select_related("survey", "company", "reviewed_by").order_by("pk"))
    questions = list(ExtraQuestion.objects.order_by("survey_id", "position", "pk"))
    return submissions, questions
