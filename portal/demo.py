"""Demo content for the site shell: the home introduction and the about page.

Facts come from ../shared/brief/facts.md; staff edit them afterwards in the admin. The
translations into the partners' languages are in portal/demo_translations.py.
"""

from core.content_translations import column
from core.models import SitePage

from .demo_translations import PAGES

HOME = {
    "title": "Clusters for the City of the Future",
    "lead": (
        "C2Future is a European strategic partnership of six business clusters in "
        "mobility, construction and building, utilities and energy, environment and ICT. "
        "Together we help our member SMEs take their smart-city products and services to "
        "international markets."
    ),
    "body": (
        "Our four objectives:\n\n"
        "- Strengthen the competitiveness of the SMEs that are members of the partner clusters.\n"
        "- Create a new value chain in smart urbanisation and smart cities.\n"
        "- Support and facilitate the ability of SMEs to interact with international partners.\n"
        "- Implement a common internationalisation strategy and roadmap."
    ),
}

ABOUT = {
    "title": "About C2Future",
    "lead": (
        "C2Future – Clusters for the City of the Future – is a European Strategic Cluster "
        "Partnership in the field of smart cities, co-funded by the European Union's COSME "
        "programme (cluster internationalisation action, call COS-CLUSINT-2019-3-01, about "
        "EUR 200,000)."
    ),
    "body": (
        "The project ran for 24 months, from 1 September 2020 to 31 August 2022. Its aim is a "
        "new value chain in smart urbanisation and the internationalisation of the partner "
        "clusters' member SMEs, over 800 companies across six clusters, toward third-country "
        "markets.\n\n"
        "Objectives:\n\n"
        "- Strengthen the competitiveness of the SMEs that are members of the partner clusters.\n"
        "- Create a new value chain in smart urbanisation and smart cities.\n"
        "- Support and facilitate the ability of SMEs to interact with international partners.\n"
        "- Implement a common internationalisation strategy and roadmap.\n\n"
        "Sectors: mobility; construction and building; utilities and energy; environment; ICT.\n\n"
        "Target markets named over the project's life: the USA (California, with its Vision "
        "Zero road-safety programme), Canada, Mexico, Colombia and Algeria. The final event "
        "focused on California, Colombia and Mexico.\n\n"
        "The first activity was a survey and mapping of the skills, products and services of "
        "member SMEs through a short online questionnaire; its results feed the common "
        "internationalisation strategy and roadmap and are published on this portal.\n\n"
        "During the project, six B2B and cluster-to-cluster (C2C) events and a series of "
        "webinars were held; webinar recordings remain available."
    ),
}


def load():
    for slug, content in (("home", HOME), ("about", ABOUT)):
        page, _ = SitePage.objects.get_or_create(slug=slug, defaults=content)
        # The partners' languages (portal/demo_translations.py): only empty ones are filled.
        changed = []
        for language, texts in PAGES[slug].items():
            for field, text in texts.items():
                name = column(field, language)
                if not getattr(page, name):
                    setattr(page, name, text)
                    changed.append(name)
        if changed:
            page.save(update_fields=changed)
