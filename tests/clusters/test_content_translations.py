"""The taxonomy in the partners' languages: seeded columns, fallback to English."""

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from clusters import taxonomy_translations
from clusters.models import Competency, CompetencyArea, Sector
from clusters.taxonomy import TAXONOMY, ensure_taxonomy
from core.content_translations import column, missing_languages

from .factories import CompetencyFactory, SectorFactory

OTHER_LANGUAGES = ("it", "es", "bg", "el", "sr-latn")


def _migration(name):
    import importlib

    from django.db.migrations.loader import MigrationLoader

    module = importlib.import_module(f"clusters.migrations.{name}")
    return module, MigrationLoader(connection).project_state(("clusters", name)).apps


@pytest.fixture(autouse=True)
def _migrated_taxonomy(request):
    """The taxonomy as `migrate` leaves it. A transactional test elsewhere flushes the
    database (the migrations' rows go): the seeding migrations are run again then."""
    if "db" not in request.fixturenames and not request.node.get_closest_marker("django_db"):
        return
    request.getfixturevalue("db")
    if Competency.objects.exists():
        return
    seed, seed_apps = _migration("0004_competency_taxonomy")
    seed.seed_taxonomy(seed_apps, None)
    fill, fill_apps = _migration("0012_content_translations_data")
    fill.forwards(fill_apps, None)


def original_column(obj, field):
    """The value of the original column itself (the ORM reads the per-language columns)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {field} FROM {obj._meta.db_table} WHERE id = %s",  # noqa: S608
            [obj.pk],
        )
        return cursor.fetchone()[0]


def test_translation_data_covers_every_seeded_term_in_every_language():
    slugs = {slug for _name, _description, items in TAXONOMY.values() for slug, *_ in items}
    assert set(taxonomy_translations.COMPETENCIES) == slugs
    assert set(taxonomy_translations.AREAS) == set(TAXONOMY)
    for table in (
        taxonomy_translations.AREAS,
        taxonomy_translations.COMPETENCIES,
        taxonomy_translations.SECTORS,
    ):
        for slug, languages in table.items():
            assert set(languages) == set(OTHER_LANGUAGES), slug
    for language in OTHER_LANGUAGES:
        names = [row[language][0] for row in taxonomy_translations.COMPETENCIES.values()]
        assert len(names) == len(set(names)), f"duplicate competency names in {language}"


@pytest.mark.django_db
def test_migrations_seed_the_taxonomy_in_all_six_languages():
    competencies = list(Competency.objects.all())
    assert len(competencies) == sum(len(items) for *_rest, items in TAXONOMY.values())
    for competency in competencies:
        for language in ("en", *OTHER_LANGUAGES):
            assert getattr(competency, column("name", language)), (competency.slug, language)
            assert getattr(competency, column("description", language)), (
                competency.slug,
                language,
            )
        assert missing_languages(competency) == []
    for area in CompetencyArea.objects.all():
        for language in ("en", *OTHER_LANGUAGES):
            assert getattr(area, column("name", language))
    parking = Competency.objects.get(slug="smart-parking")
    assert parking.name_en == "Smart parking"
    assert parking.name_it == "Parcheggio intelligente"
    assert parking.name_es == "Estacionamiento inteligente"
    assert parking.name_bg == "Интелигентно паркиране"
    assert parking.name_el == "Έξυπνη στάθμευση"
    assert parking.name_sr_latn == "Pametno parkiranje"


@pytest.mark.django_db
def test_name_reads_the_active_language_and_falls_back_to_english():
    parking = Competency.objects.get(slug="smart-parking")
    with translation.override("it"):
        assert parking.name == "Parcheggio intelligente"
    with translation.override("sr-latn"):
        assert parking.name == "Pametno parkiranje"
    untranslated = CompetencyFactory(name="Drone inspection")
    untranslated.refresh_from_db()
    with translation.override("el"):
        assert untranslated.name == "Drone inspection"
    assert untranslated.name_el is None
    assert "el" in missing_languages(untranslated)


@pytest.mark.django_db
def test_the_original_column_keeps_english_when_saved_in_another_language():
    parking = Competency.objects.get(slug="smart-parking")
    with translation.override("it"):
        parking.description_it = "Sensori di parcheggio."
        parking.save()
    assert original_column(parking, "name") == "Smart parking"
    parking.refresh_from_db()
    assert parking.name_en == "Smart parking"


@pytest.mark.django_db
def test_ensure_taxonomy_fills_missing_translations_and_keeps_staff_edits():
    Competency.objects.filter(slug="smart-parking").update(
        name_it="Sosta intelligente", name_es=None, description_bg=""
    )
    SectorFactory(slug="mobility", name="Mobility")
    ensure_taxonomy(CompetencyArea, Competency, Sector)
    parking = Competency.objects.get(slug="smart-parking")
    assert parking.name_it == "Sosta intelligente"  # a staff edit stays
    assert parking.name_es == "Estacionamiento inteligente"
    assert parking.description_bg
    mobility = Sector.objects.get(slug="mobility")
    assert (mobility.name_en, mobility.name_it) == ("Mobility", "Mobilità")


@pytest.mark.django_db
def test_untranslated_unique_names_do_not_collide():
    # A missing translation of a unique name is NULL, not "".
    SectorFactory(name="Space")
    SectorFactory(name="Tourism")
    assert Sector.objects.filter(name_it__isnull=True).count() >= 2


# ---- Admin -------------------------------------------------------------------------------


@pytest.fixture
def curator(db):
    from django.contrib.auth.models import Group

    from clusters.permissions import CURATOR

    from .factories import UserFactory

    user = UserFactory(username="translating-curator")
    user.groups.add(Group.objects.get(name=CURATOR))
    return user


@pytest.mark.django_db
def test_admin_change_page_shows_the_languages_side_by_side_and_marks_missing_ones(client, curator):
    competency = CompetencyFactory(name="Drone inspection", description="Drones at work.")
    Competency.objects.filter(pk=competency.pk).update(name_it="Ispezione con droni")
    client.force_login(curator)
    response = client.get(reverse("admin:clusters_competency_change", args=[competency.pk]))
    assert response.status_code == 200
    form = response.context["adminform"].form
    for language in ("en", "it", "es", "bg", "el", "sr_latn"):
        assert f"name_{language}" in form.fields
        assert f"description_{language}" in form.fields
    assert "name" not in form.fields
    assert "mt-missing" in form.fields["name_es"].widget.attrs["class"]
    assert "mt-missing" not in form.fields["name_it"].widget.attrs.get("class", "")
    assert "mt-missing" not in form.fields["name_en"].widget.attrs.get("class", "")
    html = response.content.decode()
    assert 'name="name_sr_latn"' in html
    assert "Not translated yet: visitors see the English text." in html
    # The admin style is a local file (strict CSP, no CDN).
    assert "css/admin_translations.css" in html
    assert "//ajax.googleapis.com" not in html and "jquery-ui" not in html


@pytest.mark.django_db
def test_admin_list_has_a_missing_translations_column(client, curator):
    CompetencyFactory(name="Drone inspection", description="Drones at work.")
    client.force_login(curator)
    response = client.get(reverse("admin:clusters_competency_changelist"), {"q": "Drone"})
    html = response.content.decode()
    assert "Missing translations" in html
    assert "IT, ES, BG, EL, SR-LATN" in html
    seeded = client.get(reverse("admin:clusters_competency_changelist"), {"q": "Smart parking"})
    assert "IT, ES" not in seeded.content.decode()


@pytest.mark.django_db
def test_admin_in_italian_saves_a_translation_and_keeps_english(client, curator):
    parking = Competency.objects.get(slug="smart-parking")
    client.force_login(curator)
    with translation.override("it"):
        url = reverse("admin:clusters_competency_change", args=[parking.pk])
    assert url.startswith("/it/admin/")
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {name: "" if value is None else value for name, value in data.items()}
    data["name_it"] = "Sosta intelligente"
    assert client.post(url, data).status_code == 302
    parking.refresh_from_db()
    assert (parking.name_it, parking.name_en) == ("Sosta intelligente", "Smart parking")
    # The original column stays English even though the admin ran in Italian.
    assert original_column(parking, "name") == "Smart parking"


# ---- Public pages and caches ---------------------------------------------------------------


@pytest.mark.django_db
def test_directory_facets_show_the_taxonomy_in_the_page_language(client):
    from .factories import CompanyCompetencyFactory, CompanyFactory

    company = CompanyFactory(status="published")
    CompanyCompetencyFactory(company=company, competency=Competency.objects.get(slug="bim"))
    untranslated = CompetencyFactory(name="Drone inspection")
    CompanyCompetencyFactory(company=company, competency=untranslated)
    english = client.get("/directory/").content.decode()
    italian = client.get("/it/directory/").content.decode()
    greek = client.get("/el/directory/").content.decode()
    english_again = client.get("/directory/").content.decode()
    assert "Building information modelling (BIM)" in english
    assert "Modellazione delle informazioni per l&#x27;edilizia (BIM)" in italian
    assert "Μοντελοποίηση πληροφοριών κτιρίων (BIM)" in greek
    # The cached taxonomy is kept per language: English stays English after /it/.
    assert "Modellazione delle informazioni" not in english_again
    assert "Building information modelling (BIM)" in english_again
    # An untranslated competency falls back to English.
    assert "Drone inspection" in italian


@pytest.mark.django_db
def test_taxonomy_selector_is_cached_per_language():
    from clusters.selectors.facets import taxonomy

    with translation.override("it"):
        italian = taxonomy()
    with translation.override("en"):
        english = taxonomy()
    names = {area["name"] for area in english["areas"]}
    assert "Mobility and transport" in names
    assert "Mobilità e trasporti" in {area["name"] for area in italian["areas"]}


@pytest.mark.django_db
def test_the_data_migration_fills_english_columns_of_an_existing_database():
    """An existing database: rows written before the columns existed have only `name`."""
    data_migration, historical = _migration("0012_content_translations_data")
    old_sector = historical.get_model("clusters", "Sector").objects.create(
        slug="mobility", name="Mobility", name_en=None
    )
    parking = historical.get_model("clusters", "Competency").objects.get(slug="smart-parking")
    parking.name_it = "Sosta intelligente"  # a staff edit made before
    parking.name_es = None
    parking.save()
    data_migration.forwards(historical, None)
    sector = Sector.objects.get(pk=old_sector.pk)
    assert (sector.name_en, sector.name_it, sector.name_sr_latn) == (
        "Mobility",
        "Mobilità",
        "Mobilnost",
    )
    parking = Competency.objects.get(slug="smart-parking")
    assert parking.name_it == "Sosta intelligente"
    assert parking.name_es == "Estacionamiento inteligente"


@pytest.mark.django_db
def test_admin_search_finds_a_term_by_any_of_its_names(client, curator):
    client.force_login(curator)
    url = reverse("admin:clusters_competency_changelist")
    assert "Smart parking" in client.get(url, {"q": "Parcheggio"}).content.decode()
    with translation.override("it"):
        italian_url = reverse("admin:clusters_competency_changelist")
    CompetencyFactory(name="Drone inspection")
    assert "Drone inspection" in client.get(italian_url, {"q": "Drone"}).content.decode()


@pytest.mark.django_db
def test_cluster_page_breakdown_names_sectors_and_areas_in_the_page_language(client):
    from .factories import ClusterFactory, CompanyCompetencyFactory, CompanyFactory

    cluster = ClusterFactory(slug="clm")
    sector = SectorFactory(slug="mobility", name="Mobility")
    Sector.objects.filter(pk=sector.pk).update(name_it="Mobilità")
    untranslated = SectorFactory(name="Space")
    company = CompanyFactory(status="published")
    company.clusters.add(cluster)
    company.sectors.add(sector, untranslated)
    CompanyCompetencyFactory(company=company, competency=Competency.objects.get(slug="bim"))
    from clusters.selectors.profiles import cluster_breakdown

    with translation.override("it"):
        by_sector, by_area = cluster_breakdown(cluster)
    assert dict(by_sector) == {"Mobilità": 1, "Space": 1}
    assert dict(by_area) == {"Edilizia e costruzioni": 1}
    with translation.override("en"):
        by_sector, by_area = cluster_breakdown(cluster)
    assert dict(by_sector) == {"Mobility": 1, "Space": 1}
    assert dict(by_area) == {"Construction and building": 1}
    assert "Edilizia e costruzioni" in client.get("/it/clusters/clm/").content.decode()
