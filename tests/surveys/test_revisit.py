"""Issue #11: revisiting a step or updating a profile never loses data.

The invariants, checked as a browser submits forms (fields read from the rendered HTML):
- save a step, reopen it, save it unchanged -> the stored answers are identical;
- prefill from a company, submit unchanged, approve with the defaults -> company unchanged.
"""

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django_countries import countries
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clusters.models import Company, CompanyCompetency, Offering
from surveys import forms, selectors, services, tokens
from surveys.models import ExtraQuestion, Submission

from .conftest import formset_management, step_data, step_url
from .factories import (
    ClusterFactory,
    CompanyFactory,
    CompetencyFactory,
    ExtraQuestionFactory,
    SectorFactory,
    UserFactory,
)
from .html_forms import as_post_data, form_fields

pytestmark = pytest.mark.django_db

PROPERTY = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
STEPS = ("company", "offerings", "competencies", "international", "contact", "extra")
QUESTIONNAIRE = {"css_class": "questionnaire-form"}
COUNTRY_ORDER = [code for code, _name in countries]  # the order of the country <select>s


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    settings.RATELIMIT_ENABLE = False


def browser_post(client, url, fill=None, form=QUESTIONNAIRE, **pressed):
    """GET the page and submit its form exactly as rendered (plus `fill` where empty)."""
    page = client.get(url)
    assert page.status_code == 200, page.content[:2000]
    data = as_post_data(form_fields(page.content.decode(), **form), **pressed)
    for name, value in (fill or {}).items():
        if not any(data.get(name) or []):
            data[name] = [value]
    return client.post(url, data)


def save_unchanged(client, step):
    response = browser_post(client, step_url(step), next="1")
    assert response.status_code == 302, response.content.decode()[:3000]


def stored(step):
    return Submission.objects.get().answers[step]


@pytest.fixture
def draft(client, survey, cluster, sector, taxonomy, fill_steps):
    fill_steps("company")
    return client


def offering_rows(*rows):
    data = formset_management("offerings", len(rows))
    for number, (kind, name) in enumerate(rows):
        data.update(
            {
                f"offerings-{number}-kind": kind,
                f"offerings-{number}-name": name,
                f"offerings-{number}-description": "",
                f"offerings-{number}-sector": "mobility",
            }
        )
    return data


# ---- Item 1: revisiting a step keeps its repeatable rows ---------------------------------


def test_unchanged_resave_of_step_4_keeps_both_target_markets(draft):
    assert draft.post(step_url("international"), step_data("international")).status_code == 302
    before = stored("international")
    assert [t["country"] for t in before["targets"]] == ["MX", "US"]
    save_unchanged(draft, "international")
    assert stored("international") == before
    review = draft.get(reverse("surveys:review")).content.decode()
    assert "Mexico (priority 1)" in review and "United States of America (priority 2)" in review


def test_unchanged_resave_of_step_2_is_accepted_and_keeps_every_offering(draft):
    rows = [("product", "Counter"), ("service", "Consulting"), ("solution", "Platform")]
    assert draft.post(step_url("offerings"), offering_rows(*rows)).status_code == 302
    before = stored("offerings")
    save_unchanged(draft, "offerings")
    assert stored("offerings") == before and len(before) == 3


def test_editing_one_of_three_offerings_keeps_the_other_two(draft):
    rows = [("product", "Counter"), ("service", "Consulting"), ("solution", "Platform")]
    draft.post(step_url("offerings"), offering_rows(*rows))
    page = draft.get(step_url("offerings")).content.decode()
    data = as_post_data(form_fields(page, **QUESTIONNAIRE), next="1")
    data["offerings-1-name"] = ["Consulting and training"]
    assert draft.post(step_url("offerings"), data).status_code == 302
    assert [o["name"] for o in stored("offerings")] == [
        "Counter",
        "Consulting and training",
        "Platform",
    ]


def test_a_saved_row_goes_only_when_removed_or_cleared(draft):
    rows = [("product", "Counter"), ("service", "Consulting"), ("solution", "Platform")]
    draft.post(step_url("offerings"), offering_rows(*rows))
    page = draft.get(step_url("offerings")).content.decode()
    data = as_post_data(form_fields(page, **QUESTIONNAIRE), next="1")
    data["offerings-0-DELETE"] = ["on"]  # "Remove this item"
    for field in ("kind", "name", "description", "sector"):
        data[f"offerings-2-{field}"] = [""]  # a row emptied by hand
    assert draft.post(step_url("offerings"), data).status_code == 302
    assert [o["name"] for o in stored("offerings")] == ["Consulting"]


def test_back_and_save_again_on_every_step_loses_nothing(draft, fill_steps):
    fill_steps("offerings", "competencies", "international", "contact")
    before = Submission.objects.get().answers
    # Back from each step, then Save and continue from the review's Edit links.
    for step in ("contact", "international", "competencies", "offerings"):
        response = browser_post(draft, step_url(step), back="1")
        assert response.status_code == 302
    for step in ("company", "offerings", "competencies", "international", "contact"):
        save_unchanged(draft, step)
    assert Submission.objects.get().answers == before


# ---- Item 3: the invariant for every step, as a property ---------------------------------

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Co", "Zl", "Zp")),
    max_size=30,
).map(str.strip)
REQUIRED_TEXT = TEXT.filter(bool)
EMAILS = st.sampled_from(["anna@example.com", "b.c@example.org", "x+y@example.net"])
MARKETS = ["ES", "FR", "MX", "US", "SI", "DE"]


def subset(draw, options):
    """Some of `options`, in their on-page order (a browser submits in document order)."""
    chosen = set(draw(st.lists(st.sampled_from(options), unique=True, max_size=len(options))))
    return [option for option in options if option in chosen]


def in_country_order(codes):
    return sorted(codes, key=COUNTRY_ORDER.index)


def checkbox(value):
    return ["on"] if value else []


def company_data(draw, choices):
    return {
        "respondent_email": draw(EMAILS),
        "name": draw(REQUIRED_TEXT),
        "vat_number": draw(TEXT),
        "website": draw(st.sampled_from(["", "https://a.example.com", "https://b.example.org/en"])),
        "country": draw(st.sampled_from(MARKETS)),
        "city": draw(TEXT),
        "founding_year": draw(st.one_of(st.just(""), st.integers(1800, 2020).map(str))),
        "size": draw(st.sampled_from(Company.Size.values)),
        "turnover": draw(st.sampled_from([""] + [code for code, _ in forms.TurnoverBand.CHOICES])),
        "clusters": subset(draw, [slug for slug, _label in choices["clusters"]]),
        "description": draw(REQUIRED_TEXT),
        "website_url": "",
    }


def offerings_data(draw, choices):
    count = draw(st.integers(1, 4))
    blank_rows = draw(st.integers(0, 1))
    data = formset_management("offerings", count + blank_rows)
    for number in range(count):
        data.update(
            {
                f"offerings-{number}-kind": draw(st.sampled_from(Offering.Kind.values)),
                f"offerings-{number}-name": draw(REQUIRED_TEXT),
                f"offerings-{number}-description": draw(TEXT),
                f"offerings-{number}-sector": draw(
                    st.sampled_from([""] + [slug for slug, _name in choices["sectors"]])
                ),
            }
        )
    return data


def competencies_data(draw, choices):
    data = {"other": draw(TEXT)}
    slugs = [slug for _area, rows in choices["competencies"] for slug, _name in rows]
    for slug in subset(draw, slugs):
        data[f"has_{slug}"] = "on"
        data[f"level_{slug}"] = draw(st.sampled_from(CompanyCompetency.Level.values))
    return data


def international_data(draw, choices):
    targets = draw(st.lists(st.sampled_from(MARKETS), unique=True, max_size=3))
    obstacles = subset(draw, [code for code, _label in forms.Obstacle.CHOICES])
    data = {
        "current_markets": in_country_order(subset(draw, MARKETS)),
        "export_share": draw(st.sampled_from(Company.ExportShare.values)),
        **formset_management("targets", len(targets)),
        "b2b_interest": draw(st.sampled_from([code for code, _ in forms.B2BInterest.CHOICES])),
        "obstacles": obstacles,
        "obstacles_other": draw(REQUIRED_TEXT if "other" in obstacles else TEXT),
        "existing_contacts": draw(TEXT),
        "support_wanted": draw(TEXT),
    }
    for number, country in enumerate(targets):
        data[f"targets-{number}-country"] = country
        data[f"targets-{number}-priority"] = str(draw(st.integers(1, 5)))
    return data


def contact_data(draw, choices):
    return {
        "contact_name": draw(REQUIRED_TEXT),
        "contact_role": draw(TEXT),
        "contact_email": draw(EMAILS),
        "contact_phone": draw(TEXT),
        "consent_publish_profile": checkbox(draw(st.booleans())),
        "consent_publish_contact": checkbox(draw(st.booleans())),
        "consent_contact_by_partners": checkbox(draw(st.booleans())),
        "privacy_acknowledged": "on",
    }


def extra_data(draw, questions):
    kind = ExtraQuestion.Kind
    data = {}
    for question in questions:
        options = question.choice_list
        if question.kind == kind.SINGLE_CHOICE:
            data[question.key] = draw(st.sampled_from(options))
        elif question.kind == kind.MULTIPLE_CHOICE:
            data[question.key] = subset(draw, options) or options[:1]  # a required question
        elif question.kind == kind.SCALE:
            data[question.key] = str(draw(st.integers(1, 5)))
        else:
            data[question.key] = draw(REQUIRED_TEXT)
    return data


GENERATORS = {
    "company": company_data,
    "offerings": offerings_data,
    "competencies": competencies_data,
    "international": international_data,
    "contact": contact_data,
}


@pytest.fixture
def rich_draft(draft, survey):
    """More choices than the defaults, and one extra question of each kind."""
    ClusterFactory(name="Another partner cluster", slug="another-partner")
    SectorFactory(name="Energy", slug="energy")
    CompetencyFactory(name="Battery storage", slug="battery-storage")
    kind = ExtraQuestion.Kind
    for position, question_kind in enumerate(kind.values):
        ExtraQuestionFactory(
            survey=survey,
            kind=question_kind,
            position=position,
            choices="Alpha\nBeta & co\nGamma" if "choice" in question_kind else "",
            required=True,
        )
    return draft


@pytest.mark.parametrize("step", STEPS)
def test_save_reopen_save_unchanged_keeps_the_answers_identical(rich_draft, survey, step):
    """The hypothesis property behind item 1, for every step of the questionnaire."""
    choices = selectors.step_choices(("clusters", "sectors", "competencies"))
    questions = list(selectors.extra_questions(survey))

    @PROPERTY
    @given(data=st.data())
    def run(data):
        if step == "extra":
            answers = extra_data(data.draw, questions)
        else:
            answers = GENERATORS[step](data.draw, choices)
        response = rich_draft.post(step_url(step), answers)
        assert response.status_code == 302, response.content.decode()[:3000]
        before = stored(step)
        save_unchanged(rich_draft, step)
        assert stored(step) == before

    run()


# ---- Item 2 and 3: prefill from a company, submit unchanged, approve with the defaults ------

# Answers the questionnaire needs that a company does not hold: a browser user picks them.
NOT_ON_RECORD = {"b2b_interest": "yes", "privacy_acknowledged": "on"}
UPDATE_STEPS = ("company", "offerings", "competencies", "international", "contact")


@pytest.fixture
def curator_client(db):
    user = UserFactory(username="curator")
    user.groups.add(Group.objects.get(name="Curator"))
    client = Client()
    client.force_login(user)
    return client


def company_snapshot(company):
    company = selectors.company_prefill(company)
    return {
        **{field: getattr(company, field) for field in services.COMPANY_FIELDS},
        "country": str(company.country),
        "public_email": company.public_email,
        "status": company.status,
        "clusters": sorted(cluster.slug for cluster in company.clusters.all()),
        "sectors": sorted(company.sectors.values_list("slug", flat=True)),
        "offerings": sorted(
            (o.kind, o.name, o.description, o.sector.slug if o.sector else "")
            for o in company.offerings.all()
        ),
        "competencies": sorted(
            (link.competency.slug, link.level) for link in company.competency_links.all()
        ),
        "markets": sorted((str(m.country), m.kind, m.priority or 0) for m in company.markets.all()),
    }


def form_errors(response):
    formset = response.context["formset"]
    return response.context["form"].errors, formset and (formset.errors, formset.non_form_errors())


def submit_update(client, company, edits=None):
    """Open the update link, save every step as rendered (with `edits`), submit."""
    link = reverse("surveys:open_update", args=[tokens.update_value(company)])
    assert client.get(link).status_code == 302
    for step in UPDATE_STEPS:
        page = client.get(step_url(step))
        assert page.status_code == 200
        data = as_post_data(form_fields(page.content.decode(), **QUESTIONNAIRE), next="1")
        for name, value in NOT_ON_RECORD.items():
            if not any(data.get(name) or []):
                data[name] = [value]
        data.update((edits or {}).get(step, {}))
        response = client.post(step_url(step), data)
        assert response.status_code == 302, (step, form_errors(response))
    assert client.post(reverse("surveys:review"), {"website_url": ""}).status_code == 302
    submission = Submission.objects.get(kind=Submission.Kind.UPDATE, company=company)
    assert submission.status == Submission.Status.SUBMITTED
    return submission


def approve_url(submission, company):
    return reverse("admin:surveys_submission_approve_update", args=[submission.pk, company.pk])


def approve_with_defaults(curator_client, submission, company):
    response = browser_post(
        curator_client, approve_url(submission, company), form={"containing": "company_version"}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    submission.refresh_from_db()
    assert submission.status == Submission.Status.APPROVED


@pytest.fixture
def rich_company(survey, cluster, sector, taxonomy):
    """3 offerings, 2 competencies with levels, 2 current and 2 target markets."""
    energy = SectorFactory(name="Energy", slug="energy")
    company = CompanyFactory(
        name="Demo Update Spa",
        vat_number="IT555",
        website="https://update.example.com",
        founding_year=2001,
        export_share="10-25",
        contact_name="Ugo Demo",
        contact_email="ugo@example.com",
        consent_publish_contact=True,
        public_email="ugo@example.com",
        clusters=[cluster],
        sectors=[sector, energy],
    )
    company.offerings.create(kind="product", name="Counter", sector=sector, description="Counts.")
    company.offerings.create(kind="service", name="Consulting", sector=energy)
    company.offerings.create(kind="solution", name="Platform")
    smart_parking, traffic = taxonomy
    company.competency_links.create(competency=smart_parking, level="expert")
    company.competency_links.create(competency=traffic, level="basic")
    for code in ("ES", "FR"):
        company.markets.create(country=code, kind="current")
    company.markets.create(country="MX", kind="target", priority=1)
    company.markets.create(country="US", kind="target", priority=3)
    return company


def test_update_submitted_unchanged_and_approved_with_defaults_changes_nothing(
    client, curator_client, rich_company
):
    before = company_snapshot(rich_company)
    submission = submit_update(client, rich_company)
    assert services.company_diff(submission, selectors.company_prefill(rich_company)) == []
    approve_with_defaults(curator_client, submission, rich_company)
    assert company_snapshot(rich_company) == before
    assert len(before["offerings"]) == 3 and len(before["markets"]) == 4


def test_approve_page_ticks_only_real_changes_and_lists_removals_unticked(
    client, curator_client, rich_company
):
    before = company_snapshot(rich_company)
    edits = {
        "company": {"city": ["Genoa"], "vat_number": [""]},  # a change and a removal
        "offerings": {"offerings-1-DELETE": ["on"]},  # Consulting removed by the respondent
        "international": {"targets-2-country": ["SI"], "targets-2-priority": ["2"]},
    }
    submission = submit_update(client, rich_company, edits)
    page = curator_client.get(approve_url(submission, rich_company)).content.decode()
    ticked = dict(form_fields(page, containing="company_version"))
    assert ticked.get("apply_city") == "on" and ticked.get("apply_markets") == "on"
    removal = services.removal_field("offerings", ("consulting", 0))
    assert f'name="apply_{removal}"' in page and f"apply_{removal}" not in ticked
    assert 'name="apply_vat_number"' in page and "apply_vat_number" not in ticked
    assert "Removals: on record but not in the answers" in page
    assert "Service: Consulting (Energy)" in page
    assert {name for name in ticked if name.startswith("apply_")} == {"apply_city", "apply_markets"}

    approve_with_defaults(curator_client, submission, rich_company)
    after = company_snapshot(rich_company)
    assert after["city"] == "Genoa" and after["vat_number"] == "IT555"
    assert after["offerings"] == before["offerings"]  # the removal was not ticked
    assert ("SI", "target", 2) in after["markets"]
    assert set(before["markets"]) < set(after["markets"])


def test_a_removal_the_curator_ticks_is_applied(client, curator_client, rich_company):
    edits = {"offerings": {"offerings-1-DELETE": ["on"]}}
    submission = submit_update(client, rich_company, edits)
    url = approve_url(submission, rich_company)
    page = curator_client.get(url).content.decode()
    data = as_post_data(form_fields(page, containing="company_version"))
    data[f"apply_{services.removal_field('offerings', ('consulting', 0))}"] = ["on"]
    assert curator_client.post(url, data).status_code == 302
    names = sorted(o.name for o in rich_company.offerings.all())
    assert names == ["Counter", "Platform"]
    assert sorted(rich_company.sectors.values_list("slug", flat=True)) == ["mobility"]


COMPANY_TEXT = REQUIRED_TEXT.filter(lambda text: len(text) <= 30)


@pytest.mark.parametrize("with_other_cluster", [False, True], ids=["partner", "non-partner"])
def test_property_update_unchanged_and_approved_with_defaults_keeps_the_company(
    client, curator_client, survey, cluster, sector, taxonomy, with_other_cluster
):
    """Item 3's update invariant, over generated companies (a non-partner cluster is not in
    the questionnaire: it must survive the approval all the same)."""
    energy = SectorFactory(name="Energy", slug="energy")
    other_cluster = ClusterFactory(is_partner=False) if with_other_cluster else None
    sectors = {None: None, "mobility": sector, "energy": energy}
    competencies = {item.slug: item for item in taxonomy}

    @settings(PROPERTY, max_examples=10)
    @given(data=st.data())
    def run(data):
        draw = data.draw
        with transaction.atomic():
            company = CompanyFactory(
                name=draw(COMPANY_TEXT),
                vat_number=draw(TEXT),
                website=draw(st.sampled_from(["", "https://a.example.com"])),
                country=draw(st.sampled_from(MARKETS)),
                city=draw(TEXT),
                founding_year=draw(st.one_of(st.none(), st.integers(1800, 2020))),
                size=draw(st.sampled_from(Company.Size.values)),
                description=draw(COMPANY_TEXT),
                export_share=draw(st.sampled_from(Company.ExportShare.values)),
                contact_name=draw(COMPANY_TEXT),
                contact_role=draw(TEXT),
                contact_email=draw(EMAILS),
                contact_phone=draw(TEXT),
                consent_publish_contact=draw(st.booleans()),
                consent_contact_by_partners=draw(st.booleans()),
            )
            company.clusters.set(
                [cluster, other_cluster] if other_cluster and draw(st.booleans()) else [cluster]
            )
            used_sectors = set()
            for _number in range(draw(st.integers(1, 3))):
                sector_key = draw(st.sampled_from(list(sectors)))
                used_sectors.add(sector_key)
                company.offerings.create(
                    kind=draw(st.sampled_from(Offering.Kind.values)),
                    name=draw(COMPANY_TEXT),
                    description=draw(TEXT),
                    sector=sectors[sector_key],
                )
            company.sectors.set([sectors[key] for key in used_sectors if key])
            for slug in subset(draw, list(competencies)):
                company.competency_links.create(
                    competency=competencies[slug],
                    level=draw(st.sampled_from(CompanyCompetency.Level.values)),
                )
            for code in subset(draw, MARKETS):
                company.markets.create(country=code, kind="current")
            for code in subset(draw, MARKETS):
                priority = draw(st.one_of(st.none(), st.integers(1, 5)))
                company.markets.create(country=code, kind="target", priority=priority)
            before = company_snapshot(company)
            submission = submit_update(client, company)
            approve_with_defaults(curator_client, submission, company)
            assert company_snapshot(company) == before
            transaction.set_rollback(True)

    run()


def test_approval_keeps_an_unset_priority_when_it_adds_a_target_market(
    client, curator_client, rich_company
):
    rich_company.markets.filter(country="US").update(priority=None)  # shown as 1 in the form
    edits = {"international": {"targets-2-country": ["SI"], "targets-2-priority": ["2"]}}
    submission = submit_update(client, rich_company, edits)
    approve_with_defaults(curator_client, submission, rich_company)
    targets = {str(m.country): m.priority for m in rich_company.markets.filter(kind="target")}
    assert targets == {"MX": 1, "US": None, "SI": 2}


@pytest.mark.parametrize("rows", [2, 9])  # the questionnaire takes up to 10 target markets
def test_approve_update_page_and_approval_have_a_query_budget(
    client, curator_client, survey, sector, taxonomy, rows, django_assert_max_num_queries
):
    company = CompanyFactory(export_share="10-25", contact_name="Q", contact_email="q@example.com")
    for number in range(rows):
        company.offerings.create(kind="product", name=f"Offering {number}", sector=sector)
    codes = COUNTRY_ORDER[:rows]
    for code in codes:
        company.markets.create(country=code, kind="target", priority=1)
    edits = {"offerings": {"offerings-0-DELETE": ["on"]}, "company": {"city": ["Genoa"]}}
    submission = submit_update(client, company, edits)
    url = approve_url(submission, company)
    with django_assert_max_num_queries(20):  # 15 today, whatever the number of rows
        page = curator_client.get(url)
    data = as_post_data(form_fields(page.content.decode(), containing="company_version"))
    data[f"apply_{services.removal_field('offerings', ('offering 0', 0))}"] = ["on"]
    # 65 today, whatever the number of rows: only the removed row is written, and most
    # queries are the directory's search-document refreshes (clusters.signals).
    with django_assert_max_num_queries(75):
        assert curator_client.post(url, data).status_code == 302
    assert company.offerings.count() == rows - 1


def test_an_edited_row_is_replaced_and_the_others_are_not_touched(
    client, curator_client, rich_company
):
    untouched = set(rich_company.offerings.exclude(name="Counter").values_list("pk", flat=True))
    edits = {"offerings": {"offerings-0-description": ["Counts vehicles and bikes."]}}
    submission = submit_update(client, rich_company, edits)
    approve_with_defaults(curator_client, submission, rich_company)
    offerings = {o.name: o for o in rich_company.offerings.all()}
    assert set(offerings) == {"Counter", "Consulting", "Platform"}
    assert offerings["Counter"].description == "Counts vehicles and bikes."
    assert {offerings["Consulting"].pk, offerings["Platform"].pk} == untouched
    assert sorted(rich_company.sectors.values_list("slug", flat=True)) == ["energy", "mobility"]
