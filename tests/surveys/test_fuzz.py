"""Hypothesis fuzz of every step form: no input gives a 500, invalid input gets messages."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from surveys.models import ExtraQuestion

from .conftest import ALL_STEPS, step_data, step_url
from .factories import ExtraQuestionFactory

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

nasty_text = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.sampled_from("\x00<>'\"&;%{}\\é中"), max_size=30),
    st.just("x" * 5000),
    st.just("\x00"),
    st.just("-1"),
    st.just("99999999999999999999"),
    st.just("<script>alert(1)</script>"),
)
values = st.one_of(nasty_text, st.lists(nasty_text, max_size=3))

FIELDS = {
    step: sorted(step_data(step)) + ["add_row", "back", "website_url", "unknown"]
    for step in ALL_STEPS
}
FIELDS["extra"] = ["q1", "q2", "q3", "q4", "q5", "back"]
ERROR_MARKERS = (
    b"Please correct the answers marked below.",
    b"looks automated",
    b"formset-rows",  # the "add another" re-render
)


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    settings.RATELIMIT_ENABLE = False


@pytest.fixture
def draft_client(client, survey, cluster, sector, taxonomy, fill_steps):
    kind = ExtraQuestion.Kind
    for question_kind in (kind.SHORT_TEXT, kind.SINGLE_CHOICE, kind.MULTIPLE_CHOICE, kind.SCALE):
        ExtraQuestionFactory(survey=survey, kind=question_kind, choices="A\nB", required=True)
    fill_steps("company")
    return client


def fuzz_data(step):
    """Mostly valid data with some fields replaced, or made-up keys."""
    return st.dictionaries(st.sampled_from(FIELDS[step]), values, max_size=8)


def _check(response):
    assert response.status_code < 500
    if response.status_code == 200:
        assert any(marker in response.content for marker in ERROR_MARKERS), response.content[:2000]


@pytest.mark.parametrize("step", ALL_STEPS)
def test_fuzz_step(draft_client, step):
    @FUZZ
    @given(changes=fuzz_data(step), replace=st.booleans())
    def run(changes, replace):
        data = changes if replace else {**step_data(step), **changes}
        _check(draft_client.post(step_url(step), data))

    run()


def test_fuzz_first_step_without_a_draft(client, survey, cluster):
    @FUZZ
    @given(changes=fuzz_data("company"))
    def run(changes):
        client.cookies.clear()
        _check(client.post(step_url("company"), {**step_data("company"), **changes}))

    run()


def test_fuzz_extra_step(draft_client, survey, fill_steps):
    fill_steps("offerings", "competencies", "international", "contact")
    keys = [question.key for question in survey.extra_questions.all()] + ["back", "x"]

    @FUZZ
    @given(data=st.dictionaries(st.sampled_from(keys), values, max_size=6))
    def run(data):
        _check(draft_client.post(step_url("extra"), data))

    run()


def test_fuzz_links_and_review(client, survey):
    @FUZZ
    @given(value=st.text(max_size=200), data=st.dictionaries(st.text(max_size=10), nasty_text))
    def run(value, data):
        assert client.get(reverse("surveys:resume", args=["v"]) + value).status_code < 500
        assert client.get(f"/questionnaire/update-profile/{value}/").status_code < 500
        assert client.get(f"/questionnaire/update/{value}/").status_code < 500
        assert client.post(reverse("surveys:review"), data).status_code < 500

    run()
