"""Companies approved from the questionnaire get a place on the map: the town-centre guess
from the offline gazetteer, shown to the curator, correctable, and said to be approximate."""

import json
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from clusters.models import Company
from surveys import services
from tests.clusters.test_admin import change_url, form_data

from .factories import CompanyFactory, SubmissionFactory, UserFactory, complete_answers

pytestmark = pytest.mark.django_db

MILAN = (Decimal("45.464270"), Decimal("9.189510"))


@pytest.fixture
def curator(db):
    user = UserFactory(username="location-curator")
    user.groups.add(Group.objects.get(name="Curator"))
    return user


def submission_in(city, country="IT"):
    answers = complete_answers()
    answers["company"].update(city=city, country=country)
    return SubmissionFactory(answers=answers)


def review_url(submission):
    return reverse("admin:surveys_submission_review", args=[submission.pk])


def test_an_approved_company_is_placed_at_its_town_centre_and_is_on_the_map(client, curator):
    company = services.approve_as_new(submission_in("Milano"), curator)
    company.refresh_from_db()
    assert (company.latitude, company.longitude) == MILAN
    assert company.location_approximate
    points = json.loads(client.get(reverse("clusters:map_points")).content)
    assert "Demo Mobility Srl" in json.dumps(points)


def test_the_review_page_shows_the_guess_and_the_curator_can_correct_it(client, curator):
    submission = submission_in("Milan")
    client.force_login(curator)
    page = client.get(review_url(submission)).content.decode()
    assert "Guessed from the town: the centre of Milan (IT)" in page
    assert 'name="latitude"' in page and 'value="45.46427"' in page
    assert 'name="location_approximate"' in page and "checked" in page
    response = client.post(
        review_url(submission),
        {"action": "approve_new", "latitude": "45.478100", "longitude": "9.227500"},
        follow=True,
    )
    assert response.status_code == 200
    company = Company.objects.get()
    assert (company.latitude, company.longitude) == (Decimal("45.478100"), Decimal("9.227500"))
    assert not company.location_approximate  # the curator's own coordinates


def test_an_approval_posted_without_the_location_fields_uses_the_guess(client, curator):
    submission = submission_in("Milano")
    client.force_login(curator)
    client.post(review_url(submission), {"action": "approve_new"})
    company = Company.objects.get()
    assert (company.latitude, company.longitude) == MILAN and company.location_approximate


def test_clearing_the_location_approves_without_coordinates(client, curator):
    submission = submission_in("Milano")
    client.force_login(curator)
    data = {"action": "approve_new", "latitude": "", "longitude": ""}
    response = client.post(review_url(submission), data, follow=True)
    assert "has no coordinates, so it is not on the map" in response.content.decode()
    assert not Company.objects.get().has_coordinates


def test_a_half_given_location_is_refused_with_a_message(client, curator):
    submission = submission_in("Milan")
    client.force_login(curator)
    response = client.post(review_url(submission), {"action": "approve_new", "latitude": "45"})
    assert response.status_code == 200
    assert "Give both latitude and longitude" in response.content.decode()
    assert not Company.objects.exists()
    response = client.post(
        review_url(submission),
        {"action": "approve_new", "latitude": "123", "longitude": "abc"},
    )
    assert response.status_code == 200 and not Company.objects.exists()


def test_an_unknown_town_gets_no_coordinates_and_the_curator_is_told(client, curator):
    submission = submission_in("Atlantis")
    client.force_login(curator)
    page = client.get(review_url(submission)).content.decode()
    assert "The town is not in the offline gazetteer" in page
    response = client.post(review_url(submission), {"action": "approve_new"}, follow=True)
    assert "has no coordinates, so it is not on the map" in response.content.decode()
    company = Company.objects.get()
    assert not company.has_coordinates and not company.location_approximate


def test_the_profile_says_when_a_location_is_approximate(client):
    company = CompanyFactory(latitude=MILAN[0], longitude=MILAN[1], location_approximate=True)
    assert (
        "Approximate location (town centre)"
        in client.get(company.get_absolute_url()).content.decode()
    )
    exact = CompanyFactory(latitude=MILAN[0], longitude=MILAN[1])
    page = client.get(exact.get_absolute_url()).content.decode()
    assert "company-map" in page and "Approximate location" not in page


def test_correcting_the_coordinates_in_the_admin_unticks_approximate(client, curator):
    company = CompanyFactory(latitude=MILAN[0], longitude=MILAN[1], location_approximate=True)
    client.force_login(curator)
    data = form_data(client.get(change_url(company)))
    assert data["location_approximate"] == "on"
    data["latitude"] = "45.478100"
    response = client.post(change_url(company), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    company.refresh_from_db()
    assert company.latitude == Decimal("45.478100") and not company.location_approximate
    # Saving without touching the coordinates leaves the flag as the curator set it.
    other = CompanyFactory(latitude=MILAN[0], longitude=MILAN[1], location_approximate=True)
    data = form_data(client.get(change_url(other)))
    data["city"] = "Milano"
    assert client.post(change_url(other), data).status_code == 302
    other.refresh_from_db()
    assert other.location_approximate


def test_an_update_moving_town_moves_a_guessed_pin_but_never_a_curators(curator):
    guessed = CompanyFactory(
        name="Demo Mobility Srl", city="Turin", latitude=1, longitude=1, location_approximate=True
    )
    submission = submission_in("Milan")
    services.approve_as_update(
        submission, guessed, curator, fields=["city"], expected_version=guessed.version
    )
    guessed.refresh_from_db()
    assert (guessed.latitude, guessed.longitude) == MILAN and guessed.location_approximate
    exact = CompanyFactory(city="Turin", latitude=1, longitude=1, vat_number="IT000")
    submission = submission_in("Milan")
    services.approve_as_update(
        submission, exact, curator, fields=["city"], expected_version=exact.version
    )
    exact.refresh_from_db()
    assert (exact.latitude, exact.longitude) == (Decimal(1), Decimal(1))
