"""Generate a large, reproducible and clearly fictional dataset for the benchmark.

Everything created here is marked as generated so it can be told apart from real content
and removed again: companies have `is_demo=True` and a slug starting with `gen-`, extra
clusters have an acronym starting with `GEN` (slug `gen-…`), events and speakers have slugs
starting with `gen-`. Names come from a seeded `random.Random`, so the same seed and size
give the same rows. Rows are written with `bulk_create` in batches, per chunk of companies,
so memory stays flat whatever the size.
"""

import datetime
import random
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.contrib.postgres.search import SearchVector
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify

import clusters.demo
import portal.demo
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
from clusters.selectors import name_variants
from clusters.selectors.search import translated_columns
from core.caching import retire_public_data
from events.models import Event, Material, Session, Speaker, Talk

GENERATED_PREFIX = "gen-"
GENERATED_CLUSTER_ACRONYM_PREFIX = "GEN"
GENERATED_DESCRIPTION = "Fictional company generated for the C2Future benchmark (demo data)."
BATCH_SIZE = 2000
CHUNK_SIZE = 5000

# Countries a generated cluster or company can sit in, with a few cities and coordinates.
CITIES = {
    "IT": [("Milan", 45.4642, 9.1900), ("Turin", 45.0703, 7.6869), ("Bologna", 44.4949, 11.3426)],
    "ES": [("Bilbao", 43.2630, -2.9350), ("Madrid", 40.4168, -3.7038), ("Valencia", 39.47, -0.38)],
    "BG": [("Sofia", 42.6977, 23.3219), ("Plovdiv", 42.1354, 24.7453), ("Varna", 43.2141, 27.91)],
    "RS": [("Belgrade", 44.7866, 20.4489), ("Novi Sad", 45.2671, 19.8335), ("Nis", 43.32, 21.89)],
    "GR": [
        ("Athens", 37.9838, 23.7275),
        ("Thessaloniki", 40.6401, 22.9444),
        ("Patras", 38.25, 21.73),
    ],
    "FR": [("Lyon", 45.7640, 4.8357), ("Lille", 50.6292, 3.0573), ("Toulouse", 43.6047, 1.4442)],
    "DE": [("Munich", 48.1351, 11.5820), ("Hamburg", 53.5511, 9.9937), ("Leipzig", 51.34, 12.37)],
    "PT": [("Porto", 41.1579, -8.6291), ("Lisbon", 38.7223, -9.1393), ("Braga", 41.55, -8.42)],
    "PL": [("Krakow", 50.0647, 19.9450), ("Gdansk", 54.3520, 18.6466), ("Poznan", 52.41, 16.93)],
    "NL": [("Eindhoven", 51.4416, 5.4697), ("Utrecht", 52.0907, 5.1214), ("Delft", 52.01, 4.36)],
    "AT": [("Graz", 47.0707, 15.4395), ("Linz", 48.3069, 14.2858), ("Vienna", 48.2082, 16.3738)],
    "SI": [("Ljubljana", 46.0569, 14.5058), ("Maribor", 46.5547, 15.6459), ("Koper", 45.55, 13.73)],
}
TARGET_MARKETS = ["US", "CA", "MX", "CO", "DZ"]
OTHER_MARKETS = ["FR", "DE", "ES", "IT", "PT", "PL", "NL", "AT", "GR", "RS", "BG", "SI", "GB", "CH"]

NAME_HEADS = [
    "Vial",
    "Urba",
    "Civi",
    "Moto",
    "Ecot",
    "Volt",
    "Terra",
    "Aqua",
    "Lumi",
    "Stra",
    "Nexa",
    "Poli",
    "Meta",
    "Idro",
    "Foto",
    "Geo",
    "Trans",
    "Infra",
    "Sense",
    "Data",
    "Smart",
    "Grid",
    "Flux",
    "Orbi",
    "Pira",
    "Quad",
    "Ris",
    "Sola",
    "Tecn",
    "Velo",
]
NAME_TAILS = [
    "lia",
    "tek",
    "nova",
    "via",
    "tron",
    "max",
    "link",
    "wise",
    "line",
    "gen",
    "net",
    "lab",
    "ware",
    "sys",
    "mind",
    "path",
    "flow",
    "point",
    "city",
    "works",
]
NAME_KINDS = [
    "Mobility",
    "Solutions",
    "Engineering",
    "Systems",
    "Labs",
    "Technologies",
    "Energy",
    "Environment",
    "Building",
    "Analytics",
    "Consulting",
    "Robotics",
    "Networks",
    "Mapping",
]
LEGAL_FORMS = ["S.r.l.", "S.L.", "EOOD", "d.o.o.", "S.A.", "GmbH", "Ltd", "S.p.A.", "IKE"]
TOPICS = [
    "traffic management",
    "electric vehicle charging",
    "smart parking",
    "public transport ticketing",
    "building energy retrofits",
    "district heating",
    "water leak detection",
    "air quality monitoring",
    "waste collection routing",
    "street lighting",
    "road safety analytics",
    "bike sharing",
    "digital twins",
    "BIM coordination",
    "green roofs",
    "photovoltaic façades",
    "IoT sensor networks",
    "open data platforms",
    "cyber security",
    "mobile applications",
    "noise mapping",
    "flood forecasting",
    "last-mile logistics",
]
OFFERING_NOUNS = [
    "platform",
    "sensor kit",
    "audit",
    "dashboard",
    "app",
    "retrofit service",
    "control unit",
    "training course",
    "feasibility study",
    "API",
]
CERTIFICATIONS = ["ISO 9001", "ISO 14001", "ISO 27001", "ISO 45001", "EMAS", "SA8000"]
LANGUAGE_SETS = [
    "English",
    "English, Italian",
    "English, Spanish",
    "English, Greek",
    "English, Bulgarian",
    "English, Serbian",
    "English, French",
    "English, German",
]
FIRST_NAMES = [
    "Ana",
    "Marco",
    "Elena",
    "Jorge",
    "Maria",
    "Nikos",
    "Ivana",
    "Luca",
    "Sofia",
    "Dimitar",
    "Irene",
    "Pablo",
    "Giulia",
    "Stefan",
    "Laura",
    "Petar",
    "Chiara",
]
LAST_NAMES = [
    "Rossi",
    "Garcia",
    "Petrova",
    "Jovanovic",
    "Papadopoulou",
    "Bianchi",
    "Lopez",
    "Ivanov",
    "Nikolic",
    "Georgiou",
    "Ferrari",
    "Martinez",
    "Dimitrova",
    "Colombo",
]

# A generated competency taxonomy, used only when the database has none.
GENERATED_TAXONOMY = {
    "Mobility and transport": [
        "Traffic modelling",
        "Intelligent transport systems",
        "E-mobility infrastructure",
        "Public transport planning",
        "Road safety engineering",
        "Logistics optimisation",
    ],
    "Buildings and construction": [
        "Energy-efficient design",
        "BIM",
        "Sustainable materials",
        "Building automation",
        "Retrofit engineering",
    ],
    "Energy and utilities": [
        "Smart grids",
        "Renewable generation",
        "Energy storage",
        "Water network management",
        "Metering and billing",
    ],
    "Environment": [
        "Air quality",
        "Waste management",
        "Circular economy",
        "Noise control",
        "Climate adaptation",
    ],
    "ICT and data": [
        "IoT platforms",
        "Data analytics",
        "Cyber security",
        "Mobile apps",
        "Digital twins",
        "Open data",
        "Artificial intelligence",
    ],
    "Services and strategy": [
        "Internationalisation consulting",
        "Public procurement",
        "Stakeholder engagement",
        "Training",
    ],
}


@dataclass
class GenerationReport:
    companies: int = 0
    clusters: int = 0
    competencies: int = 0
    offerings: int = 0
    competency_links: int = 0
    markets: int = 0
    events: int = 0
    sessions: int = 0
    talks: int = 0
    materials: int = 0
    speakers: int = 0
    submissions: int = 0
    notes: list = field(default_factory=list)


class NonGeneratedDataError(Exception):
    """The database holds content this generator did not create."""


def non_generated_data():
    """Describe the rows that were not generated (empty list: the database is safe to fill)."""
    found = []
    companies = Company.objects.filter(is_demo=False).exclude(slug__startswith=GENERATED_PREFIX)
    if count := companies.count():
        found.append(f"{count} real (non-demo) companies")
    if count := Event.objects.exclude(slug__startswith=GENERATED_PREFIX).count():
        found.append(f"{count} events")
    submission_model = _submission_model()
    if submission_model is not None and (
        extra := submission_model.objects.count() - _generated_submissions(submission_model).count()
    ):
        found.append(f"{extra} questionnaire submissions")
    return found


def generated_company_count():
    return Company.objects.filter(is_demo=True, slug__startswith=GENERATED_PREFIX).count()


def dataset_present(*, companies, events):
    """True when a previous run generated this many companies and events."""
    return (
        generated_company_count() == companies
        and Event.objects.filter(slug__startswith=GENERATED_PREFIX).count() == events
    )


def generate(
    *, companies, seed, events=500, submissions=2000, extra_clusters=None, force=False, log=print
):
    """Replace any previously generated rows with a fresh dataset; returns a report."""
    if not force and (found := non_generated_data()):
        raise NonGeneratedDataError(", ".join(found))
    rng = random.Random(seed)
    report = GenerationReport()
    if extra_clusters is None:
        extra_clusters = min(300, max(2, companies // 300))
    with transaction.atomic():
        delete_generated()
        # The six partner clusters and the sectors come from the demo content (real facts).
        portal.demo.load()
        clusters.demo.load()
        sectors = list(Sector.objects.order_by("position", "id"))
        competencies = _ensure_taxonomy(report)
        cluster_rows = _generate_clusters(rng, extra_clusters, sectors, report)
        with _gin_indexes_rebuilt_after(Company):
            _generate_companies(rng, companies, cluster_rows, sectors, competencies, report, log)
        _generate_events(rng, events, cluster_rows, report)
        _generate_submissions(rng, submissions, report)
        _refresh_search_documents(report)
    # bulk_create and raw deletes send no signals: every page and cache namespace is retired.
    retire_public_data()
    if connection.vendor == "postgresql":
        # Fresh planner statistics, and a visibility map (bulk-loaded tables have none until
        # autovacuum passes, so index-only scans would be off): the benchmark measures the
        # steady state. VACUUM cannot run inside a transaction (e.g. a test's).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    return report


@contextmanager
def _gin_indexes_rebuilt_after(model):
    """Drop the table's GIN indexes (full-text, trigram) for a bulk load and build them
    again at the end: one build is several times cheaper than 100k incremental inserts.
    Inside the caller's transaction, so a failure restores them."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE schemaname = current_schema() AND tablename = %s AND indexdef ~* 'USING gin'",
            [model._meta.db_table],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        # Deferred foreign-key checks must fire before an index can be built.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _name, definition in indexes:
            cursor.execute(definition)


def delete_generated():
    submission_model = _submission_model()
    if submission_model is not None:
        _delete_in_sql(_generated_submissions(submission_model))
    _delete_in_sql(Event.objects.filter(slug__startswith=GENERATED_PREFIX))
    _delete_in_sql(Speaker.objects.filter(slug__startswith=GENERATED_PREFIX))
    _delete_in_sql(Company.objects.filter(is_demo=True, slug__startswith=GENERATED_PREFIX))
    _delete_in_sql(Cluster.objects.filter(slug__startswith=GENERATED_PREFIX))


def _delete_in_sql(queryset):
    """Delete rows and what cascades from them with set-based SQL, without per-row signals:
    the directory's handlers would rebuild a search document for every deleted link, which
    makes re-generating 100k companies take hours. Caches are cleared at the end instead."""
    model = queryset.model
    ids = queryset.values("pk")
    for relation in model._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete):
            continue
        if not (relation.one_to_many or relation.one_to_one):
            continue
        children = relation.related_model._base_manager.filter(
            **{f"{relation.field.name}__in": ids}
        )
        if relation.on_delete is models.CASCADE:
            _delete_in_sql(children)
        elif relation.on_delete is models.SET_NULL:
            children.update(**{relation.field.name: None})
    queryset._raw_delete(queryset.db)


# ---- Taxonomy and clusters --------------------------------------------------------------


def _competency_rows():
    """(id, its names..., its area's names...): every language's, as search documents hold."""
    names = translated_columns(Competency)
    area_names = [f"area__{column}" for column in translated_columns(CompetencyArea)]
    return list(Competency.objects.order_by("id").values_list("id", *names, *area_names))


def _ensure_taxonomy(report):
    competencies = _competency_rows()
    if competencies:
        report.notes.append(f"Used the existing competency taxonomy ({len(competencies)}).")
        return competencies
    for area_position, (area_name, names) in enumerate(GENERATED_TAXONOMY.items()):
        area = CompetencyArea.objects.create(
            name=area_name,
            slug=f"{GENERATED_PREFIX}{slugify(area_name)}",
            description="Generated taxonomy for the benchmark (demo data).",
            position=area_position,
        )
        Competency.objects.bulk_create(
            Competency(
                area=area, name=name, slug=f"{GENERATED_PREFIX}{slugify(name)}", position=position
            )
            for position, name in enumerate(names)
        )
    report.notes.append("Created a generated competency taxonomy (slugs start with gen-).")
    competencies = _competency_rows()
    report.competencies = len(competencies)
    return competencies


def _generate_clusters(rng, count, sectors, report):
    """Return (id, country) of every cluster companies may join: partners, then generated."""
    partners = list(Cluster.objects.filter(is_partner=True).order_by("id"))
    countries = sorted(CITIES)
    new_clusters = []
    for number in range(1, count + 1):
        country = rng.choice(countries)
        city, lat, lon = rng.choice(CITIES[country])
        topic = rng.choice(TOPICS)
        new_clusters.append(
            Cluster(
                name=f"Generated {city} {topic} cluster {number}",
                acronym=f"{GENERATED_CLUSTER_ACRONYM_PREFIX}{number:03d}",
                slug=f"{GENERATED_PREFIX}cluster-{number:03d}",
                country=country,
                city=city,
                latitude=_jitter(rng, lat),
                longitude=_jitter(rng, lon),
                description=f"Fictional cluster generated for the benchmark, focused on {topic}.",
                focus=topic,
            )
        )
    created = Cluster.objects.bulk_create(new_clusters, batch_size=BATCH_SIZE)
    through = Cluster.sectors.through
    through.objects.bulk_create(
        (
            through(cluster_id=cluster.pk, sector_id=sector.pk)
            for cluster in created
            for sector in rng.sample(sectors, k=min(2, len(sectors)))
        ),
        batch_size=BATCH_SIZE,
    )
    report.clusters = len(created)
    return [(c.pk, str(c.country)) for c in partners] + [(c.pk, str(c.country)) for c in created]


# ---- Companies ---------------------------------------------------------------------------


@dataclass
class CompanyPlan:
    """One company to insert and the rows that hang off it (written once it has a pk)."""

    company: Company
    cluster_ids: list
    sector_ids: list
    competencies: list  # (competency id, level)
    markets: list  # (country, kind, priority)
    offerings: list  # (kind, name, description, sector id)


def _generate_companies(rng, total, cluster_rows, sectors, competencies, report, log):
    partner_count = Cluster.objects.filter(is_partner=True).count()
    partner_rows = cluster_rows[:partner_count] or cluster_rows
    generated_rows = cluster_rows[partner_count:] or cluster_rows
    search = _SearchFields(sectors, competencies)
    now = timezone.now()
    for start in range(0, total, CHUNK_SIZE):
        plans = []
        for number in range(start + 1, min(start + CHUNK_SIZE, total) + 1):
            # Most members belong to a partner cluster, the rest to generated clusters.
            cluster_id, country = rng.choice(partner_rows if rng.random() < 0.7 else generated_rows)
            plan = _company_plan(rng, number, cluster_id, country, cluster_rows, now, search)
            search.fill(plan)
            plans.append(plan)
        created = Company.objects.bulk_create([p.company for p in plans], batch_size=BATCH_SIZE)
        _company_relations(created, plans, report)
        report.companies += len(created)
        log(f"  companies: {report.companies}/{total}")
    search.fill_vectors()


def _company_plan(rng, number, cluster_id, country, cluster_rows, now, search):
    name = (
        f"{rng.choice(NAME_HEADS)}{rng.choice(NAME_TAILS)} {rng.choice(NAME_KINDS)} "
        f"{rng.choice(LEGAL_FORMS)}"
    )
    slug = f"{GENERATED_PREFIX}{slugify(name)}-{number}"
    city, lat, lon = rng.choice(CITIES.get(country) or CITIES["IT"])
    topics = rng.sample(TOPICS, k=3)
    company = Company(
        name=name,
        slug=slug,
        country=country,
        city=city,
        latitude=_jitter(rng, lat),
        longitude=_jitter(rng, lon),
        website=f"https://{slug}.example.com",
        public_email=f"info@{slug}.example.com",
        description=(
            f"{name} works on {topics[0]}, {topics[1]} and {topics[2]} for cities and "
            f"utilities. {GENERATED_DESCRIPTION}"
        ),
        size=rng.choice(Company.Size.values),
        founding_year=rng.randint(1960, 2023),
        export_share=rng.choice(Company.ExportShare.values),
        certifications=", ".join(rng.sample(CERTIFICATIONS, k=rng.randint(0, 2))),
        languages=rng.choice(LANGUAGE_SETS),
        contact_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
        contact_role="Managing director",
        contact_email=f"contact@{slug}.example.com",
        consent_publish_contact=rng.random() < 0.4,
        consent_contact_by_partners=rng.random() < 0.6,
        status=Company.Status.PUBLISHED,
        is_demo=True,
        published_at=now - datetime.timedelta(minutes=number),
    )
    cluster_ids = [cluster_id]
    if rng.random() < 0.1:  # some SMEs belong to two clusters
        other_id = rng.choice(cluster_rows)[0]
        if other_id != cluster_id:
            cluster_ids.append(other_id)
    # Sorted ids: rows are inserted in the order the database reads them back by index,
    # so the search document built here matches the directory's own refresh.
    sector_ids = sorted(
        rng.sample(search.sector_ids, k=min(len(search.sector_ids), rng.randint(1, 2)))
    )
    competency_ids = sorted(
        rng.sample(search.competency_ids, k=min(len(search.competency_ids), rng.randint(4, 8)))
    )
    levels = CompanyCompetency.Level.values
    markets = [
        (market, CompanyMarket.Kind.CURRENT, None)
        for market in rng.sample(OTHER_MARKETS, k=rng.randint(1, 2))
    ] + [
        (market, CompanyMarket.Kind.TARGET, priority)
        for priority, market in enumerate(rng.sample(TARGET_MARKETS, k=rng.randint(1, 2)), 1)
    ]
    offerings = []
    for _index in range(rng.randint(2, 4)):
        topic, noun = rng.choice(TOPICS), rng.choice(OFFERING_NOUNS)
        offerings.append(
            (
                rng.choice(Offering.Kind.values),
                f"{topic.capitalize()} {noun}",
                f"A {noun} for {topic} (generated demo data).",
                rng.choice(sector_ids),
            )
        )
    return CompanyPlan(
        company=company,
        cluster_ids=cluster_ids,
        sector_ids=sector_ids,
        competencies=[(pk, rng.choice(levels)) for pk in competency_ids],
        markets=markets,
        offerings=offerings,
    )


class _SearchFields:
    """The directory's denormalised search fields, computed at insert time.

    Mirrors clusters.services.refresh_search_documents (name, competency and area names,
    offerings by kind and name, sectors; de-duplicated, " | "-joined; weighted vector A/B/C)
    without its per-batch document queries and CASE updates, which doubled the generation
    time at 100k. tests/bench checks the result equals the function's own output.
    """

    def __init__(self, sectors, competencies):
        self.sector_ids = [sector.pk for sector in sectors]
        self.sector_names = {
            pk: names
            for pk, *names in Sector.objects.filter(pk__in=self.sector_ids).values_list(
                "pk", *translated_columns(Sector)
            )
        }
        self.competency_ids = [pk for pk, *_names in competencies]
        self.competency_names = {pk: names for pk, *names in competencies}
        field_names = {f.name for f in Company._meta.get_fields()}
        self.has_document = "search_document" in field_names
        self.has_vector = "search_vector" in field_names and connection.vendor == "postgresql"
        if self.has_vector:
            from clusters.selectors import SEARCH_CONFIG

            self.config = SEARCH_CONFIG

    def document(self, plan):
        parts = list(name_variants(plan.company.name))
        for competency_id, _level in plan.competencies:
            parts.extend(self.competency_names[competency_id])
        for _kind, name, description, _sector in sorted(plan.offerings, key=lambda o: o[:2]):
            parts.extend([name, description])
        for pk in plan.sector_ids:
            parts.extend(self.sector_names[pk])
        return " | ".join(dict.fromkeys(p for p in parts if p))

    def fill(self, plan):
        if self.has_document:
            plan.company.search_document = self.document(plan)

    def fill_vectors(self):
        """The weighted vector, computed by PostgreSQL in one pass over the generated rows
        (an expression per row in bulk_create costs more Python than the whole insert)."""
        if self.has_vector:
            Company.objects.filter(is_demo=True, slug__startswith=GENERATED_PREFIX).update(
                search_vector=SearchVector("name", weight="A", config=self.config)
                + SearchVector("search_document", weight="B", config=self.config)
                + SearchVector("description", weight="C", config=self.config)
            )


def _company_relations(created, plans, report):
    cluster_through = Company.clusters.through
    sector_through = Company.sectors.through
    memberships, sector_links, links, markets, offerings = [], [], [], [], []
    for company, plan in zip(created, plans, strict=True):
        pk = company.pk
        memberships += [cluster_through(company_id=pk, cluster_id=c) for c in plan.cluster_ids]
        sector_links += [sector_through(company_id=pk, sector_id=s) for s in plan.sector_ids]
        links += [
            CompanyCompetency(company_id=pk, competency_id=competency_id, level=level)
            for competency_id, level in plan.competencies
        ]
        markets += [
            CompanyMarket(company_id=pk, country=country, kind=kind, priority=priority)
            for country, kind, priority in plan.markets
        ]
        offerings += [
            Offering(company_id=pk, kind=kind, name=name, description=text, sector_id=sector)
            for kind, name, text, sector in plan.offerings
        ]
    cluster_through.objects.bulk_create(memberships, batch_size=BATCH_SIZE)
    sector_through.objects.bulk_create(sector_links, batch_size=BATCH_SIZE)
    CompanyCompetency.objects.bulk_create(links, batch_size=BATCH_SIZE)
    CompanyMarket.objects.bulk_create(markets, batch_size=BATCH_SIZE)
    Offering.objects.bulk_create(offerings, batch_size=BATCH_SIZE)
    report.competency_links += len(links)
    report.markets += len(markets)
    report.offerings += len(offerings)


# ---- Events ------------------------------------------------------------------------------

EVENT_THEMES = [
    "Smart mobility",
    "Green building",
    "Energy communities",
    "Urban data",
    "Circular cities",
    "Road safety",
    "Water resilience",
    "Digital twins",
]
EVENT_PLACES = ["California", "Mexico", "Colombia", "Canada", "Algeria", "Europe"]


def _generate_events(rng, count, cluster_rows, report):
    speakers = Speaker.objects.bulk_create(
        (
            Speaker(
                name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                slug=f"{GENERATED_PREFIX}speaker-{number:05d}",
                role="Fictional speaker (generated demo data)",
                organisation=f"{rng.choice(NAME_HEADS)}{rng.choice(NAME_TAILS)} Institute",
                country=rng.choice(sorted(CITIES)),
            )
            for number in range(1, max(2, count * 2) + 1)
        ),
        batch_size=BATCH_SIZE,
    )
    first_day = datetime.datetime(2019, 1, 7, 10, tzinfo=datetime.UTC)
    event_objects = []
    for number in range(1, count + 1):
        theme, place = rng.choice(EVENT_THEMES), rng.choice(EVENT_PLACES)
        kind = rng.choice(Event.Kind.values)
        start = first_day + datetime.timedelta(
            days=rng.randint(0, 8 * 365), hours=rng.randint(0, 6)
        )
        is_online = kind == Event.Kind.WEBINAR
        country = rng.choice(sorted(CITIES))
        city, lat, lon = rng.choice(CITIES[country])
        title = f"{theme}: going international towards {place} #{number}"
        event_objects.append(
            Event(
                kind=kind,
                title=title,
                slug=f"{GENERATED_PREFIX}event-{number:04d}",
                summary=f"Generated benchmark event on {theme.lower()} and {place} (demo data).",
                description=f"A fictional {kind} generated for the benchmark.\n\n" * 3,
                start=start,
                end=start + datetime.timedelta(hours=rng.randint(1, 8)),
                is_online=is_online,
                venue_name="" if is_online else f"{city} Congress Centre",
                city="" if is_online else city,
                country="" if is_online else country,
                latitude=None if is_online else _jitter(rng, lat),
                longitude=None if is_online else _jitter(rng, lon),
                organiser_id=rng.choice(cluster_rows)[0],
                attendance=rng.randint(20, 300),
                # Nine in ten are published: drafts exercise the "published only" filters.
                status=Event.Status.PUBLISHED if rng.random() < 0.9 else Event.Status.DRAFT,
            )
        )
    events = Event.objects.bulk_create(event_objects, batch_size=BATCH_SIZE)
    partner_through = Event.partner_clusters.through
    partner_through.objects.bulk_create(
        (
            partner_through(event_id=event.pk, cluster_id=cluster_id)
            for event in events
            for cluster_id in {rng.choice(cluster_rows)[0] for _ in range(rng.randint(0, 3))}
        ),
        batch_size=BATCH_SIZE,
    )
    session_objects = []
    for event in events:
        for position in range(rng.randint(2, 3)):
            start = event.start + datetime.timedelta(hours=position * 2)
            session_objects.append(
                Session(
                    event=event,
                    title=f"Session {position + 1}",
                    start=start,
                    end=start + datetime.timedelta(hours=2),
                    position=position,
                )
            )
    sessions = Session.objects.bulk_create(session_objects, batch_size=BATCH_SIZE)
    talk_objects = []
    for session in sessions:
        for position in range(rng.randint(2, 4)):
            talk_objects.append(
                Talk(
                    session=session,
                    title=f"{rng.choice(TOPICS).capitalize()} in practice",
                    abstract="A generated talk (demo data).",
                    position=position,
                )
            )
    talks = Talk.objects.bulk_create(talk_objects, batch_size=BATCH_SIZE)
    speaker_through = Talk.speakers.through
    speaker_through.objects.bulk_create(
        (
            speaker_through(talk_id=talk.pk, speaker_id=speaker.pk)
            for talk in talks
            for speaker in rng.sample(speakers, k=rng.randint(1, 2))
        ),
        batch_size=BATCH_SIZE,
    )
    material_objects = []
    for event in events:
        for position, kind in enumerate(rng.sample(Material.Kind.values, k=rng.randint(1, 3))):
            on_request = rng.random() < 0.3
            material_objects.append(
                Material(
                    event=event,
                    title=f"{kind.capitalize()} – {event.title}",
                    kind=kind,
                    # No files: an external link or "available on request".
                    external_url="" if on_request else f"https://example.com/{event.slug}/{kind}",
                    on_request=on_request,
                    position=position,
                )
            )
    Material.objects.bulk_create(material_objects, batch_size=BATCH_SIZE)
    report.speakers = len(speakers)
    report.events = len(events)
    report.sessions = len(sessions)
    report.talks = len(talks)
    report.materials = len(material_objects)


# ---- Questionnaire submissions -------------------------------------------------------------

GENERATED_SURVEY_SLUG = f"{GENERATED_PREFIX}benchmark-survey"


def _submission_model():
    """surveys.Submission once its model and table exist (the surveys app lands in parallel)."""
    try:
        model = apps.get_model("surveys", "Submission")
    except LookupError:
        return None
    if model._meta.db_table not in connection.introspection.table_names():
        return None
    return model


def _generated_submissions(model):
    """Generated submissions all belong to the generated survey campaign."""
    return model.objects.filter(survey__slug=GENERATED_SURVEY_SLUG)


def _generate_submissions(rng, count, report):
    model = _submission_model()
    if model is None:
        # A database migrated before the surveys app had its table: nothing to fill.
        report.notes.append("surveys.Submission is not migrated yet: no submissions generated.")
        return
    if not count:
        return
    survey_model = model._meta.get_field("survey").related_model
    survey, _created = survey_model.objects.get_or_create(
        slug=GENERATED_SURVEY_SLUG,
        defaults={
            "title": "Generated benchmark campaign (demo data)",
            "opens_at": datetime.datetime(2020, 9, 1, tzinfo=datetime.UTC),
        },
    )
    company_rows = list(
        Company.objects.filter(is_demo=True, slug__startswith=GENERATED_PREFIX)
        .order_by("id")
        .values_list("id", "name", "country")[: count * 2]
    )
    cluster_ids = list(Cluster.objects.order_by("id").values_list("id", flat=True))
    statuses = [
        (model.Status.SUBMITTED, 0.35),
        (model.Status.APPROVED, 0.35),
        (model.Status.IN_PROGRESS, 0.2),
        (model.Status.REJECTED, 0.07),
        (model.Status.SPAM, 0.03),
    ]
    first_day = datetime.datetime(2020, 9, 15, 9, tzinfo=datetime.UTC)
    submissions = []
    for number in range(1, count + 1):
        status = rng.choices([s for s, _w in statuses], weights=[w for _s, w in statuses])[0]
        company = rng.choice(company_rows) if company_rows else None
        name = company[1] if company else f"Generated respondent company {number}"
        country = company[2] if company else rng.choice(sorted(CITIES))
        submitted = first_day + datetime.timedelta(hours=number * 3)
        submissions.append(
            model(
                survey=survey,
                status=status,
                kind=model.Kind.UPDATE if company and rng.random() < 0.3 else model.Kind.NEW,
                answers={
                    "company": {"name": name, "country": str(country)},
                    "note": "Generated benchmark submission (demo data).",
                },
                current_step="review" if status != model.Status.IN_PROGRESS else "company",
                company_id=company[0] if company and status == model.Status.APPROVED else None,
                company_name=name,
                country=country,
                contact_email=f"respondent-{number}@example.com",
                submitted_at=None if status == model.Status.IN_PROGRESS else submitted,
            )
        )
    created = model.objects.bulk_create(submissions, batch_size=BATCH_SIZE)
    through = model.clusters.through
    if cluster_ids:
        through.objects.bulk_create(
            (through(submission_id=s.pk, cluster_id=rng.choice(cluster_ids)) for s in created),
            batch_size=BATCH_SIZE,
        )
    report.submissions = len(created)


# ---- Search documents ----------------------------------------------------------------------


def _refresh_search_documents(report):
    if "search_document" in {f.name for f in Company._meta.get_fields()}:
        report.notes.append("Search documents written at insert (as clusters.services does).")
    else:
        report.notes.append("The directory has no search documents to fill yet.")


def _jitter(rng, degrees):
    return Decimal(f"{degrees + rng.uniform(-0.08, 0.08):.6f}")
