"""Demo content for the questionnaire: the skills-mapping campaign (a real activity of the
project, see ../shared/brief/facts.md), two extra questions, and a few FICTIONAL demo
submissions (names starting "Demo", example.com addresses) so the review queue and the
results dashboard have something to show. Idempotent."""

from datetime import UTC, datetime, timedelta

from django.utils import timezone

from clusters.models import Cluster, Competency

from .models import ExtraQuestion, Submission, Survey

SURVEY_SLUG = "skills-mapping"
EVENTS = [
    "C2Future Final Event (Milan, 29 June 2022)",
    "C2Future C2World webinar (21 October 2021)",
    "Strategic Internationalization to Mexico (14 October 2021)",
    "None yet",
]

# (name, country, cluster slug, competency slugs, target countries, obstacles, status)
DEMO_SUBMISSIONS = [
    ("Demo Traffic Sensing Srl", "IT", "clm", 2, ["US", "MX"], ["financing"], "submitted"),
    (
        "Demo Green Roofs SL",
        "ES",
        "aclima",
        3,
        ["CO", "MX"],
        ["regulation", "language"],
        "submitted",
    ),
    ("Demo Mobile Apps EOOD", "BG", "dti", 1, ["CA"], ["partners"], "rejected"),
]


def load():
    survey, _created = Survey.objects.get_or_create(
        slug=SURVEY_SLUG,
        defaults={
            "title": "C2Future skills mapping",
            "intro": (
                "The first activity of C2Future: a survey and mapping of the skills, products "
                "and services of the partner clusters' member SMEs. The results feed the "
                "partnership's common internationalisation strategy and roadmap."
            ),
            "opens_at": datetime(2020, 9, 1, tzinfo=UTC),
        },
    )
    ExtraQuestion.objects.get_or_create(
        survey=survey,
        text="Which C2Future events have you taken part in?",
        defaults={
            "kind": ExtraQuestion.Kind.MULTIPLE_CHOICE,
            "choices": "\n".join(EVENTS),
            "position": 1,
        },
    )
    ExtraQuestion.objects.get_or_create(
        survey=survey,
        text="How useful would B2B matchmaking with partners in your target markets be?",
        defaults={"kind": ExtraQuestion.Kind.SCALE, "position": 2},
    )
    _load_demo_submissions(survey)
    return survey


def _load_demo_submissions(survey):
    competencies = list(Competency.objects.values_list("slug", flat=True)[:6])
    clusters = {cluster.slug: cluster for cluster in Cluster.objects.filter(is_partner=True)}
    for index, (name, country, cluster_slug, count, targets, obstacles, status) in enumerate(
        DEMO_SUBMISSIONS
    ):
        if Submission.objects.filter(company_name=name).exists():
            continue
        email = f"demo{index + 1}@example.com"
        cluster = clusters.get(cluster_slug)
        answers = {
            "company": {
                "respondent_email": email,
                "name": name,
                "vat_number": "",
                "website": f"https://demo-{index + 1}.example.com",
                "country": country,
                "city": "",
                "founding_year": 2015,
                "size": "small",
                "turnover": "undisclosed",
                "clusters": [cluster_slug] if cluster else [],
                "description": "Fictional company: demo data.",
            },
            "offerings": [
                {"kind": "product", "name": "Demo product", "description": "", "sector": ""}
            ],
            "competencies": {
                "items": [
                    {"competency": slug, "level": "advanced"}
                    for slug in competencies[index : index + count]
                ],
                "other": "",
            },
            "international": {
                "current_markets": [],
                "export_share": "0-10",
                "targets": [
                    {"country": code, "priority": rank} for rank, code in enumerate(targets, 1)
                ],
                "b2b_interest": "yes",
                "obstacles": obstacles,
                "obstacles_other": "",
                "existing_contacts": "",
                "support_wanted": "",
            },
            "contact": {
                "contact_name": "Demo Contact",
                "contact_role": "",
                "contact_email": email,
                "contact_phone": "",
                "consent_publish_profile": True,
                "consent_publish_contact": False,
                "consent_contact_by_partners": True,
                "privacy_acknowledged": True,
            },
            "extra": {},
        }
        submission = Submission.objects.create(
            survey=survey,
            status=status,
            answers=answers,
            current_step="review",
            company_name=name,
            country=country,
            contact_email=email,
            submitted_at=timezone.now() - timedelta(days=7 * index),
            review_note="Demo data." if status == "rejected" else "",
        )
        if cluster:
            submission.clusters.add(cluster)
