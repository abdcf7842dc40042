"""A first visit's blank first step is put together from fragments (its heading, fields and
honeypot) and the campaign and clusters it needs are cached: what it shows is the same as
rendered afresh, every change shows at once, and a visitor with a draft never gets them."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from surveys import selectors
from surveys.models import Survey
from tests.surveys.conftest import step_data
from tests.surveys.factories import ClusterFactory, ExtraQuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db

STEP_URL = reverse("surveys:step", kwargs={"step_key": "company"})
TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+"')


def page(client=None, query="", language="en"):
    with translation.override(language):
        url = reverse("surveys:step", kwargs={"step_key": "company"})
    response = (client or Client()).get(f"{url}{query}")
    assert response.status_code == 200
    return TOKEN.sub(r'\1"', response.content.decode())


@pytest.fixture
def open_survey(cluster):
    return SurveyFactory(title="Skills mapping 2026")


def test_from_fragments_the_page_is_the_page_rendered_afresh(open_survey, past_the_page_cache):
    fresh = page()  # renders the fragments and keeps them
    kept = page(past_the_page_cache())  # the view runs again and reads the fragments
    assert kept == fresh
    assert "Skills mapping 2026" in kept and "Demo partner cluster" in kept
    assert 'name="country"' in kept and 'name="website_url"' in kept
    for language in ("it", "el"):
        translated = page(language=language)
        assert translated == page(past_the_page_cache(), language=language)
        assert translated != kept and f'lang="{language}"' in translated


def test_changes_to_the_campaign_its_questions_or_the_clusters_show_at_once(
    open_survey, cluster, django_assert_max_num_queries
):
    page(query="?warm")
    with django_assert_max_num_queries(0):
        page(query="?cached")  # campaign and clusters from the cache
    open_survey.title = "Skills mapping, second round"
    open_survey.save()
    assert "Skills mapping, second round" in page(query="?1")
    cluster.name = "Renamed partner cluster"
    cluster.save()
    assert "Renamed partner cluster" in page(query="?2")
    ClusterFactory(acronym="NEW", name="A new partner", slug="new-partner", is_partner=True)
    assert "A new partner" in page(query="?3")
    # An extra question adds a step: "Step 1 of 7", not of 6.
    before = re.search(r"Step 1 of (\d+)", page(query="?4"))[1]
    ExtraQuestionFactory(survey=open_survey)
    assert re.search(r"Step 1 of (\d+)", page(query="?5"))[1] == str(int(before) + 1)


def test_a_visitor_with_a_draft_gets_their_answers_not_the_blank_fields(open_survey):
    page(query="?warm")
    visitor = Client()
    response = visitor.post(STEP_URL, step_data("company"))
    assert response.status_code == 302
    again = page(visitor)
    assert 'value="Demo Mobility Srl"' in again and 'value="Milan"' in again
    assert '<option value="IT" selected>' in again
    # And the next first visitor still gets blank fields.
    assert 'value="Demo Mobility Srl"' not in page(query="?other")


def test_the_open_campaign_follows_the_clock_without_a_write(open_survey, monkeypatch):
    later = SurveyFactory(
        title="Next round",
        opens_at=timezone.now() + timezone.timedelta(days=3),
        closes_at=timezone.now() + timezone.timedelta(days=30),
    )
    open_survey.closes_at = timezone.now() + timezone.timedelta(days=2)
    open_survey.save()
    assert selectors.current_survey() == open_survey
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timezone.timedelta(days=2, hours=1))
    assert selectors.current_survey() is None  # closed, and the next one is not open yet
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timezone.timedelta(days=4))
    assert selectors.current_survey() == later
    assert selectors.current_survey().extra_question_count == 0
    assert Survey.objects.count() == 2
