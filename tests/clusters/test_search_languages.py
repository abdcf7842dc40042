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
