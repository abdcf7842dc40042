"""Every questionnaire page runs a bounded number of queries, whatever the data size."""

import pytest
from django.urls import reverse

from .conftest import ALL_STEPS, step_data, step_url
from .factories import (
    ClusterFactory,
    CompetencyAreaFactory,
    CompetencyFactory,
    ExtraQuestionFactory,
    SectorFactory,
    SubmissionFactory,
)

pytestmark = pytest.mark.django_db

BUDGET = 10
INVALID = {
    "offerings": {"nonsense": "1"},
    "competencies": {"has_smart-parking": "on"},
    "international": {"export_share": "x"},
    "contact": {"contact_email": "not-an-email"},
}


@pytest.fixture(params=[3, 30], ids=["small", "large"])
def data_size(request, survey, cluster, sector, taxonomy):
    size = request.param
    ClusterFactory.create_batch(size)
    SectorFactory.create_batch(size)
    areas = CompetencyAreaFactory.create_batch(max(size // 3, 1))
    for number in range(size):
        CompetencyFactory(area=areas[number % len(areas)])
    ExtraQuestionFactory.create_batch(size, survey=survey)
    SubmissionFactory.create_batch(size, survey=survey)
    return size


def test_intro_budget(client, data_size, django_assert_max_num_queries):
    with django_assert_max_num_queries(BUDGET):
        assert client.get(reverse("surveys:intro")).status_code == 200


def test_first_step_get_and_post_budget(client, data_size, django_assert_max_num_queries):
    with django_assert_max_num_queries(BUDGET):
        assert client.get(step_url("company")).status_code == 200
    with django_assert_max_num_queries(BUDGET):
        assert client.post(step_url("company"), step_data("company")).status_code == 302
    # Saving step 1 again on an existing draft (cluster links rewritten).
    with django_assert_max_num_queries(BUDGET):
        assert client.post(step_url("company"), step_data("company")).status_code == 302


@pytest.mark.parametrize("step", ALL_STEPS[1:])
def test_step_get_and_post_budget(
    client, data_size, fill_steps, step, django_assert_max_num_queries
):
    fill_steps("company")
    with django_assert_max_num_queries(BUDGET):
        assert client.get(step_url(step)).status_code == 200
    with django_assert_max_num_queries(BUDGET):
        assert client.post(step_url(step), step_data(step)).status_code == 302
    # An invalid POST re-renders the page within the same budget.
    with django_assert_max_num_queries(BUDGET):
        assert client.post(step_url(step), INVALID[step]).status_code == 200


def test_extra_step_review_and_submit_budget(
    client, data_size, fill_steps, survey, django_assert_max_num_queries
):
    fill_steps(*ALL_STEPS)
    with django_assert_max_num_queries(BUDGET):
        assert client.get(step_url("extra")).status_code == 200
    with django_assert_max_num_queries(BUDGET):
        assert client.post(step_url("extra"), {}).status_code == 302
    with django_assert_max_num_queries(BUDGET):
        assert client.get(reverse("surveys:review")).status_code == 200
    with django_assert_max_num_queries(BUDGET):
        assert client.post(reverse("surveys:review"), {"website_url": ""}).status_code == 302
    with django_assert_max_num_queries(BUDGET):
        assert client.get(reverse("surveys:done")).status_code == 200


def test_request_update_budget(client, data_size, django_assert_max_num_queries):
    from .factories import CompanyFactory

    company = CompanyFactory()
    url = reverse("surveys:request_update", args=[company.slug])
    with django_assert_max_num_queries(BUDGET):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(BUDGET):
        assert client.post(url, {"website_url": ""}).status_code == 302
