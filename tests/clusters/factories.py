import factory
from django.contrib.auth import get_user_model

from clusters.models import (
    Cluster,
    Company,
    CompanyCompetency,
    CompanyMarket,
    Competency,
    CompetencyArea,
    Offering,
    Sector,
)
from clusters.services import refresh_search_documents


class SearchableFactory(factory.django.DjangoModelFactory):
    """Rows left as the clusters services leave them: the company's search text rebuilt
    after the write (no signal does it)."""

    class Meta:
        abstract = True

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        super()._after_postgeneration(instance, create, results)
        if create:
            refresh_search_documents([cls._company_id(instance)])

    @staticmethod
    def _company_id(instance):
        return instance.company_id


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"clusters-user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    is_staff = True
    password = factory.django.Password("correct-horse-battery")


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Test sector {n}")
    slug = factory.Sequence(lambda n: f"test-sector-{n}")


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Test cluster {n}")
    acronym = factory.Sequence(lambda n: f"TC{n}")
    slug = factory.Sequence(lambda n: f"test-cluster-{n}")
    country = "IT"
    city = "Milan"
    latitude = "45.464203"
    longitude = "9.189982"
    is_partner = True


class CompetencyAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompetencyArea
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Test area {n}")
    slug = factory.Sequence(lambda n: f"test-area-{n}")


class CompetencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competency
        django_get_or_create = ("slug",)

    area = factory.SubFactory(CompetencyAreaFactory)
    name = factory.Sequence(lambda n: f"Test competency {n}")
    slug = factory.Sequence(lambda n: f"test-competency-{n}")
    description = "A competency for tests."


class CompanyFactory(SearchableFactory):
    class Meta:
        model = Company
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Test Company {n:04d}")
    slug = factory.Sequence(lambda n: f"test-company-{n:04d}")
    country = "IT"
    city = "Milan"
    latitude = "45.470000"
    longitude = "9.180000"
    description = "A fictional company for tests."
    size = Company.Size.SMALL
    status = Company.Status.PUBLISHED
    is_demo = True

    @staticmethod
    def _company_id(instance):
        return instance.pk

    @factory.post_generation
    def clusters(self, create, extracted, **kwargs):
        if create and extracted:
            self.clusters.set(extracted)

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set(extracted)


class CompanyCompetencyFactory(SearchableFactory):
    class Meta:
        model = CompanyCompetency

    company = factory.SubFactory(CompanyFactory)
    competency = factory.SubFactory(CompetencyFactory)
    level = CompanyCompetency.Level.ADVANCED


class CompanyMarketFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompanyMarket

    company = factory.SubFactory(CompanyFactory)
    country = "US"
    kind = CompanyMarket.Kind.TARGET


class OfferingFactory(SearchableFactory):
    class Meta:
        model = Offering

    company = factory.SubFactory(CompanyFactory)
    kind = Offering.Kind.PRODUCT
    name = factory.Sequence(lambda n: f"Test offering {n}")
    description = "An offering for tests."


def full_company(clusters=(), sectors=(), competencies=(), targets=("US",), **kwargs):
    """A published company with memberships, competencies, an offering and markets."""
    company = CompanyFactory(clusters=list(clusters), sectors=list(sectors), **kwargs)
    for competency in competencies:
        CompanyCompetencyFactory(company=company, competency=competency)
    for code in targets:
        CompanyMarketFactory(company=company, country=code)
    OfferingFactory(company=company)
    return company
