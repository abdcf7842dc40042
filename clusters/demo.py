"""Demo content for the clusters app: sectors and the six partner clusters (real facts
from ../shared/brief/facts.md)."""

from .models import Cluster, Sector

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
