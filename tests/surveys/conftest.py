import pytest
from django.urls import reverse

from .factories import (
    ClusterFactory,
    CompetencyAreaFactory,
    CompetencyFactory,
    SectorFactory,
    SurveyFactory,
)


@pytest.fixture
def survey(db):
    return SurveyFactory(title="Demo skills mapping")


@pytest.fixture
def taxonomy(db):
    area = CompetencyAreaFactory(name="Mobility", slug="mobility")
    return [
        CompetencyFactory(area=area, name="Smart parking", slug="smart-parking"),
        CompetencyFactory(area=area, name="Traffic management", slug="traffic-management"),
    ]


@pytest.fixture
def cluster(db):
    return ClusterFactory(acronym="DEMO", name="Demo partner cluster", slug="demo-partner")


@pytest.fixture
def sector(db):
    return SectorFactory(name="Mobility", slug="mobility")


def formset_management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def step_data(step, **overrides):
    """Valid POST data for each step."""
    data = {
        "company": {
            "respondent_email": "anna@example.com",
            "name": "Demo Mobility Srl",
            "vat_number": "IT12345678901",
            "website": "https://demo-mobility.example.com",
            "country": "IT",
            "city": "Milan",
            "founding_year": "2012",
            "size": "small",
            "turnover": "2-10m",
            "clusters": ["demo-partner"],
            "description": "Fictional demo SME making traffic sensors.",
            "website_url": "",
        },
        "offerings": {
            **formset_management("offerings", 1),
            "offerings-0-kind": "product",
            "offerings-0-name": "Traffic counter",
            "offerings-0-description": "Counts vehicles.",
            "offerings-0-sector": "mobility",
        },
        "competencies": {
            "has_smart-parking": "on",
            "level_smart-parking": "expert",
            "level_traffic-management": "",
            "other": "Data analytics",
        },
        "international": {
            "current_markets": ["ES", "FR"],
            "export_share": "10-25",
            **formset_management("targets", 2),
            "targets-0-country": "MX",
            "targets-0-priority": "1",
            "targets-1-country": "US",
            "targets-1-priority": "2",
            "b2b_interest": "yes",
            "obstacles": ["financing", "language"],
            "obstacles_other": "",
            "existing_contacts": "",
            "support_wanted": "Partner search in Mexico",
        },
        "contact": {
            "contact_name": "Anna Demo",
            "contact_role": "CEO",
            "contact_email": "anna@example.com",
            "contact_phone": "+39 02 0000000",
            "consent_publish_profile": "on",
            "consent_contact_by_partners": "on",
            "privacy_acknowledged": "on",
        },
    }[step]
    data.update(overrides)
    return data


def step_url(step):
    return reverse("surveys:step", kwargs={"step_key": step})


@pytest.fixture
def fill_steps(client):
    """Post valid answers to the given steps, asserting each one saves."""

    def fill(*steps, extra=None):
        for step in steps:
            data = extra if step == "extra" else step_data(step)
            response = client.post(step_url(step), data)
            assert response.status_code == 302, (step, response.content.decode()[:3000])
        return response

    return fill


ALL_STEPS = ("company", "offerings", "competencies", "international", "contact")
