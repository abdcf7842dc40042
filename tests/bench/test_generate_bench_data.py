"""generate_bench_data: counts, reproducibility from the seed, refusal without --force."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from bench import generate
from clusters.models import Cluster, Company, CompanyCompetency, CompanyMarket, Offering
from events.models import Event, Material, Session, Talk

pytestmark = pytest.mark.django_db

SMALL = {"companies": 50, "events": 12, "submissions": 20}


def generate_small(seed=1, **options):
    call_command(
        "generate_bench_data",
        companies=options.get("companies", SMALL["companies"]),
        events=options.get("events", SMALL["events"]),
        submissions=options.get("submissions", SMALL["submissions"]),
        seed=seed,
        verbosity=0,
        **{k: v for k, v in options.items() if k not in SMALL},
    )


def generated_companies():
    return Company.objects.filter(is_demo=True, slug__startswith="gen-")


def test_generates_the_requested_companies_with_their_parts():
    generate_small()
    companies = generated_companies()
    assert companies.count() == 50
    assert set(companies.values_list("status", flat=True)) == {Company.Status.PUBLISHED}
    offerings = Offering.objects.filter(company__in=companies).count()
    links = CompanyCompetency.objects.filter(company__in=companies).count()
    assert 2 * 50 <= offerings <= 4 * 50
    assert 4 * 50 <= links <= 8 * 50
    # Every company has a cluster, a sector, current and target markets.
    annotated = companies.annotate(
        n_clusters=Count("clusters", distinct=True), n_sectors=Count("sectors", distinct=True)
    )
    assert all(c.n_clusters >= 1 and c.n_sectors >= 1 for c in annotated)
    kinds = set(CompanyMarket.objects.filter(company__in=companies).values_list("kind", flat=True))
    assert kinds == {CompanyMarket.Kind.CURRENT, CompanyMarket.Kind.TARGET}


def test_extra_clusters_are_flagged_and_partners_stay():
    generate_small(clusters=7)
    generated = Cluster.objects.filter(slug__startswith="gen-")
    assert generated.count() == 7
    assert all(c.acronym.startswith("GEN") and not c.is_partner for c in generated)
    # The six real partner clusters come from the demo content, untouched.
    assert Cluster.objects.filter(is_partner=True).count() == 6


def test_events_have_sessions_talks_and_link_or_on_request_materials():
    generate_small()
    events = Event.objects.filter(slug__startswith="gen-")
    assert events.count() == 12
    assert Session.objects.filter(event__in=events).count() >= 2 * 12
    assert Talk.objects.filter(session__event__in=events).count() >= 4 * 12
    materials = Material.objects.filter(event__in=events)
    assert materials.count() >= 12
    assert not materials.exclude(file="").exists()
    for material in materials:
        assert bool(material.external_url) != material.on_request


def test_search_documents_are_filled_for_the_directory():
    generate_small()
    companies = generated_companies()
    assert not companies.filter(search_document="").exists()
    assert not companies.filter(search_vector__isnull=True).exists()
    link = CompanyCompetency.objects.select_related("competency", "company").first()
    assert link.competency.name in link.company.search_document


def test_search_fields_equal_what_the_directory_itself_writes():
    from clusters.services import refresh_search_documents

    generate_small()
    fields = ("pk", "search_document", "search_vector")
    written = {row[0]: row for row in generated_companies().values_list(*fields)}
    refresh_search_documents(list(written))
    refreshed = {row[0]: row for row in generated_companies().values_list(*fields)}
    assert refreshed == written


def test_generates_questionnaire_submissions():
    from surveys.models import Submission

    generate_small()
    generated = Submission.objects.filter(survey__slug=generate.GENERATED_SURVEY_SLUG)
    assert generated.count() == 20
    assert generated.filter(company__isnull=False).exists()


def test_same_seed_gives_the_same_names_and_another_seed_does_not():
    generate_small(seed=7)
    first = list(generated_companies().order_by("slug").values_list("slug", "name", "city"))
    first_events = list(Event.objects.order_by("slug").values_list("title", "start"))
    generate_small(seed=7)
    assert list(generated_companies().order_by("slug").values_list("slug", "name", "city")) == (
        first
    )
    assert list(Event.objects.order_by("slug").values_list("title", "start")) == first_events
    generate_small(seed=8)
    other = list(generated_companies().order_by("slug").values_list("slug", "name", "city"))
    assert other != first
    assert generated_companies().count() == 50  # a re-run replaces, never duplicates


def test_refuses_a_database_with_real_companies_unless_forced():
    real = Company.objects.create(name="Real SME", slug="real-sme", status="published")
    with pytest.raises(CommandError, match="did not create"):
        generate_small()
    assert not generated_companies().exists()
    generate_small(force=True)
    assert generated_companies().count() == 50
    assert Company.objects.filter(pk=real.pk).exists()  # --force never deletes real rows


def test_refuses_a_database_with_events_it_did_not_create():
    start = datetime.datetime(2022, 6, 29, 8, tzinfo=datetime.UTC)
    Event.objects.create(
        kind="conference", title="Real event", slug="real-event", start=start, end=start
    )
    with pytest.raises(CommandError, match="1 events"):
        generate_small()


def test_demo_companies_do_not_block_generation():
    Company.objects.create(name="Demo SME", slug="demo-sme", is_demo=True)
    generate_small()
    assert generated_companies().count() == 50


def test_if_missing_keeps_an_existing_dataset():
    generate_small()
    ids = set(generated_companies().values_list("pk", flat=True))
    generate_small(if_missing=True)
    assert set(generated_companies().values_list("pk", flat=True)) == ids
    generate_small(companies=60, if_missing=True)  # another size: regenerated
    assert generated_companies().count() == 60


def test_negative_counts_are_refused():
    with pytest.raises(CommandError, match="--companies cannot be negative"):
        generate_small(companies=-1)
