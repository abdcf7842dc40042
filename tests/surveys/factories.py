import factory
from django.utils import timezone

from surveys.models import ExtraQuestion, Submission, Survey
from tests.clusters import factories as clusters_factories
from tests.clusters.factories import (  # noqa: F401 (re-exported for the surveys tests)
    CompetencyAreaFactory,
    CompetencyFactory,
    SectorFactory,
    UserFactory,
)


class ClusterFactory(clusters_factories.ClusterFactory):
    # Notifications go to the cluster's contact address.
    contact_email = factory.Sequence(lambda n: f"cluster{n}@example.com")


class CompanyFactory(clusters_factories.CompanyFactory):
    name = factory.Sequence(lambda n: f"Demo SME {n}")
    slug = factory.Sequence(lambda n: f"demo-sme-{n}")
    # The address on record that "update my profile" links are sent to.
    contact_email = factory.Sequence(lambda n: f"sme{n}@example.com")


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    title = factory.Sequence(lambda n: f"Skills mapping {n}")
    slug = factory.Sequence(lambda n: f"skills-{n}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(days=1))
    closes_at = None


class ExtraQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExtraQuestion

    survey = factory.SubFactory(SurveyFactory)
    text = factory.Sequence(lambda n: f"Extra question {n}?")
    kind = ExtraQuestion.Kind.SHORT_TEXT


def complete_answers(
    name="Demo Mobility Srl",
    email="anna@example.com",
    clusters=(),
    sector="",
    competencies=(),
    vat="IT12345678901",
):
    """A full answers snapshot, as the questionnaire stores it."""
    return {
        "company": {
            "respondent_email": email,
            "name": name,
            "vat_number": vat,
            "website": "https://demo-mobility.example.com",
            "country": "IT",
            "city": "Milan",
            "founding_year": 2012,
            "size": "small",
            "turnover": "2-10m",
            "clusters": list(clusters),
            "description": "Fictional demo SME: traffic sensors.",
        },
        "offerings": [
            {
                "kind": "product",
                "name": "Traffic counter",
                "description": "Counts vehicles.",
                "sector": sector,
            }
        ],
        "competencies": {
            "items": [{"competency": slug, "level": "expert"} for slug in competencies],
            "other": "",
        },
        "international": {
            "current_markets": ["ES"],
            "export_share": "10-25",
            "targets": [{"country": "MX", "priority": 1}, {"country": "US", "priority": 2}],
            "b2b_interest": "yes",
            "obstacles": ["financing", "language"],
            "obstacles_other": "",
            "existing_contacts": "",
            "support_wanted": "Partner search",
        },
        "contact": {
            "contact_name": "Anna Demo",
            "contact_role": "CEO",
            "contact_email": email,
            "contact_phone": "+39 02 0000000",
            "consent_publish_profile": True,
            "consent_publish_contact": False,
            "consent_contact_by_partners": True,
            "privacy_acknowledged": True,
        },
    }


class SubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Submission
        skip_postgeneration_save = True  # the hook only sets a relation

    survey = factory.SubFactory(SurveyFactory)
    status = Submission.Status.SUBMITTED
    answers = factory.LazyFunction(complete_answers)
    current_step = "review"
    company_name = factory.LazyAttribute(lambda s: s.answers.get("company", {}).get("name", ""))
    country = "IT"
    contact_email = factory.LazyAttribute(
        lambda s: s.answers.get("contact", {}).get("contact_email", "")
    )
    submitted_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def clusters(self, create, extracted, **kwargs):
        if create and extracted:
            self.clusters.set(extracted)
