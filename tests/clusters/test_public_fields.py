"""One list says which company data is public; every public page and file, and the
questionnaire's promise, derive from it (clusters/public_fields.py)."""

import html as html_module
import re

import pytest
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clusters import public_fields
from clusters.models import Company
from clusters.public_fields import PublicCompany, require_public
from surveys.models import Submission
from tests.surveys.factories import SubmissionFactory, SurveyFactory, complete_answers

from .factories import ClusterFactory, CompetencyFactory, full_company

pytestmark = pytest.mark.django_db


# ---- The list covers the model -----------------------------------------------------------


def test_every_company_field_and_relation_is_classified_exactly_once():
    lists = {
        "public": public_fields.PUBLIC_FIELD_NAMES,
        "consented contact": public_fields.CONTACT_FIELD_NAMES,
        "private": public_fields.PRIVATE_FIELD_NAMES,
    }
    for field in public_fields.own_fields(Company):
        homes = [name for name, names in lists.items() if field.name in names]
        assert len(homes) == 1, f"Company.{field.name} is in {homes or 'no list'}"
    model_names = {field.name for field in public_fields.own_fields(Company)}
    for names in lists.values():
        assert names <= model_names, names - model_names


def test_other_apps_relations_to_a_company_are_never_public():
    others = {field.name for field in Company._meta.get_fields()} - {
        field.name for field in public_fields.own_fields(Company)
    }
    assert {"submissions", "matchmaking_organisations"} <= others
    for name in others:
        assert name not in public_fields.PUBLIC_FIELD_NAMES | public_fields.CONTACT_FIELD_NAMES
        with pytest.raises(ImproperlyConfigured):
            require_public(name)


def test_export_share_and_vat_number_are_private():
    assert {"export_share", "vat_number"} <= public_fields.PRIVATE_FIELD_NAMES
    with pytest.raises(ImproperlyConfigured):
        require_public("name", "export_share")
    assert require_public("name", "city") == ("name", "city")


def test_the_public_view_answers_only_public_fields(db):
    company = full_company(
        export_share="50+",
        vat_number="IT00000000001",
        contact_name="Hidden Person",
        consent_publish_contact=False,
    )
    public = PublicCompany(company)
    assert public.name == company.name and public.get_absolute_url() == company.get_absolute_url()
    for private in ("export_share", "vat_number", "get_export_share_display", "status"):
        with pytest.raises(AttributeError):
            getattr(public, private)
    with pytest.raises(AttributeError):
        public.contact_name  # noqa: B018
    company.consent_publish_contact = True
    assert PublicCompany(company).contact_name == "Hidden Person"


# ---- No private field reaches a public page or file --------------------------------------

# Private values, each a unique marker string no public page can hold by chance.
COMPANY_MARKERS = {
    "vat_number": "VATMARKER4471",
    "contact_name": "Contactmarker Hidden-Person",
    "contact_role": "Rolemarker Chief",
    "contact_email": "contact.marker@private.example",
    "contact_phone": "+39 000 7771234",
}
ANSWER_MARKERS = {
    ("company", "turnover"): "turnover-marker-band",
    ("company", "respondent_email"): "respondent.marker@private.example",
    ("international", "support_wanted"): "Supportmarker for Mexico",
    ("international", "existing_contacts"): "Existingcontactsmarker Ltd",
    ("international", "obstacles_other"): "Obstaclemarker paperwork",
}
EXPORT_SHARES = [value for value, _label in Company.ExportShare.choices]

PUBLIC_PATHS = [
    "/",
    "/about/",
    "/clusters/",
    "/clusters/marker-cluster/",
    "/directory/",
    "/directory/?q=Marker+Robotics",
    "/directory/?format=csv",
    "/directory/?cluster=marker-cluster&format=csv",
    "/skills-map/",
    "/skills-map/?by=country",
    "/skills-map/?by=target_market",
    "/skills-map/points.json",
    "/events/",
    "/events/feed.ics",
    "/events/feed.rss",
    "/events/feed.atom",
]


def body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def _jsonld(html):
    return " ".join(re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S))


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    company_fields=st.sets(st.sampled_from(sorted(COMPANY_MARKERS))),
    answer_fields=st.sets(st.sampled_from(sorted(ANSWER_MARKERS))),
    export_share=st.sampled_from(EXPORT_SHARES),
    contact_by_partners=st.booleans(),
)
def test_no_private_field_reaches_any_public_page_or_file(
    client, db, company_fields, answer_fields, export_share, contact_by_partners
):
    for alias in ("default", "pages"):
        caches[alias].clear()
    with transaction.atomic():
        cluster = ClusterFactory(acronym="MRK", name="Marker cluster", slug="marker-cluster")
        competency = CompetencyFactory(name="Marker competency", slug="marker-competency")
        company = full_company(
            name="Marker Robotics Demo",
            slug="marker-robotics-demo",
            clusters=[cluster],
            competencies=[competency],
            export_share=export_share,
            consent_publish_contact=False,
            consent_contact_by_partners=contact_by_partners,
            **{field: COMPANY_MARKERS[field] for field in company_fields},
        )
        answers = complete_answers(name=company.name, clusters=[cluster.slug])
        for section, key in answer_fields:
            answers[section][key] = ANSWER_MARKERS[(section, key)]
        SubmissionFactory(
            survey=SurveyFactory(),
            answers=answers,
            status=Submission.Status.APPROVED,
            company=company,
            clusters=[cluster],
        )
        markers = [COMPANY_MARKERS[field] for field in company_fields]
        markers += [ANSWER_MARKERS[key] for key in answer_fields]
        if export_share:
            markers.append(str(Company.ExportShare(export_share).label))

        profile = client.get(company.get_absolute_url())
        assert profile.status_code == 200
        outputs = {"profile": body(profile), "json-ld": _jsonld(body(profile))}
        assert "Marker Robotics Demo" in outputs["json-ld"]
        for path in PUBLIC_PATHS:
            response = client.get(path)
            assert response.status_code == 200, path
            outputs[path] = body(response)
        assert "Marker Robotics Demo" in outputs["/directory/?format=csv"]
        assert "Marker Robotics Demo" in outputs["/skills-map/points.json"]
        for surface, text in outputs.items():
            for marker in markers:
                assert marker not in text, f"private {marker!r} is public on {surface}"
        assert "Export share" not in outputs["profile"]
        transaction.set_rollback(True)


def test_the_profile_does_not_show_the_export_share(client):
    company = full_company(export_share="50+")
    text = body(client.get(company.get_absolute_url()))
    assert "Over 50% of turnover" not in text
    assert "Export share" not in text


def test_the_csv_columns_are_public_fields():
    from clusters.views import CSV_COLUMNS

    for column, field, _read in CSV_COLUMNS:
        assert field in public_fields.PUBLIC_FIELD_NAMES, column


def test_a_consented_contact_person_is_public(client):
    company = full_company(consent_publish_contact=True, **COMPANY_MARKERS)
    text = body(client.get(company.get_absolute_url()))
    assert COMPANY_MARKERS["contact_name"] in text
    assert COMPANY_MARKERS["contact_email"] in _jsonld(text)
    assert COMPANY_MARKERS["vat_number"] not in text


# ---- The questionnaire's promise -----------------------------------------------------------


def _item(html, css_class):
    match = re.search(rf'<li class="{css_class}">(.*?)</li>', html, re.S)
    assert match, css_class
    return " ".join(html_module.unescape(match[1]).split())


def test_the_intro_promise_is_built_from_the_lists(client):
    html = body(client.get("/questionnaire/"))
    published, private = _item(html, "privacy-public"), _item(html, "privacy-private")
    for label, _names in public_fields.PUBLIC_COMPANY_FIELDS:
        assert str(label) in published
    for label, _names in public_fields.PRIVATE_COMPANY_FIELDS + public_fields.PRIVATE_ANSWERS:
        assert str(label) in private
    assert "export share" in private and "export share" not in published
    assert "turnover band" in private and "email address" in private


def test_the_intro_follows_a_change_of_the_list(client, monkeypatch):
    monkeypatch.setattr(
        public_fields,
        "PRIVATE_COMPANY_FIELDS",
        (*public_fields.PRIVATE_COMPANY_FIELDS, ("newly private marker", ("city",))),
    )
    html = body(client.get("/questionnaire/"))
    assert "newly private marker" in _item(html, "privacy-private")
