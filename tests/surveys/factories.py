import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from clusters.models import Cluster, Company, Competency, CompetencyArea, Sector
from surveys.models import ExtraQuestion, Submission, Survey


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Sector {n}")
    slug = factory.Sequence(lambda n: f"sector-{n}")


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Demo cluster {n}")
    acronym = factory.Sequence(lambda n: f"DC{n}")
    slug = factory.Sequence(lambda n: f"demo-cluster-{n}")
    country = "IT"
    is_partner = True
    contact_email = factory.Sequence(lambda n: f"cluster{n}@example.com")


class CompetencyAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompetencyArea
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Area {n}")
    slug = factory.Sequence(lambda n: f"area-{n}")


class CompetencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competency
        django_get_or_create = ("slug",)

    area = factory.SubFactory(CompetencyAreaFactory)
    name = factory.Sequence(lambda n: f"Competency {n}")
    slug = factory.Sequence(lambda n: f"competency-{n}")


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Demo SME {n}")
    slug = factory.Sequence(lambda n: f"demo-sme-{n}")
    country = "IT"
    status = Company.Status.PUBLISHED
    contact_email = factory.Sequence(lambda n: f"sme{n}@example.com")
    is_demo = True


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
