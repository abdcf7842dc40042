"""Demo content for the clusters app: sectors and the six partner clusters (real facts
from ../shared/brief/facts.md), the competency taxonomy, and about 60 FICTIONAL demo
companies (is_demo=True, names starting "Demo", example.com websites) so every public page
has something to show. Deterministic (seeded random) and idempotent (get_or_create by slug).
"""

import random
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from .models import (
    Cluster,
    Company,
    CompanyCompetency,
    CompanyMarket,
    Competency,
    CompetencyArea,
    Offering,
    Sector,
)
from .taxonomy import ensure_taxonomy

SECTORS = [
    ("mobility", "Mobility"),
    ("construction-building", "Construction & building"),
    ("utilities-energy", "Utilities & energy"),
    ("environment", "Environment"),
    ("ict", "ICT"),
]

# slug: (acronym, name, country, region, city, lat, lon, focus, sector slugs, coordinator)
PARTNER_CLUSTERS = {
    "dti": (
        "DTI",
        "Cluster for Digital Transformation and Innovation",
        "BG",
        "",
        "Sofia",
        "42.697708",
        "23.321868",
        "ICT, digital transformation",
        ["ict"],
        False,
    ),
    "aclima": (
        "Aclima",
        "Basque Environment Cluster (Asociación Cluster de Industrias de "
        "Medio Ambiente de Euskadi)",
        "ES",
        "Basque Country",
        "Bilbao",
        "43.263013",
        "-2.934985",
        "Environment",
        ["environment"],
        False,
    ),
    "ict-net": (
        "ICT Net",
        "ICT Network (IKT Mreža udruženje)",
        "RS",
        "",
        "Belgrade",
        "44.786568",
        "20.448922",
        "ICT",
        ["ict"],
        False,
    ),
    "green-home": (
        "Green HoMe",
        "Green HoMe – innovation hub for sustainable building",
        "IT",
        "",
        "",
        None,
        None,
        "Construction, sustainable building",
        ["construction-building", "utilities-energy"],
        False,
    ),
    "hamac": (
        "HAMAC",
        "Hellenic Association of Mobile Application Companies",
        "GR",
        "",
        "Athens",
        "37.983810",
        "23.727539",
        "ICT, mobile applications",
        ["ict"],
        False,
    ),
    "clm": (
        "CLM",
        "Lombardy Mobility Cluster (Cluster Lombardo della Mobilità)",
        "IT",
        "Lombardy",
        "Milan",
        "45.464203",
        "9.189982",
        "Mobility; project coordinator and organiser of the final event",
        ["mobility"],
        True,
    ),
}


def load():
    sectors = {}
    for position, (slug, name) in enumerate(SECTORS):
        sectors[slug], _ = Sector.objects.get_or_create(
            slug=slug, defaults={"name": name, "position": position}
        )
    for slug, row in PARTNER_CLUSTERS.items():
        acronym, name, country, region, city, lat, lon, focus, sector_slugs, coord = row
        cluster, created = Cluster.objects.get_or_create(
            slug=slug,
            defaults={
                "acronym": acronym,
                "name": name,
                "country": country,
                "region": region,
                "city": city,
                "latitude": lat,
                "longitude": lon,
                "focus": focus,
                "is_partner": True,
                "is_coordinator": coord,
                "contact_email": "segreteria@clusterlombardomobilita.it" if coord else "",
            },
        )
        if created:
            cluster.sectors.set([sectors[s] for s in sector_slugs])
    ensure_taxonomy(CompetencyArea, Competency, Sector)
    load_demo_companies()


# ---- Fictional demo companies ------------------------------------------------------------

DEMO_SEED = 20200901

# Cities where each cluster's fictional members sit: (city, latitude, longitude).
CLUSTER_CITIES = {
    "dti": ("BG", "EOOD", [("Sofia", 42.6977, 23.3219), ("Plovdiv", 42.1354, 24.7453)]),
    "aclima": ("ES", "S.L.", [("Bilbao", 43.2630, -2.9350), ("Vitoria-Gasteiz", 42.8467, -2.6716)]),
    "ict-net": ("RS", "d.o.o.", [("Belgrade", 44.7866, 20.4489), ("Novi Sad", 45.2671, 19.8335)]),
    "green-home": ("IT", "Srl", [("Turin", 45.0703, 7.6869), ("Bologna", 44.4949, 11.3426)]),
    "hamac": ("GR", "IKE", [("Athens", 37.9838, 23.7275), ("Thessaloniki", 40.6401, 22.9444)]),
    "clm": ("IT", "Srl", [("Milan", 45.4642, 9.1900), ("Bergamo", 45.6983, 9.6773)]),
}

# A sector's competencies come from the matching taxonomy area.
SECTOR_AREAS = {
    "mobility": "mobility",
    "construction-building": "construction",
    "utilities-energy": "energy",
    "environment": "environment",
    "ict": "digital",
}

# Ten fictional names per cluster, themed on the cluster's sectors.
DEMO_STEMS = {
    "dti": [
        "Digital Twin",
        "City Data",
        "Cyber Shield",
        "Vision AI",
        "Edge Cloud",
        "Open Data",
        "Ledger Works",
        "Data Bridge",
        "Urban Analytics",
        "Smart Campus",
    ],
    "aclima": [
        "Waste Tech",
        "Circular Lab",
        "Air Quality",
        "Noise Map",
        "Clean Water",
        "Soil Care",
        "Climate Adapt",
        "Eco Consult",
        "Urban Green",
        "Eco Recycling",
    ],
    "ict-net": [
        "IoT Platform",
        "Connect 5G",
        "GeoMaps",
        "Civic Tech",
        "Sensor Grid",
        "Smart Sensors",
        "Cloud Services",
        "Network Security",
        "Data Labs",
        "Code Factory",
    ],
    "green-home": [
        "BIM Studio",
        "Retrofit",
        "Green Build",
        "Modular Homes",
        "Facade Works",
        "Building Automation",
        "Solar Roofs",
        "Heat Networks",
        "Energy Audit",
        "Grid Solutions",
    ],
    "hamac": [
        "Mobile Apps",
        "City Apps",
        "Route Planner",
        "Tourism Apps",
        "Civic Apps",
        "App Studio",
        "Mobile Payments",
        "Smart Tickets",
        "Geo Apps",
        "Health Apps",
    ],
    "clm": [
        "Mobility",
        "Charge Point",
        "Urban Flow",
        "Smart Transit",
        "Parking Lab",
        "Road Safety",
        "Cargo Bike",
        "Rail Systems",
        "Traffic Vision",
        "Fleet Manager",
    ],
}

# Specific demo offerings for some competencies (others get a generic one).
OFFERINGS = {
    "ev-charging-infrastructure": ("product", "EV charging stations"),
    "traffic-management-systems": ("solution", "Adaptive traffic light controller"),
    "mobility-as-a-service": ("solution", "MaaS journey planner"),
    "smart-parking": ("product", "Parking occupancy sensors"),
    "bim": ("service", "BIM modelling and coordination"),
    "energy-efficient-retrofits": ("service", "Deep energy retrofit of apartment blocks"),
    "water-network-monitoring": ("product", "Water leak detection sensors"),
    "waste-management": ("solution", "Smart waste bin monitoring"),
    "air-quality-sensing": ("product", "Low-cost air-quality monitoring stations"),
    "iot-platforms": ("solution", "IoT device management platform"),
    "urban-data-analytics": ("solution", "City data dashboard"),
    "cybersecurity": ("service", "Penetration testing for city infrastructure"),
    "smart-street-lighting": ("product", "Connected LED street lights"),
    "mobile-applications": ("service", "Citizen app development"),
}

# Some names promise a competency: it comes first (and so does its offering).
LEAD_COMPETENCIES = {
    "Charge Point": "ev-charging-infrastructure",
    "Traffic Vision": "traffic-management-systems",
    "Air Quality": "air-quality-sensing",
    "Waste Tech": "waste-management",
    "BIM Studio": "bim",
    "Retrofit": "energy-efficient-retrofits",
    "IoT Platform": "iot-platforms",
    "Cyber Shield": "cybersecurity",
    "Mobile Apps": "mobile-applications",
    "City Data": "urban-data-analytics",
}

TARGET_MARKETS = ["US", "CA", "MX", "CO", "DZ"]  # named by the project (facts.md)
CURRENT_MARKETS = ["DE", "FR", "AT", "PT", "RO", "HR", "SI", "NL", "BE", "CH"]
LEVELS = [
    CompanyCompetency.Level.BASIC,
    CompanyCompetency.Level.ADVANCED,
    CompanyCompetency.Level.EXPERT,
]


def demo_company_specs():
    """The fictional companies as plain data; the same list on every run."""
    rng = random.Random(DEMO_SEED)
    cluster_slugs = list(PARTNER_CLUSTERS)
    sector_slugs = [slug for slug, _name in SECTORS]
    specs = []
    named = [(slug, stem) for slug in cluster_slugs for stem in DEMO_STEMS[slug]]
    for index, (cluster_slug, stem) in enumerate(named):
        country, suffix, cities = CLUSTER_CITIES[cluster_slug]
        city, lat, lon = rng.choice(cities)
        primary_sectors = PARTNER_CLUSTERS[cluster_slug][8]
        sectors = {rng.choice(primary_sectors)}
        if rng.random() < 0.4:
            sectors.add(rng.choice(sector_slugs))
        clusters = [cluster_slug]
        if index % 9 == 4:  # a few belong to two clusters
            clusters.append(cluster_slugs[(index + 1) % len(cluster_slugs)])
        name = f"Demo {stem} {suffix}"
        status = Company.Status.PUBLISHED
        if index % 20 == 7:
            status = Company.Status.DRAFT
        elif index % 30 == 13:
            status = Company.Status.ARCHIVED
        specs.append(
            {
                "name": name,
                "stem": stem,
                "slug": slugify(f"demo-{stem}-{country}"),
                "country": country,
                "city": city,
                "latitude": Decimal(str(round(lat + rng.uniform(-0.04, 0.04), 6))),
                "longitude": Decimal(str(round(lon + rng.uniform(-0.05, 0.05), 6))),
                "clusters": clusters,
                "sectors": sorted(sectors),
                "size": rng.choice(["micro", "small", "small", "medium", "medium", "large"]),
                "founding_year": rng.randint(1985, 2021),
                "export_share": rng.choice(["none", "0-10", "10-25", "25-50", "50+"]),
                "targets": rng.sample(TARGET_MARKETS, rng.randint(1, 3)),
                "current": rng.sample(CURRENT_MARKETS, rng.randint(0, 3)),
                "competency_count": rng.randint(2, 5),
                "levels_seed": rng.random(),
                "consent": index % 4 == 0,
                "lead_competency": LEAD_COMPETENCIES.get(stem),
                "status": status,
            }
        )
    return specs


def _pick_competencies(spec, by_area):
    rng = random.Random(f"{DEMO_SEED}-{spec['slug']}")
    pool = [c for sector in spec["sectors"] for c in by_area.get(SECTOR_AREAS[sector], [])]
    pool = sorted(set(pool), key=lambda c: c.slug)
    chosen = rng.sample(pool, min(spec["competency_count"], len(pool)))
    lead = next(
        (c for cs in by_area.values() for c in cs if c.slug == spec["lead_competency"]), None
    )
    if lead is not None:
        chosen = [lead, *(c for c in chosen if c != lead)][: max(len(chosen), 1)]
    return [(competency, rng.choice(LEVELS)) for competency in chosen]


def load_demo_companies():
    from .services import refresh_search_documents

    clusters = {c.slug: c for c in Cluster.objects.filter(slug__in=list(PARTNER_CLUSTERS))}
    sectors = {s.slug: s for s in Sector.objects.all()}
    by_area = {}
    for competency in Competency.objects.select_related("area"):
        by_area.setdefault(competency.area.slug, []).append(competency)
    now = timezone.now()
    created_ids = []
    for spec in demo_company_specs():
        short = spec["stem"]  # without the legal form: no "S.L.." at the sentence's end
        company, created = Company.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "is_demo": True,
                "country": spec["country"],
                "city": spec["city"],
                "latitude": spec["latitude"],
                "longitude": spec["longitude"],
                "website": f"https://{spec['slug']}.example.com/",
                "public_email": f"info@{spec['slug']}.example.com",
                "description": (
                    f"{spec['name']} is a fictional company created as demo data for the "
                    f"C2Future portal. It stands for a {spec['size']} smart-city SME from "
                    f"{spec['city']} working on {short.lower()}."
                ),
                "size": spec["size"],
                "founding_year": spec["founding_year"],
                "export_share": spec["export_share"],
                "certifications": "ISO 9001" if spec["founding_year"] < 2005 else "",
                "languages": "English",
                "contact_name": "Demo Contact" if spec["consent"] else "",
                "contact_role": "Business development (demo)" if spec["consent"] else "",
                "contact_email": f"contact@{spec['slug']}.example.com",
                "consent_publish_contact": spec["consent"],
                "status": spec["status"],
                "published_at": now if spec["status"] == Company.Status.PUBLISHED else None,
            },
        )
        if not created:
            continue
        created_ids.append(company.pk)
        company.clusters.set([clusters[slug] for slug in spec["clusters"] if slug in clusters])
        company.sectors.set([sectors[slug] for slug in spec["sectors"] if slug in sectors])
        links = _pick_competencies(spec, by_area)
        CompanyCompetency.objects.bulk_create(
            [CompanyCompetency(company=company, competency=c, level=level) for c, level in links]
        )
        offerings = []
        for competency, _level in links[:3]:
            kind, name = OFFERINGS.get(competency.slug, ("service", f"{competency.name} services"))
            offerings.append(
                Offering(
                    company=company,
                    kind=kind,
                    name=name,
                    description=f"Demo offering: {competency.description}",
                    sector=sectors.get(spec["sectors"][0]),
                )
            )
        Offering.objects.bulk_create(offerings)
        CompanyMarket.objects.bulk_create(
            [
                CompanyMarket(company=company, country=code, kind="target", priority=rank)
                for rank, code in enumerate(spec["targets"], start=1)
            ]
            + [
                CompanyMarket(company=company, country=code, kind="current")
                for code in spec["current"]
            ]
        )
    if created_ids:
        # bulk_create skips signals: the search documents are rebuilt once, and the refresh
        # retires every cache (core.caching.retire_public_data).
        refresh_search_documents(created_ids)
