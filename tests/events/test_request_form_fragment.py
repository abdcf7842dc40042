"""The event page's request form, blank, is a fragment per event, material chosen and
language: it reads as rendered afresh, follows material changes at once, and a form with
answers (sent back with errors) is never taken from it or stored into it."""

import re

import pytest
from django.urls import reverse

from tests.events.factories import EventFactory, MaterialFactory, material_request_data

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+"')


@pytest.fixture
def page(past_the_page_cache):
    """The page at `url` as a visitor past the page cache reads it, tokens blanked."""

    def read(url):
        response = past_the_page_cache().get(url)
        assert response.status_code == 200
        return TOKEN.sub(r'\1"', response.content.decode())

    return read


@pytest.fixture
def event():
    event = EventFactory(title="Final Event", slug="final-event")
    MaterialFactory(event=event, title="Slides", file=None, on_request=True)
    MaterialFactory(event=event, title="Market study", file=None, on_request=True)
    return event


def test_the_blank_form_from_its_fragment_is_the_form_rendered_afresh(event, page):
    url = event.get_absolute_url()
    fresh = page(url)
    assert page(url) == fresh
    assert '<option value="" selected>' in fresh or "Choose a material" in fresh
    # A material chosen by its "On request" link is a fragment of its own.
    market_study = event.materials.get(title="Market study")
    chosen = page(f"{url}?material={market_study.pk}")
    assert f'<option value="{market_study.pk}" selected>' in chosen
    assert f'<option value="{market_study.pk}" selected>' not in page(url)


def test_a_material_renamed_or_added_shows_at_once(event, page):
    url = event.get_absolute_url()
    page(url)
    slides = event.materials.get(title="Slides")
    slides.title = "Keynote slides"
    slides.save()
    assert "Keynote slides" in page(url)
    MaterialFactory(event=event, title="Contact list", file=None, on_request=True)
    assert "Contact list" in page(url)


def test_a_form_sent_back_with_errors_keeps_its_answers_and_leaves_the_fragment(
    event, page, past_the_page_cache
):
    url = event.get_absolute_url()
    blank = page(url)
    slides = event.materials.get(title="Slides")
    response = past_the_page_cache().post(
        reverse("events:request", args=[event.slug]),
        material_request_data(slides, email="not an address"),
    )
    answered = response.content.decode()
    assert 'value="Ada Requester"' in answered and 'aria-invalid="true"' in answered
    assert page(url) == blank and 'value="Ada Requester"' not in blank
