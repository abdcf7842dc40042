"""The smart-city competency taxonomy: areas and competencies, with slugs and descriptions.

Reference data rather than demo data: a data migration seeds it on every database and
`load_demo` re-applies it (tests flush the database between transactional tests). Staff
extend it in the admin; `ensure_taxonomy` only creates what is missing, never overwrites.
Translations into the partners' languages: clusters/taxonomy_translations.py.
"""

from django.utils import translation

from . import taxonomy_translations
from .taxonomy_translations import column

# area slug: (area name, area description, [(slug, name, description), ...])
TAXONOMY = {
    "mobility": (
        "Mobility and transport",
        "Moving people and goods in cities: vehicles, infrastructure and services.",
        [
            (
                "ev-charging-infrastructure",
                "EV charging infrastructure",
                "EV charging stations, wallboxes, fast chargers and their back-office software.",
            ),
            (
                "traffic-management-systems",
                "Traffic management systems",
                "Adaptive traffic lights, control centres and traffic flow optimisation.",
            ),
            (
                "mobility-as-a-service",
                "Mobility as a service (MaaS)",
                "Platforms that combine transport modes into one journey planner and ticket.",
            ),
            (
                "smart-parking",
                "Smart parking",
                "Parking occupancy sensing, guidance and payment.",
            ),
            (
                "public-transport-systems",
                "Public transport systems",
                "Fleet management, passenger information and ticketing for public transport.",
            ),
            (
                "road-safety-vision-zero",
                "Road safety (Vision Zero)",
                "Solutions that reduce road deaths and injuries, in the spirit of Vision Zero.",
            ),
            (
                "micromobility-sharing",
                "Micromobility and sharing",
                "Bike, scooter and car sharing services and their fleet operations.",
            ),
            (
                "urban-logistics",
                "Urban logistics",
                "Last-mile delivery, consolidation centres and cargo bikes.",
            ),
            (
                "connected-automated-vehicles",
                "Connected and automated vehicles",
                "V2X communication, driver assistance and automated driving pilots.",
            ),
            (
                "railway-technology",
                "Railway and tram technology",
                "Rolling stock components, signalling and track maintenance.",
            ),
        ],
    ),
    "construction": (
        "Construction and building",
        "Designing, building and renovating a sustainable built environment.",
        [
            (
                "bim",
                "Building information modelling (BIM)",
                "Digital models of buildings for design, construction and facility management.",
            ),
            (
                "energy-efficient-retrofits",
                "Energy-efficient retrofits",
                "Deep renovation, insulation and upgrades that cut a building's energy use.",
            ),
            (
                "sustainable-materials",
                "Sustainable building materials",
                "Low-carbon, recycled and bio-based construction materials.",
            ),
            (
                "building-automation",
                "Building automation",
                "Building management systems, HVAC and lighting control.",
            ),
            (
                "green-roofs-facades",
                "Green roofs and facades",
                "Vegetated roofs and walls that cool buildings and retain rainwater.",
            ),
            (
                "prefabrication",
                "Prefabrication and modular construction",
                "Off-site manufactured building elements and modular units.",
            ),
            (
                "structural-monitoring",
                "Structural health monitoring",
                "Sensors and analytics for bridges, tunnels and buildings.",
            ),
            (
                "urban-planning-design",
                "Urban planning and design",
                "Masterplans, public space design and urban regeneration.",
            ),
            (
                "accessibility-design",
                "Accessible design",
                "Buildings and public spaces usable by everyone.",
            ),
        ],
    ),
    "energy": (
        "Utilities and energy",
        "Producing, distributing and saving energy and water in cities.",
        [
            (
                "smart-grids",
                "Smart grids",
                "Grid monitoring, demand response and distribution automation.",
            ),
            (
                "renewable-energy",
                "Renewable energy systems",
                "Solar, wind, geothermal and biomass installations.",
            ),
            (
                "energy-storage",
                "Energy storage",
                "Batteries, thermal storage and second-life battery systems.",
            ),
            (
                "smart-metering",
                "Smart metering",
                "Smart meters for electricity, gas, heat and water and their data platforms.",
            ),
            (
                "district-heating-cooling",
                "District heating and cooling",
                "Heat networks, heat pumps and waste-heat recovery.",
            ),
            (
                "water-network-monitoring",
                "Water network monitoring",
                "Leak detection, pressure management and water quality sensing.",
            ),
            (
                "smart-street-lighting",
                "Smart street lighting",
                "Connected LED street lights and lighting control.",
            ),
            (
                "energy-communities",
                "Energy communities",
                "Shared local generation, self-consumption and peer-to-peer energy.",
            ),
            (
                "energy-audits",
                "Energy audits and management",
                "Energy audits, ISO 50001 management and energy performance contracts.",
            ),
        ],
    ),
    "environment": (
        "Environment",
        "Keeping the urban environment clean, healthy and resilient.",
        [
            (
                "waste-management",
                "Waste management",
                "Collection, sorting and treatment of urban waste.",
            ),
            (
                "circular-economy",
                "Circular economy",
                "Reuse, remanufacturing and recycling business models.",
            ),
            (
                "air-quality-sensing",
                "Air-quality sensing",
                "Networks of air-quality sensors and pollution forecasting.",
            ),
            (
                "noise-monitoring",
                "Noise monitoring",
                "Measuring and mapping urban noise.",
            ),
            (
                "wastewater-treatment",
                "Wastewater treatment",
                "Treatment plants, water reuse and sludge valorisation.",
            ),
            (
                "soil-remediation",
                "Soil remediation",
                "Decontamination of brownfield sites and soils.",
            ),
            (
                "climate-adaptation",
                "Climate adaptation",
                "Nature-based solutions, flood protection and heat-island mitigation.",
            ),
            (
                "environmental-consulting",
                "Environmental consulting",
                "Impact assessments, carbon footprints and environmental permits.",
            ),
            (
                "urban-greening",
                "Urban greening and biodiversity",
                "Parks, urban forests and biodiversity monitoring.",
            ),
        ],
    ),
    "digital": (
        "ICT and digital platforms",
        "The digital backbone of the smart city: data, connectivity and software.",
        [
            (
                "iot-platforms",
                "IoT platforms",
                "Device management and data collection platforms for connected sensors.",
            ),
            (
                "urban-data-analytics",
                "Urban data analytics",
                "Dashboards, data lakes and analytics for city data.",
            ),
            (
                "cybersecurity",
                "Cybersecurity",
                "Security of city systems, networks and critical infrastructure.",
            ),
            (
                "artificial-intelligence",
                "Artificial intelligence",
                "Machine learning, computer vision and decision support.",
            ),
            (
                "digital-twins",
                "Digital twins",
                "Virtual replicas of city assets for simulation and planning.",
            ),
            (
                "mobile-applications",
                "Mobile applications",
                "Citizen and business apps for iOS and Android.",
            ),
            (
                "gis-mapping",
                "GIS and mapping",
                "Geographic information systems and spatial data services.",
            ),
            (
                "open-data-platforms",
                "Open data platforms",
                "Publishing and reusing public sector data.",
            ),
            (
                "e-government",
                "E-government services",
                "Digital public services, e-participation and civic tech.",
            ),
            (
                "connectivity-5g",
                "Connectivity and 5G",
                "Public Wi-Fi, LoRaWAN, 5G and fibre networks.",
            ),
            (
                "cloud-edge-computing",
                "Cloud and edge computing",
                "Hosting, edge nodes and cloud services for city applications.",
            ),
            (
                "blockchain",
                "Blockchain and distributed ledgers",
                "Traceability, smart contracts and tokenised services.",
            ),
        ],
    ),
}


def ensure_taxonomy(area_model, competency_model, sector_model=None):
    """Create missing areas and competencies and fill their missing translations.

    Models are passed in so migrations can use it: before the translation columns exist
    (migration 0004) only the terms are created. Existing names, descriptions and
    translations are never overwritten, so staff edits stay.
    """
    with translation.override("en"):
        for area_position, (area_slug, (area_name, area_description, items)) in enumerate(
            TAXONOMY.items()
        ):
            area, _ = area_model.objects.get_or_create(
                slug=area_slug,
                defaults=_english(
                    area_model,
                    {"name": area_name, "description": area_description},
                    position=area_position,
                ),
            )
            for position, (slug, name, description) in enumerate(items):
                competency_model.objects.get_or_create(
                    slug=slug,
                    defaults=_english(
                        competency_model,
                        {"name": name, "description": description},
                        area=area,
                        position=position,
                    ),
                )
    fill_taxonomy_translations(area_model, competency_model, sector_model)


def _has_translation_columns(model):
    return any(field.name == "name_en" for field in model._meta.get_fields())


def _english(model, texts, **other):
    """Creation defaults: the texts in the original columns and, once they exist, in the
    English columns too."""
    defaults = {**texts, **other}
    if _has_translation_columns(model):
        defaults.update({column(field, "en"): value for field, value in texts.items()})
    return defaults


def fill_taxonomy_translations(area_model, competency_model, sector_model=None):
    """Fill the empty translation columns of the seeded areas, competencies and sectors
    (clusters/taxonomy_translations.py), by slug; filled ones keep their text."""
    for model, translations, fields in (
        (area_model, taxonomy_translations.AREAS, ("name", "description")),
        (competency_model, taxonomy_translations.COMPETENCIES, ("name", "description")),
        (sector_model, taxonomy_translations.SECTORS, ("name",)),
    ):
        if model is None or not _has_translation_columns(model):
            continue
        for term in model.objects.filter(slug__in=translations):
            changed = []
            for language, texts in translations[term.slug].items():
                texts = (texts,) if isinstance(texts, str) else texts
                for field, text in zip(fields, texts, strict=True):
                    name = column(field, language)
                    if not getattr(term, name):
                        setattr(term, name, text)
                        changed.append(name)
            if changed:
                term.save(update_fields=changed)
