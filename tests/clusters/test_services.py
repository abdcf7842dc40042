import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusters import services
from clusters.models import Company, CompanyCompetency, CompanyMarket, Competency, Offering

from .factories import (
    CompanyCompetencyFactory,
    CompanyFactory,
    CompanyMarketFactory,
    CompetencyFactory,
    OfferingFactory,
    UserFactory,
    full_company,
)


def test_merge_moves_everything_and_loses_nothing(world):
    keep = CompanyFactory(
        name="Keep Srl", clusters=[world["clm"]], website="", certifications="ISO 9001"
    )
    duplicate = CompanyFactory(
        name="Keep duplicate",
        clusters=[world["dti"]],
        sectors=[world["ict"]],
        website="https://dup.example.com/",
        vat_number="IT0001",
        certifications="ISO 14001, ISO 9001",
        public_phone="+39 02 000",
    )
    CompanyCompetencyFactory(company=keep, competency=world["ev"], level="basic")
    CompanyCompetencyFactory(company=duplicate, competency=world["ev"], level="expert")
    CompanyCompetencyFactory(company=duplicate, competency=world["iot"], level="advanced")
    OfferingFactory(company=duplicate, name="Dup offering")
    CompanyMarketFactory(company=keep, country="US")
    CompanyMarketFactory(company=duplicate, country="US")
    CompanyMarketFactory(company=duplicate, country="MX")
    user = UserFactory()

    services.merge_companies(keep, duplicate, user=user)

    keep.refresh_from_db()
    duplicate.refresh_from_db()
    levels = dict(keep.competency_links.values_list("competency__slug", "level"))
    assert levels == {"t-ev-charging": "expert", "t-iot": "advanced"}
    assert list(keep.offerings.values_list("name", flat=True)) == ["Dup offering"]
    assert sorted(keep.markets.values_list("country", flat=True)) == ["MX", "US"]
    assert set(keep.clusters.values_list("slug", flat=True)) == {"t-clm", "t-dti"}
    assert set(keep.sectors.values_list("slug", flat=True)) == {"t-ict"}
    assert keep.website == "https://dup.example.com/"
    assert keep.vat_number == "IT0001"
    assert keep.public_phone == "+39 02 000"
    assert keep.certifications == "ISO 9001, ISO 14001"
    assert "Dup offering" in keep.search_document
    assert duplicate.status == Company.Status.ARCHIVED
    assert duplicate.description.startswith("Merged into Keep Srl")
    assert not duplicate.competency_links.exists() and not duplicate.offerings.exists()
    assert keep.history.first().history_change_reason.startswith("Merged Keep duplicate")
    assert CompanyMarket.objects.count() == 2  # the shared US market is not duplicated


def test_merge_into_itself_is_refused(world):
    company = CompanyFactory()
    with pytest.raises(ValueError):
        services.merge_companies(company, company)


def test_search_document_follows_competency_renames(world):
    company = CompanyFactory()
    CompanyCompetencyFactory(company=company, competency=world["iot"])
    competency = Competency.objects.get(slug="t-iot")
    competency.name = "Internet of Things platforms"
    services.save_taxonomy_term(competency, renamed=True)
    company.refresh_from_db()
    assert "Internet of Things platforms" in company.search_document


def test_search_document_follows_sector_and_link_changes(world):
    # The writes of a service, then its one refresh (no signal rebuilds the text).
    company = CompanyFactory(name="Doc Srl")
    company.sectors.add(world["ict"])
    services.refresh_search_documents([company.pk])
    company.refresh_from_db()
    assert "Test ICT" in company.search_document
    link = CompanyCompetencyFactory(company=company, competency=world["traffic"])
    company.refresh_from_db()
    assert "Test traffic" in company.search_document
    link.delete()
    services.refresh_search_documents([company.pk])
    company.refresh_from_db()
    assert "Test traffic" not in company.search_document
    assert company.search_document.startswith("Doc Srl")


def test_set_status_skips_unchanged_and_counts(world):
    published = CompanyFactory(status=Company.Status.PUBLISHED)
    draft = CompanyFactory(status=Company.Status.DRAFT)
    assert services.publish([published, draft]) == 1
    draft.refresh_from_db()
    assert draft.status == Company.Status.PUBLISHED
    first_published_at = draft.published_at
    services.unpublish([draft])
    services.publish([draft])
    draft.refresh_from_db()
    assert draft.published_at == first_published_at  # the first publication date stays


# ---- Demo content ------------------------------------------------------------------------


def test_demo_adds_about_sixty_fictional_companies(demo_content):
    demo = Company.objects.filter(is_demo=True)
    assert 55 <= demo.count() <= 65
    assert all(name.startswith("Demo ") for name in demo.values_list("name", flat=True))
    assert demo.published().count() >= 50
    assert set(demo.values_list("clusters__slug", flat=True)) == {
        "dti",
        "aclima",
        "ict-net",
        "green-home",
        "hamac",
        "clm",
    }
    assert demo.values("country").distinct().count() == 5
    assert CompanyMarket.objects.filter(kind="target").values("country").distinct().count() == 5
    assert not demo.filter(latitude__isnull=True).exists()
    assert Offering.objects.filter(name="EV charging stations").exists()
    assert 40 <= Competency.objects.count() <= 60
    assert not demo.filter(search_document="").exists()
    # Personal contact data is published only where the (fictional) company consented.
    assert not demo.filter(consent_publish_contact=False).exclude(contact_name="").exists()


def test_demo_is_idempotent_and_deterministic(demo_content):
    def snapshot():
        return (
            list(Company.objects.order_by("slug").values_list("slug", "city", "latitude")),
            CompanyCompetency.objects.count(),
            Offering.objects.count(),
            CompanyMarket.objects.count(),
            Competency.objects.count(),
        )

    before = snapshot()
    call_command("load_demo", verbosity=0)
    assert snapshot() == before


def test_rebuild_search_vocabulary_after_a_bulk_load(world):
    from clusters.models import SearchWord

    company = CompanyFactory(name="Quokka Mobility Srl")
    Company.objects.filter(pk=company.pk).update(description="Hydrogenation expertise")
    SearchWord.objects.all().delete()  # as after a bulk load that skipped the service
    services.rebuild_search_vocabulary()
    words = set(SearchWord.objects.values_list("word", flat=True))
    assert {"quokka", "mobility", "hydrogenation", "expertise"} <= words


def _delete_queries(company):
    with CaptureQueriesContext(connection) as queries:
        company.delete()
    return len(queries)


@pytest.mark.django_db
def test_deleting_a_company_does_not_refresh_its_search_document_per_link():
    competencies = CompetencyFactory.create_batch(6)
    small = full_company(competencies=competencies[:1])
    large = full_company(competencies=competencies)
    OfferingFactory.create_batch(3, company=large)
    # Same cost whatever the number of links: no refresh for a company that is going away.
    assert _delete_queries(large) == _delete_queries(small)
    assert not Company.objects.filter(pk__in=[small.pk, large.pk]).exists()


@pytest.mark.django_db
def test_renaming_a_taxonomy_term_rewrites_only_the_companies_that_name_it():
    named, other = CompetencyFactory.create_batch(2)
    company = full_company(competencies=[named])
    bystander = full_company(competencies=[other])
    named.name = "Quantum parking sensors"
    services.save_taxonomy_term(named, renamed=True)
    assert "Quantum parking sensors" in Company.objects.get(pk=company.pk).search_document
    assert "Quantum" not in Company.objects.get(pk=bystander.pk).search_document
    assert services.companies_mentioning([named]) == [company.pk]


@pytest.mark.django_db
def test_deleting_a_sector_drops_it_from_the_search_text(world):
    company = CompanyFactory(sectors=[world["ict"]])
    assert "Test ICT" in Company.objects.get(pk=company.pk).search_document
    services.delete_taxonomy_terms([world["ict"]])
    assert "Test ICT" not in Company.objects.get(pk=company.pk).search_document
