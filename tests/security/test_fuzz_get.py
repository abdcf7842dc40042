"""Property-based fuzzing of every public GET URL and parameter: never a 5xx.

Written against URL names, not paths, so it follows the apps as they change. Values mix
real slugs and choices from the demo content (to reach deep code paths) with hostile
input: NUL bytes, 5,000-character strings, arbitrary unicode, negative and huge numbers.
"""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clusters.filters import CompanyFilter
from clusters.models import Cluster, Company, Competency, Sector
from events.forms import EventFilter
from events.models import Event, Material, Speaker
from matchmaking.forms import OpportunityFilterForm
from matchmaking.models import Organisation, Participant, Programme
from surveys.steps import BY_KEY

FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

HOSTILE_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="\x00ab-_%/.", max_size=20),
    st.just("\x00"),
    st.just("x" * 5000),
    st.text(min_size=300, max_size=5000),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(
        [
            "",
            "0",
            "-1",
            "99999",
            "2147483648",
            "1e309",
            "NaN",
            "last",
            "../../etc/passwd",
            "' OR 1=1 --",
            "<script>alert(1)</script>",
            "%00",
            "☃🚲ß",
            "\u202e",
            " ",
        ]
    ),
)
SLUG_SHAPED = st.from_regex(r"[-a-zA-Z0-9_]{1,300}", fullmatch=True)
PATH_TEXT = st.text(min_size=1, max_size=300).filter(lambda s: "/" not in s)


def known_values():
    """Real slugs and choices, so some requests reach the populated code paths."""
    return {
        "cluster": list(Cluster.objects.values_list("slug", flat=True)),
        "company": list(Company.objects.values_list("slug", flat=True)),
        "sector": list(Sector.objects.values_list("slug", flat=True)),
        "competency": list(Competency.objects.values_list("slug", flat=True)),
        "event": list(Event.objects.values_list("slug", flat=True)),
        "speaker": list(Speaker.objects.values_list("slug", flat=True)),
        "material": list(Material.objects.values_list("event__slug", "pk")),
        "country": ["IT", "ES", "BG", "RS", "GR", "US", "MX", "CO", "online", "XX"],
        "year": ["2020", "2021", "2022", "1900", "9999"],
        "kind": list(dict(Event.Kind.choices)),
        "size": list(dict(Company.Size.choices)),
        "sort": ["relevance", "name", "updated", "-name"],
        "format": ["csv", "json", "html", ""],
        "by": ["cluster", "sector", "country", "size", "target_market", "nope"],
        "step": list(BY_KEY),
        "programme": list(Programme.objects.values_list("event__slug", flat=True)),
        "participant": list(Participant.objects.values_list("programme__event__slug", "pk")),
        "calendar_token": list(Participant.objects.values_list("calendar_token", flat=True)),
        "organisation_kind": list(dict(Organisation.Kind.choices)),
    }


def value_for(name, known):
    """A strategy for one parameter value: a known one for its name, or hostile text."""
    aliases = {"target_market": "country", "place": "country"}
    choices = known.get(aliases.get(name, name))
    if choices:
        return st.one_of(st.sampled_from(choices), HOSTILE_TEXT)
    return HOSTILE_TEXT


def query(data, known, names):
    """A query dict over `names` plus stray keys; some values repeated (multi-select)."""
    params = {}
    for name in data.draw(st.lists(st.sampled_from([*names, "page"]), max_size=len(names) + 1)):
        values = data.draw(st.lists(value_for(name, known), min_size=1, max_size=3))
        params[name] = values
    for stray in data.draw(st.lists(HOSTILE_TEXT.filter(bool), max_size=2)):
        params[stray] = data.draw(HOSTILE_TEXT)
    return params


def slug_for(kind, data, known):
    return data.draw(st.one_of(st.sampled_from(known[kind]), SLUG_SHAPED))


def programme_kwargs(data, known):
    return {"slug": slug_for("programme", data, known)}


def participant_kwargs(data, known):
    slug, pk = data.draw(
        st.one_of(
            st.sampled_from(known["participant"] or [("x", 1)]),
            st.tuples(SLUG_SHAPED, st.integers(0, 2**63)),
        )
    )
    return {"slug": slug, "participant_id": pk}


def calendar_kwargs(data, known):
    token = data.draw(
        st.one_of(st.sampled_from(known["calendar_token"] or ["x"]), PATH_TEXT, SLUG_SHAPED)
    )
    return {**programme_kwargs(data, known), "token": token}


# name -> (parameters it reads, builder of its URL kwargs)
PAGES = {
    "healthz": ([], None),
    "portal:home": ([], None),
    "portal:about": ([], None),
    "clusters:list": ([], None),
    "clusters:detail": ([], lambda data, known: {"slug": slug_for("cluster", data, known)}),
    "clusters:directory": ([*CompanyFilter.base_filters, "format"], None),
    "clusters:company": ([], lambda data, known: {"slug": slug_for("company", data, known)}),
    "clusters:skills_map": (["by"], None),
    "clusters:map_points": ([], None),
    "events:list": ([*EventFilter.base_filters], None),
    "events:calendar": ([], None),
    "events:atom": ([], None),
    "events:rss": ([], None),
    "events:detail": (
        ["material"],  # the "On request" links preselect a material
        lambda data, known: {"slug": slug_for("event", data, known)},
    ),
    "events:ics": ([], lambda data, known: {"slug": slug_for("event", data, known)}),
    "events:speaker": ([], lambda data, known: {"slug": slug_for("speaker", data, known)}),
    "events:request": ([], lambda data, known: {"slug": slug_for("event", data, known)}),
    "events:download": (
        [],
        lambda data, known: dict(
            zip(
                ("slug", "material_id"),
                data.draw(
                    st.one_of(
                        st.sampled_from(known["material"] or [("x", 1)]),
                        st.tuples(SLUG_SHAPED, st.integers(0, 2**63)),
                    )
                ),
                strict=True,
            )
        ),
    ),
    "opendata:search": (["q"], None),
    "surveys:intro": ([], None),
    "surveys:step": (
        [],
        lambda data, known: {"step_key": slug_for("step", data, known)},
    ),
    "surveys:review": ([], None),
    "surveys:done": ([], None),
    "surveys:resume": ([], lambda data, known: {"value": data.draw(PATH_TEXT)}),
    "surveys:open_update": ([], lambda data, known: {"value": data.draw(PATH_TEXT)}),
    "surveys:request_update": (
        [],
        lambda data, known: {"slug": slug_for("company", data, known)},
    ),
    "matchmaking:programme": ([], programme_kwargs),
    "matchmaking:opportunities": ([*OpportunityFilterForm.base_fields], programme_kwargs),
    "matchmaking:participant": ([], participant_kwargs),
    "matchmaking:calendar_feed": ([], calendar_kwargs),
    # Sign-in pages: a visitor is sent to the login page; `company` preselects a member SME.
    "matchmaking:register": (["company"], programme_kwargs),
    # Staff-only pages: a visitor is sent to the login page, whatever the parameters.
    "surveys:dashboard": ([], None),
    "surveys:export_csv": ([], None),
    "surveys:export_xlsx": ([], None),
}


@pytest.fixture
def known(demo_content):
    return known_values()


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(PAGES))
def test_public_get_urls_never_fail(client, known, name):
    parameters, build_kwargs = PAGES[name]

    @FUZZ
    @given(data=st.data())
    def check(data):
        kwargs = build_kwargs(data, known) if build_kwargs else {}
        url = reverse(name, kwargs=kwargs)
        language = data.draw(st.sampled_from(["", "/it", "/es"]))
        if language and name != "healthz":
            url = language + url
        params = query(data, known, parameters)
        response = client.get(url, params)
        assert response.status_code < 500, (url, params, response.status_code)

    check()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "prefix", ["/", "/clusters/", "/directory/", "/events/", "/speakers/", "/questionnaire/"]
)
def test_arbitrary_paths_never_fail(client, demo_content, prefix):
    @FUZZ
    @given(tail=st.text(max_size=300))
    def check(tail):
        response = client.get(prefix + tail)
        assert response.status_code < 500, (prefix, tail, response.status_code)

    check()


@pytest.mark.django_db
def test_hostile_headers_never_fail(client, demo_content):
    @FUZZ
    @given(
        language=st.text(max_size=300),
        cookie_value=st.text(alphabet=st.characters(max_codepoint=126), max_size=300),
    )
    def check(language, cookie_value):
        client.cookies["django_language"] = cookie_value.replace(";", "")
        client.cookies["sessionid"] = cookie_value.replace(";", "")
        response = client.get(
            "/directory/",
            HTTP_ACCEPT_LANGUAGE=language.encode("utf-8", "replace").decode("latin-1"),
        )
        assert response.status_code < 500, (language, cookie_value)

    check()
