"""The directory search in the partners' languages (PostgreSQL, the suite's database):
accents never matter, Greek and Cyrillic names are found like Latin ones, the vocabulary
corrects misspellings in every script."""

import pytest
from django.db import connection
from django.urls import reverse

from clusters import selectors
from clusters.models import Company, SearchWord
from clusters.selectors.search import fold_accents, vocabulary_words

from .factories import CompanyFactory

DIRECTORY = reverse("clusters:directory")

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the unaccent search configuration is PostgreSQL"
)


def found(query):
    queryset = selectors.search(Company.objects.all(), query)
    return set(queryset.values_list("name", flat=True))


def names(response):
    return [company.name for company in response.context["page_obj"]]


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("città", "citta"),
        ("energía", "energia"),
        ("Έξυπνη στάθμευση", "Εξυπνη σταθμευση"),
        ("Đorđe Čačak", "Dorde Cacak"),
        ("Straße", "Strasse"),
        ("Интелигентно паркиране", "Интелигентно паркиране"),
        ("йод Ёлка", "йод Елка"),
        ("smart parking", "smart parking"),
    ],
)
def test_fold_accents_writes_words_as_unaccent_does(text, folded):
    assert fold_accents(text) == folded


def test_fold_accents_agrees_with_the_database(db):
    text = "città energía Έξυπνη στάθμευση Đorđe Čačak Straße Интелигентно паркиране йод Ёлка"
    with connection.cursor() as cursor:
        cursor.execute("SELECT unaccent(%s)", [text])
        assert fold_accents(text) == cursor.fetchone()[0]


def test_the_vocabulary_holds_folded_words(db):
    assert vocabulary_words("Mobilità Energía Έξυπνη") == {"mobilita", "energia", "εξυπνη"}
    CompanyFactory(name="Rete Città Srl", slug="rete", description="Energía solar.")
    words = set(SearchWord.objects.values_list("word", flat=True))
    assert {"citta", "energia", "solar", "rete"} <= words
    assert not words & {"città", "energía"}


@pytest.fixture
def accented(db):
    return {
        "citta": CompanyFactory(
            name="Rete Urbana Srl", slug="rete-urbana", description="Servizi per la città."
        ),
        "energia": CompanyFactory(
            name="Sol Ibérica S.L.", slug="sol-iberica", description="Gestión de la energía."
        ),
        "plain": CompanyFactory(
            name="Plain Citta Ltd", slug="plain-citta", description="Energia without accents."
        ),
    }


def test_accents_never_matter_in_descriptions(accented):
    assert found("citta") == {"Rete Urbana Srl", "Plain Citta Ltd"}
    assert found("città") == {"Rete Urbana Srl", "Plain Citta Ltd"}
    assert found("energia") == {"Sol Ibérica S.L.", "Plain Citta Ltd"}
    assert found("energía") == {"Sol Ibérica S.L.", "Plain Citta Ltd"}
    assert found("gestion energia") == {"Sol Ibérica S.L."}
    assert found("iberica") == {"Sol Ibérica S.L."}


def test_accent_folding_on_the_directory_page(client, accented):
    assert set(names(client.get(DIRECTORY, {"q": "citta"}))) == {
        "Rete Urbana Srl",
        "Plain Citta Ltd",
    }
    assert names(client.get(DIRECTORY, {"q": "Sol Iberica"}))[0] == "Sol Ibérica S.L."


@pytest.fixture
def scripts(db):
    return {
        "greek": CompanyFactory(
            name="Έξυπνη Στάθμευση Αθηνών Α.Ε.",
            slug="exypni",
            country="GR",
            description="Αισθητήρες στάθμευσης για δήμους.",
        ),
        "cyrillic": CompanyFactory(
            name="Интелигентно Паркиране ЕООД",
            slug="parkirane",
            country="BG",
            description="Сензори за паркиране в София.",
        ),
        "latin": CompanyFactory(name="Pametno Parkiranje d.o.o.", slug="pametno", country="RS"),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Full words, any case, with or without the Greek accents.
        ("Στάθμευση", "Έξυπνη Στάθμευση Αθηνών Α.Ε."),
        ("σταθμευση", "Έξυπνη Στάθμευση Αθηνών Α.Ε."),
        ("ΕΞΥΠΝΗ", "Έξυπνη Στάθμευση Αθηνών Α.Ε."),
        ("Αθηνών", "Έξυπνη Στάθμευση Αθηνών Α.Ε."),
        ("Интелигентно", "Интелигентно Паркиране ЕООД"),
        ("паркиране", "Интелигентно Паркиране ЕООД"),
        ("софия", "Интелигентно Паркиране ЕООД"),
        # Misspellings, through the vocabulary's trigrams.
        ("Στάθμεση", "Έξυπνη Στάθμευση Αθηνών Α.Ε."),
        ("σταθμεύσι", "Έξυπνη Στάθμευση Αθηνών Α.Ε."),
        ("Интелигенто", "Интелигентно Паркиране ЕООД"),
        ("паркеране", "Интелигентно Паркиране ЕООД"),
        ("pametni parkiranje", "Pametno Parkiranje d.o.o."),
    ],
)
def test_greek_and_cyrillic_names_are_found(scripts, query, expected):
    assert found(query) == {expected}


def test_a_greek_or_cyrillic_exact_name_ranks_first(client, scripts):
    CompanyFactory(name="Στάθμευση Πάτρας", slug="patras", country="GR")
    response = client.get(DIRECTORY, {"q": "Έξυπνη Στάθμευση Αθηνών Α.Ε."})
    assert names(response)[0] == "Έξυπνη Στάθμευση Αθηνών Α.Ε."
    assert set(names(client.get(DIRECTORY, {"q": "στάθμευση"}))) == {
        "Στάθμευση Πάτρας",
        "Έξυπνη Στάθμευση Αθηνών Α.Ε.",
    }
    response = client.get(DIRECTORY, {"q": "Интелигентно Паркиране ЕООД"})
    assert names(response)[0] == "Интелигентно Паркиране ЕООД"


def test_the_query_uses_the_unaccent_configuration(db):
    prepared = selectors.prepare_search("città")
    queryset = selectors.search(Company.objects.all(), prepared)
    sql = str(queryset.query)
    assert "c2f_search" in sql
    assert "unaccent" not in sql  # folded inside the configuration: the GIN index serves it


def test_a_renamed_term_reaches_the_search_even_when_the_caller_says_not(db):
    from clusters import services

    from .factories import CompanyCompetencyFactory, CompetencyFactory

    competency = CompetencyFactory(name="Test kerbside sensing", slug="t-kerbside")
    CompanyCompetencyFactory(
        company=CompanyFactory(name="Kerb Srl", slug="kerb"), competency=competency
    )
    assert found("kerbside") == {"Kerb Srl"}
    competency.name = "Test curbside sensing"
    services.save_taxonomy_term(competency, renamed=False)
    assert found("curbside") == {"Kerb Srl"}
    assert found("kerbside") == set()


# ---- The taxonomy in every language (the seeded translations, clusters.taxonomy) ----------

SMART_PARKING_QUERIES = [
    "smart parking",
    "parcheggio intelligente",
    "estacionamiento inteligente",
    "Έξυπνη στάθμευση",
    "Интелигентно паркиране",
    "pametno parkiranje",
]


@pytest.fixture
def parking(db):
    from clusters.models import Competency, CompetencyArea
    from clusters.taxonomy import ensure_taxonomy

    from .factories import CompanyCompetencyFactory

    # Seeded by the migrations; again here, as a flush by an earlier test removes them.
    ensure_taxonomy(CompetencyArea, Competency)
    competency = Competency.objects.get(slug="smart-parking")
    assert competency.name_it == "Parcheggio intelligente"
    linked = set()
    for index, name in enumerate(["Sosta Srl", "Aparca S.L.", "Parko EOOD"]):
        company = CompanyFactory(name=name, slug=f"parking-{index}", description="Fictional.")
        CompanyCompetencyFactory(company=company, competency=competency)
        linked.add(name)
    CompanyFactory(name="Unrelated Ltd", slug="unrelated", description="Water meters.")
    return {"competency": competency, "companies": linked}


@pytest.mark.parametrize("query", SMART_PARKING_QUERIES)
def test_every_language_finds_the_smart_parking_companies(parking, query):
    assert found(query) == parking["companies"]


def test_the_six_languages_give_the_same_directory_page(client, parking):
    pages = [set(names(client.get(DIRECTORY, {"q": query}))) for query in SMART_PARKING_QUERIES]
    assert pages == [parking["companies"]] * len(SMART_PARKING_QUERIES)


def test_taxonomy_words_without_accents_or_tonos(parking):
    assert found("εξυπνη σταθμευση") == parking["companies"]
    assert found("ΕΞΥΠΝΗ ΣΤΑΘΜΕΥΣΗ") == parking["companies"]


@pytest.mark.parametrize(
    "query",
    [
        "parcheggo intelligente",
        "parcheggio inteligente",
        "estacionamento inteligente",
        "Έξυπνη στάθμεση",
        "Интелигенто паркиране",
        "pametno parkiranie",
    ],
)
def test_misspelt_taxonomy_words_in_every_language(parking, query):
    assert found(query) == parking["companies"]


def test_the_vocabulary_holds_the_translated_taxonomy(parking):
    words = set(SearchWord.objects.values_list("word", flat=True))
    assert {"parcheggio", "estacionamiento", "εξυπνη", "σταθμευση", "паркиране"} <= words
    assert {"pametno", "parkiranje", "intelligente", "inteligente"} <= words


def test_search_documents_carry_every_language(parking):
    document = Company.objects.get(name="Sosta Srl").search_document
    competency = parking["competency"]
    for language in ("en", "it", "es", "bg", "el", "sr_latn"):
        assert getattr(competency, f"name_{language}") in document
        assert getattr(competency.area, f"name_{language}") in document


def test_a_staff_edit_of_the_italian_name_reaches_the_search(client, parking):
    from django.contrib.auth.models import Group

    from clusters.permissions import CURATOR

    from .factories import UserFactory

    competency = parking["competency"]
    curator = UserFactory(username="search-translator")
    curator.groups.add(Group.objects.get(name=CURATOR))
    client.force_login(curator)
    url = reverse("admin:clusters_competency_change", args=[competency.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {name: "" if value is None else value for name, value in data.items()}
    data["name_it"] = "Sosta intelligente"
    assert client.post(url, data).status_code == 302
    client.logout()
    assert found("sosta intelligente") == parking["companies"] | {"Sosta Srl"}
    assert found("parcheggio intelligente") == set()
    assert set(names(client.get(DIRECTORY, {"q": "sosta intelligente"}))) == parking["companies"]


def test_a_translation_saved_by_the_service_alone_reaches_the_search(parking):
    from clusters import services

    competency = parking["competency"]
    competency.name_es = "Aparcamiento inteligente"
    services.save_taxonomy_term(competency, renamed=False)
    assert found("aparcamiento inteligente") == parking["companies"]


def test_a_translated_area_name_reaches_the_search(parking):
    from clusters import services

    area = parking["competency"].area
    area.name_bg = "Градска подвижност"
    services.save_taxonomy_term(area, renamed=False)
    assert found("градска подвижност") == parking["companies"]


@pytest.mark.parametrize("query", ["parcheggio intelligente", "Έξυπνη στάθμεση", "energía"])
def test_directory_search_budget_in_every_language(
    client, parking, query, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        response = client.get(DIRECTORY, {"q": query})
    assert response.status_code == 200
