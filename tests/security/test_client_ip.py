"""core.client_ip: the address used for rate limits and the admin lockout."""

import pytest
from django.test import RequestFactory

from core.client_ip import client_ip


def request(remote="10.0.0.2", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request(forwarded="203.0.113.5")) == "10.0.0.2"


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (1, "203.0.113.5", "203.0.113.5"),
        # A visitor may prepend anything; only the proxy's own entry counts.
        (1, "1.2.3.4, 203.0.113.5", "203.0.113.5"),
        (2, "1.2.3.4, 203.0.113.5, 10.0.0.9", "203.0.113.5"),
        (1, "2001:db8::1", "2001:db8::1"),
        (1, "not-an-ip", "10.0.0.2"),
        (1, "203.0.113.5\x00", "10.0.0.2"),
        (2, "203.0.113.5", "10.0.0.2"),
        (1, "", "10.0.0.2"),
    ],
)
def test_behind_trusted_proxies_the_appended_entry_is_the_client(
    settings, count, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_ip(request(forwarded=forwarded)) == expected


@pytest.mark.django_db
def test_a_rate_limited_form_without_a_client_address_is_answered_not_a_500(client):
    # A Unix-socket connection has no REMOTE_ADDR; django-ratelimit's own ip key raises.
    from tests.events.factories import EventFactory, MaterialFactory, material_request_data

    event = EventFactory()
    material = MaterialFactory(event=event, file=None, on_request=True)
    response = client.post(
        f"/events/{event.slug}/request/", material_request_data(material), REMOTE_ADDR=""
    )
    assert response.status_code == 302
