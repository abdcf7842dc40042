"""The whole-page cache: anonymous visitors get cached pages, every write shows at once,
nobody sees another visitor's state, and cached forms still post."""

import gzip
import re

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db.models.signals import post_delete
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from clusters import services as directory_services
from clusters.models import Company
from core.caching import PAGES, shows_on_public_pages
from core.page_cache import cache_public_page
from events.models import MaterialRequest
from surveys.models import Submission
from tests.clusters.factories import ClusterFactory, CompanyFactory, SectorFactory, UserFactory
from tests.events.factories import EventFactory, MaterialFactory, material_request_data
from tests.security.conftest import settings_from_env
from tests.surveys.conftest import step_data
from tests.surveys.factories import SurveyFactory

pytestmark = pytest.mark.django_db

CSRF_VALUE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def company():
    return CompanyFactory(name="Cached Mobility Srl", slug="cached-mobility")


@pytest.fixture
def questionnaire():
    """An open questionnaire and what its first step's answers (step_data) name."""
    ClusterFactory(acronym="DEMO", slug="demo-partner")
    SectorFactory(slug="mobility")
    return SurveyFactory()


def test_a_repeated_visit_is_answered_without_the_database(
    client, company, django_assert_num_queries
):
    first = client.get(company.get_absolute_url())
    assert first.status_code == 200
    with django_assert_num_queries(0):
        again = Client().get(company.get_absolute_url())
    assert again.status_code == 200
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    # Headers of the outer middleware are added to cached pages as to fresh ones.
    assert "Content-Security-Policy" in again and again["X-Frame-Options"] == "DENY"


def test_an_edit_in_the_admin_or_a_save_shows_at_once(client, company):
    assert "Cached Mobility Srl" in client.get(company.get_absolute_url()).content.decode()
    assert "Cached Mobility Srl" in client.get("/directory/").content.decode()
    company.name = "Renamed Mobility Srl"
    company.save()
    assert "Renamed Mobility Srl" in client.get(company.get_absolute_url()).content.decode()
    assert "Renamed Mobility Srl" in client.get("/directory/").content.decode()


def test_a_bulk_publish_shows_at_once(client):
    draft = CompanyFactory(name="Waiting Draft Srl", status=Company.Status.DRAFT)
    assert "Waiting Draft Srl" not in client.get("/directory/").content.decode()
    directory_services.publish([draft])  # bulk update: no model signal
    assert "Waiting Draft Srl" in client.get("/directory/").content.decode()


def test_a_new_event_shows_at_once_on_the_events_list_and_home(client):
    client.get("/events/")
    client.get("/")
    EventFactory(title="Freshly Announced Webinar")
    assert "Freshly Announced Webinar" in client.get("/events/").content.decode()
    assert "Freshly Announced Webinar" in client.get("/").content.decode()


def test_each_language_and_query_has_its_own_page(client, company):
    english = client.get("/directory/").content.decode()
    italian = client.get("/it/directory/").content.decode()
    assert '<html lang="en">' in english and '<html lang="it">' in italian
    assert "Nessun" not in client.get("/directory/").content.decode()
    assert "Cached Mobility" not in client.get("/directory/?q=nothing-like-this").content.decode()


def test_signed_in_staff_never_get_or_leave_a_cached_page(client, company):
    staff_client = Client()
    staff_client.force_login(UserFactory(is_staff=True))
    assert staff_client.get("/").context is not None
    assert client.get("/").context is not None  # staff's page was not stored
    assert Client().get("/").context is None  # the anonymous one was
    assert staff_client.get("/").context is not None  # and staff are not served it


def test_a_visitor_with_a_message_gets_it_on_a_cached_page(client, questionnaire):
    step_url = reverse("surveys:step", kwargs={"step_key": "company"})
    Client().get(step_url)  # cached for visitors without a session
    # Skipping ahead without a draft redirects with a message to the first step.
    response = client.get(reverse("surveys:step", kwargs={"step_key": "contact"}), follow=True)
    assert response.redirect_chain[-1][0] == step_url
    assert "Please start with the first step." in response.content.decode()
    assert "Please start with the first step." not in Client().get(step_url).content.decode()


def test_a_cached_form_carries_each_visitors_own_token():
    event = EventFactory(title="Final Event", slug="final-event")
    material = MaterialFactory(event=event, title="Slides", file=None, on_request=True)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_page = first.get(event.get_absolute_url()).content.decode()
    second_page = second.get(event.get_absolute_url()).content.decode()
    assert second_page.count("csrfmiddlewaretoken") == first_page.count("csrfmiddlewaretoken") == 1
    second_token = CSRF_VALUE.search(second_page)[1]
    assert second_token != CSRF_VALUE.search(first_page)[1]
    assert "csrf-token-placeholder" not in second_page
    response = second.post(
        reverse("events:request", args=[event.slug]),
        material_request_data(material, csrfmiddlewaretoken=second_token),
    )
    assert response.status_code == 302
    assert MaterialRequest.objects.count() == 1


def test_the_first_questionnaire_step_posts_from_a_cached_page(questionnaire):
    step_url = reverse("surveys:step", kwargs={"step_key": "company"})
    Client().get(step_url)
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(step_url)
    assert page.context is None  # served from the cache
    data = {
        **step_data("company"),
        "csrfmiddlewaretoken": CSRF_VALUE.search(page.content.decode())[1],
    }
    response = visitor.post(step_url, data)
    assert response.status_code == 302, response.content.decode()[:500]
    assert Submission.objects.count() == 1


def test_the_cache_can_be_switched_off(client, settings, company):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(company.get_absolute_url())
    page = client.get(company.get_absolute_url())
    assert page.context is not None
    assert page.context["company"] == company


def test_errors_are_not_cached(client):
    assert client.get("/directory/not-yet-here/").status_code == 404
    CompanyFactory(slug="not-yet-here")
    assert client.get("/directory/not-yet-here/").status_code == 200


def test_responses_that_set_cookies_or_the_session_are_not_stored():
    calls = []

    @cache_public_page
    def sets_a_cookie(request):
        calls.append(request)
        response = HttpResponse("hello")
        response.set_cookie("tracking", "per-visitor")
        return response

    factory = RequestFactory()
    sets_a_cookie(factory.get("/cookie/"))
    response = sets_a_cookie(factory.get("/cookie/"))
    assert len(calls) == 2
    assert response.cookies["tracking"].value == "per-visitor"


def test_questionnaire_drafts_and_history_do_not_empty_the_cache():
    assert shows_on_public_pages(Company)
    assert shows_on_public_pages(Company.sectors.through)
    assert not shows_on_public_pages(Submission)
    assert not shows_on_public_pages(Submission.clusters.through)
    assert not shows_on_public_pages(MaterialRequest)
    assert not shows_on_public_pages(Company.history.model)


def test_a_write_in_a_transaction_retires_pages_again_once_it_commits(
    company, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        company.name = "Renamed in a transaction"
        company.save()
        # A page rendered now reads the old row under this generation...
        during = PAGES.generation()
    # ...so the commit starts another one.
    assert PAGES.generation() != during


def test_pages_live_in_their_own_cache(client, company, django_assert_num_queries):
    client.get(company.get_absolute_url())
    caches["default"].clear()  # rate-limit counters and data caches live here
    with django_assert_num_queries(0):
        assert Client().get(company.get_absolute_url()).status_code == 200


def settings_under(**environ):
    """CACHES and PAGE_CACHE_SECONDS as c2future/settings.py reads them from `environ`."""
    values = settings_from_env(["CACHES", "PAGE_CACHE_SECONDS"], **environ)
    return [values["CACHES"], values["PAGE_CACHE_SECONDS"]]


def test_by_default_pages_have_their_own_bounded_local_memory():
    caches_setting, seconds = settings_under()
    assert caches_setting["default"]["LOCATION"] == "c2future"
    assert caches_setting["pages"]["LOCATION"] == "c2future-pages"
    assert caches_setting["pages"]["OPTIONS"]["MAX_ENTRIES"] == 500
    assert seconds == 300


def test_with_redis_the_pages_are_shared_too_or_go_where_page_cache_url_says():
    caches_setting, _seconds = settings_under(CACHE_URL="redis://127.0.0.1:6379/1")
    assert caches_setting["pages"]["LOCATION"] == "redis://127.0.0.1:6379/1"
    caches_setting, _seconds = settings_under(
        CACHE_URL="redis://127.0.0.1:6379/1",
        PAGE_CACHE_URL="redis://127.0.0.1:6379/2?key_prefix=pages",
    )
    assert caches_setting["pages"]["LOCATION"] == "redis://127.0.0.1:6379/2"
    assert caches_setting["pages"]["KEY_PREFIX"] == "pages"
    assert caches_setting["default"]["LOCATION"] == "redis://127.0.0.1:6379/1"


def test_make_run_shows_template_edits_at_once():
    assert settings_under(DEBUG="true")[1] == 0


def test_other_apps_keep_their_fast_deletes():
    # No receiver for every sender: deleting sessions stays one DELETE, not one per row.
    assert not post_delete.has_listeners(Session)
    assert post_delete.has_listeners(Company)


def test_saving_a_draft_keeps_cached_pages(
    client, company, questionnaire, django_assert_num_queries
):
    client.get("/")
    visitor = Client()
    step_url = reverse("surveys:step", kwargs={"step_key": "company"})
    visitor.post(step_url, step_data("company"))
    visitor.post(step_url, step_data("company"))  # saved again: its clusters are replaced
    assert Submission.objects.count() == 1
    with django_assert_num_queries(0):
        Client().get("/")


def test_a_cluster_change_shows_on_its_page(client):
    cluster = ClusterFactory(name="Old Cluster Name", slug="renamed")
    assert "Old Cluster Name" in client.get(cluster.get_absolute_url()).content.decode()
    cluster.name = "New Cluster Name"
    cluster.save()
    assert "New Cluster Name" in client.get(cluster.get_absolute_url()).content.decode()


def test_a_hit_sends_the_stored_gzip_bytes_and_they_read_as_the_page(client, company):
    url = company.get_absolute_url()
    fresh = client.get(url)
    first = Client(HTTP_ACCEPT_ENCODING="gzip, deflate").get(url)
    second = Client(HTTP_ACCEPT_ENCODING="gzip").get(url)
    assert first["Content-Encoding"] == second["Content-Encoding"] == "gzip"
    # Compressed once, when stored: every hit gets the same bytes, and they are the page.
    assert first.content == second.content
    assert int(first["Content-Length"]) == len(first.content)
    assert gzip.decompress(first.content) == fresh.content
    assert "Accept-Encoding" in first["Vary"] and "Accept-Language" in first["Vary"]
    # A client that does not accept gzip gets the page as it is.
    plain = Client().get(url)
    assert "Content-Encoding" not in plain and plain.content == fresh.content
    assert "Accept-Encoding" in plain["Vary"]


def test_a_cached_page_with_a_form_is_compressed_per_visitor_with_its_own_token():
    event = EventFactory(title="Final Event", slug="final-event")
    MaterialFactory(event=event, title="Slides", file=None, on_request=True)
    url = event.get_absolute_url()
    pages = []
    for _visitor in range(3):
        response = Client(HTTP_ACCEPT_ENCODING="gzip").get(url)
        assert response["Content-Encoding"] == "gzip"
        pages.append(gzip.decompress(response.content).decode())
    tokens = {CSRF_VALUE.search(page)[1] for page in pages}
    assert len(tokens) == 3
    assert not any("csrf-token-placeholder" in page for page in pages)


def test_the_visitor_whose_request_stores_a_page_gets_the_stored_bytes(company):
    url = company.get_absolute_url()
    storing = Client(HTTP_ACCEPT_ENCODING="gzip").get(url)
    hit = Client(HTTP_ACCEPT_ENCODING="gzip").get(url)
    # Compressed once: the miss sends what it stored, so it equals every later hit.
    assert storing["Content-Encoding"] == "gzip"
    assert storing.content == hit.content
    assert int(storing["Content-Length"]) == len(storing.content)
    assert gzip.decompress(storing.content) == Client().get(url).content
