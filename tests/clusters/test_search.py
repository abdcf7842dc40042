"""Directory search: legal forms and short words (PostgreSQL, the suite's database), the
SQLite quick start's FTS5 search (a real SQLite database in a subprocess), sort and page."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from clusters import selectors

from .factories import CompanyFactory

DIRECTORY = reverse("clusters:directory")

LEGAL_NAMES = [
    "Demo Air Quality S.L.",
    "Demo Mobility S.r.l.",
    "Demo Traffic d.o.o.",
    "Demo Smart Lighting A.E.",
    "Demo Sensors GmbH",
    "Demo Parking Ltd.",
]


def names(response):
    return [company.name for company in response.context["page_obj"]]


@pytest.fixture
def legal_companies(db):
    companies = {}
    for index, name in enumerate(LEGAL_NAMES):
        companies[name] = CompanyFactory(
            name=name,
            slug=f"legal-{index}",
            # Every description mentions the other names' words, so only the ranking
            # tells the exact name apart.
            description="Demo air quality, mobility, traffic, smart lighting, sensors, parking.",
        )
    return companies


@pytest.mark.parametrize("name", LEGAL_NAMES)
def test_exact_name_with_legal_form_is_found_and_ranked_first(client, legal_companies, name):
    found = names(client.get(DIRECTORY, {"q": name}))
    assert found, name
    assert found[0] == name


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Air Quality SL", "Demo Air Quality S.L."),
        ("demo mobility srl", "Demo Mobility S.r.l."),
        ("Traffic d.o.o", "Demo Traffic d.o.o."),
        ("smart lighting ae", "Demo Smart Lighting A.E."),
    ],
)
def test_abbreviations_and_short_words_never_zero_a_search(
    client, legal_companies, query, expected
):
    assert expected in names(client.get(DIRECTORY, {"q": query}))


def test_a_query_of_abbreviations_only_matches_them(client, legal_companies):
    assert names(client.get(DIRECTORY, {"q": "S.L."})) == ["Demo Air Quality S.L."]


def test_split_query_keeps_short_tokens_optional():
    words, optional = selectors.split_query("Demo Air Quality S.L. EV 5G")
    assert words == ["demo", "air", "quality", "5g"]
    assert optional == ["s.l", "sl", "ev"]


# ---- Sort and page -------------------------------------------------------------------------


def test_a_new_search_is_sorted_by_relevance(client, db):
    CompanyFactory(name="Aardvark Srl", description="We also do some parking work.")
    CompanyFactory(name="Zeta Parking Srl", description="Parking for everyone.")
    page = client.get(DIRECTORY).content.decode()
    # The sort box submits nothing until the visitor chooses: a search is ranked.
    assert '<option value="" selected>Relevance</option>' in page
    assert '<option value="name">Name</option>' in page
    response = client.get(DIRECTORY, {"q": "parking", "sort": ""})
    assert names(response)[0] == "Zeta Parking Srl"
    assert names(client.get(DIRECTORY, {"q": "parking", "sort": "name"}))[0] == "Aardvark Srl"


@pytest.mark.parametrize("page", ["0", "-1", "-999"])
def test_page_zero_or_negative_shows_the_first_page(client, db, page):
    CompanyFactory.create_batch(45)
    response = client.get(DIRECTORY, {"page": page})
    assert response.status_code == 200
    assert response.context["page_obj"].number == 1


# ---- SQLite quick start ----------------------------------------------------------------------

SQLITE_SCRIPT = r"""
import json
from clusters import selectors, sqlite_fts
from clusters.models import Company
from django.db import connection
from tests.clusters.factories import CompanyFactory, OfferingFactory

park = CompanyFactory(name="ParkSense Srl", slug="parksense", description="Smart parking.")
OfferingFactory(company=park, name="ParkSense ground sensors", description="In-road units.")
charge = CompanyFactory(name="Demo Charge Point Srl", slug="charge", description="Installs.")
OfferingFactory(company=charge, name="EV charging stations", description="AC and DC.")
CompanyFactory(name="Demo Air Quality S.L.", slug="air", description="Air quality data.")
CompanyFactory(name="Demo Air Quality Monitoring Ltd.", slug="air2",
               description="Air quality sensors, air quality maps, air quality alerts.")
CompanyFactory(name="Rete Urbana Srl", slug="rete", description="Servizi per la città.")
from clusters.models import Competency
from tests.clusters.factories import CompanyCompetencyFactory
CompanyCompetencyFactory(company=CompanyFactory(name="Sosta Srl", slug="sosta"),
                         competency=Competency.objects.get(slug="smart-parking"))

def found(query):
    qs = selectors.search(Company.objects.all(), query)
    return list(selectors.order_companies(qs, "relevance", True).values_list("name", flat=True))

result = {"vendor": connection.vendor}
for query in ["ParkSense sensors", "charing stations", "sensors ParkSense",
              "Demo Air Quality S.L.", "quality air", "zzzqqq", "\"", "OR AND NOT *",
              "citta", "città", "parcheggio intelligente", "parcheggo intelligente",
              "Έξυπνη στάθμευση", "Интелигентно паркиране", "pametno parkiranje"]:
    result[query] = found(query)
# A schema change that rebuilds the table drops its triggers: migrate puts them back.
with connection.cursor() as cursor:
    for name in sqlite_fts.TRIGGERS:
        cursor.execute(f"DROP TRIGGER {name}")
result["rebuilt"] = sqlite_fts.ensure_index(connection)
CompanyFactory(name="Later Lighting Srl", slug="later", description="Street lights.")
result["street lights"] = found("street lights")
print("RESULT " + json.dumps(result))
"""


@pytest.fixture(scope="module")
def sqlite_search(tmp_path_factory):
    database = tmp_path_factory.mktemp("sqlite") / "quickstart.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DEBUG": "true",
        "SECRET_KEY": "test-only-key-not-a-secret",
    }
    manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
    cwd = settings.BASE_DIR
    migrate = [*manage, "migrate", "-v0"]
    subprocess.run(migrate, env=env, cwd=cwd, check=True, timeout=300)  # noqa: S603 - our manage.py
    done = subprocess.run(  # noqa: S603 - our own manage.py
        [*manage, "shell", "-c", SQLITE_SCRIPT],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    line = next(line for line in done.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def test_sqlite_search_runs_on_sqlite(sqlite_search):
    assert sqlite_search["vendor"] == "sqlite"


def test_sqlite_search_matches_words_independently(sqlite_search):
    assert sqlite_search["ParkSense sensors"] == ["ParkSense Srl"]
    assert sqlite_search["sensors ParkSense"] == ["ParkSense Srl"]
    assert sqlite_search["quality air"][:1] in (
        ["Demo Air Quality Monitoring Ltd."],
        ["Demo Air Quality S.L."],
    )


def test_sqlite_search_tolerates_typos_through_the_vocabulary(sqlite_search):
    assert sqlite_search["charing stations"] == ["Demo Charge Point Srl"]


def test_sqlite_search_ranks_the_exact_name_first(sqlite_search):
    assert sqlite_search["Demo Air Quality S.L."][0] == "Demo Air Quality S.L."


def test_sqlite_search_survives_odd_input(sqlite_search):
    assert sqlite_search["zzzqqq"] == []
    assert sqlite_search['"'] == []
    assert sqlite_search["OR AND NOT *"] == []


def test_sqlite_search_folds_latin_accents(sqlite_search):
    assert sqlite_search["citta"] == ["Rete Urbana Srl"]
    assert sqlite_search["città"] == ["Rete Urbana Srl"]


@pytest.mark.parametrize(
    "query",
    [
        "parcheggio intelligente",
        "parcheggo intelligente",
        "Έξυπνη στάθμευση",
        "Интелигентно паркиране",
        "pametno parkiranje",
    ],
)
def test_sqlite_search_finds_the_taxonomy_in_every_language(sqlite_search, query):
    assert sqlite_search[query] == ["Sosta Srl"]


def test_sqlite_index_triggers_are_restored_after_migrate(sqlite_search):
    assert sqlite_search["rebuilt"] is True
    assert sqlite_search["street lights"] == ["Later Lighting Srl"]
