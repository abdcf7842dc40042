"""Admin sign-in is locked for 15 minutes after 5 failed attempts (django-axes).

The lock is on the account from the address that failed, and on that address for every
account; the account stays open from elsewhere, so a stranger cannot lock staff out.
"""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

from tests.security.test_headers import csp_directives

PASSWORD = "Vision-Zero-Milan-2022!"
LOCKOUT_TEXT = "Too many failed sign-in attempts"

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_superuser("curator", "curator@example.org", PASSWORD)


def login(client, username="curator", password="wrong password"):  # noqa: S107
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password})


def fail_times(client, times, username="curator"):
    return [login(client, username) for _ in range(times)]


def age_attempts(minutes):
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=minutes))


def test_four_failures_still_show_the_login_form(client, staff_user):
    responses = fail_times(client, 4)
    assert [r.status_code for r in responses] == [200] * 4
    assert b"Please enter the correct username and password" in responses[-1].content
    assert login(client, password=PASSWORD).status_code == 302


def test_fifth_failure_locks_with_a_clear_page(client, staff_user):
    responses = fail_times(client, 5)
    assert responses[-1].status_code == 429
    content = responses[-1].content.decode()
    assert LOCKOUT_TEXT in content
    assert "15 minutes" in content
    # The lockout page is the site's own, inside the site's layout.
    assert '<main id="main"' in content
    assert "Traceback" not in content


def test_the_correct_password_is_refused_while_locked(client, staff_user):
    fail_times(client, 5)
    response = login(client, password=PASSWORD)
    assert response.status_code == 429
    assert LOCKOUT_TEXT in response.content.decode()
    assert "_auth_user_id" not in client.session
    # And the admin itself stays closed.
    assert client.get("/admin/").status_code == 302


def test_a_stranger_cannot_lock_the_account_out_from_another_address(staff_user):
    stranger = Client(REMOTE_ADDR="203.0.113.5")
    fail_times(stranger, 5)
    assert login(stranger, password=PASSWORD).status_code == 429
    # The curator, signing in from the office, is not locked out.
    curator = Client(REMOTE_ADDR="198.51.100.7")
    response = login(curator, password=PASSWORD)
    assert response.status_code == 302
    assert curator.get("/admin/").status_code == 200
    # The stranger's address stays locked, even now that the account signed in elsewhere.
    assert login(stranger, password=PASSWORD).status_code == 429


def test_guessing_from_many_addresses_locks_each_address(staff_user):
    addresses = [f"203.0.113.{n}" for n in range(1, 4)]
    for address in addresses:
        fail_times(Client(REMOTE_ADDR=address), 5)
    for address in addresses:
        assert login(Client(REMOTE_ADDR=address), password=PASSWORD).status_code == 429
    # Each address had 5 guesses at most: the sixth try from each was refused.
    assert [r.status_code for r in fail_times(Client(REMOTE_ADDR=addresses[0]), 1)] == [429]


def test_the_lock_covers_the_address_for_other_accounts(django_user_model, staff_user):
    django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    attacker = Client(REMOTE_ADDR="203.0.113.5")
    fail_times(attacker, 5)
    assert login(attacker, username="editor", password=PASSWORD).status_code == 429
    # Someone else, elsewhere, signs in normally.
    assert login(Client(REMOTE_ADDR="198.51.100.7"), "editor", PASSWORD).status_code == 302


def test_still_locked_after_fourteen_minutes(client, staff_user):
    fail_times(client, 5)
    age_attempts(14)
    assert login(client, password=PASSWORD).status_code == 429


def test_the_lock_expires_after_fifteen_minutes(client, staff_user):
    fail_times(client, 5)
    age_attempts(16)
    response = login(client, password=PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    # Expired failures (and the addresses in them) are not kept.
    assert not AccessAttempt.objects.exists()


def test_a_successful_login_resets_the_failure_count(client, staff_user):
    fail_times(client, 4)
    assert login(client, password=PASSWORD).status_code == 302
    client.logout()
    # Four more failures do not lock, since the earlier ones were forgotten.
    assert [r.status_code for r in fail_times(client, 4)] == [200] * 4


def test_lockout_page_is_served_under_the_site_csp(client, staff_user):
    response = fail_times(client, 5)[-1]
    script_src = csp_directives(response["Content-Security-Policy"])["script-src"]
    assert "'unsafe-inline'" not in script_src
    assert response["X-Frame-Options"] == "DENY"
    assert " style=" not in response.content.decode()


def test_admin_login_page_renders_within_the_csp(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    csp = csp_directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-inline'" not in csp["style-src"]
    content = response.content.decode()
    assert " style=" not in content and "<style" not in content
    for tag in content.split("<script")[1:]:
        assert "src=" in tag.split(">", 1)[0]


def test_behind_a_trusted_proxy_the_forwarded_client_is_locked_not_the_proxy(settings, staff_user):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    attacker = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.5")
    fail_times(attacker, 5, username="nobody")
    assert AccessAttempt.objects.filter(ip_address="203.0.113.5").exists()
    visitor = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert login(visitor, password=PASSWORD).status_code == 302


def test_failed_participant_sign_ins_do_not_lock_the_admin(client, staff_user):
    """A venue NAT: many participants mistype their password at /accounts/login/; the
    organisers behind the same address can still sign in to the admin."""
    from django.urls import reverse

    for number in range(8):
        response = client.post(
            reverse("account_login"),
            {"login": f"visitor{number}@example.com", "password": "wrong password"},
        )
        assert response.status_code in (200, 429)  # allauth's own rate limit may answer
    assert AccessAttempt.objects.count() == 0
    assert login(client, password=PASSWORD).status_code == 302


def test_participant_sign_in_has_allauth_s_rate_limits():
    from allauth.account import app_settings

    assert app_settings.RATE_LIMITS.get("login_failed")


def test_no_social_sign_in_is_installed(settings):
    assert not any(app.startswith("allauth.socialaccount") for app in settings.INSTALLED_APPS)
