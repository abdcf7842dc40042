"""Security headers on every public page and the admin, under production settings."""

from unittest import mock

import pytest
from django.test import Client

from tests.security.conftest import PRODUCTION_HOST

PUBLIC_PATHS = [
    "/",
    "/about/",
    "/clusters/",
    "/directory/",
    "/skills-map/",
    "/events/",
    "/questionnaire/",
    "/no-such-page/",
    "/healthz",
    "/admin/login/",
    "/it/about/",
]


def csp_directives(header):
    directives = {}
    for part in header.split(";"):
        name, *values = part.strip().split()
        directives[name] = values
    return directives


@pytest.fixture
def https_client(production):
    # A new Client builds a new handler, so SecurityMiddleware reads the overridden settings.
    return Client(HTTP_HOST=PRODUCTION_HOST)


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_every_page_carries_the_security_headers(https_client, demo_content, path):
    response = https_client.get(path, secure=True)
    assert response.status_code in (200, 404), (path, response.status_code)

    csp = csp_directives(response["Content-Security-Policy"])
    script_src = csp.get("script-src", csp["default-src"])
    assert "'unsafe-inline'" not in script_src
    assert "'unsafe-eval'" not in script_src
    assert "'unsafe-inline'" not in csp.get("style-src", csp["default-src"])
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions
    hsts = response["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts
    assert "includeSubDomains" in hsts


@pytest.mark.django_db
@pytest.mark.parametrize("path", [p for p in PUBLIC_PATHS if p != "/healthz"])
def test_html_has_no_inline_script_or_style_outside_the_policy(https_client, demo_content, path):
    response = https_client.get(path, secure=True)
    # Scripts from our own origin only: no nonce, so a cached page fits every response.
    assert csp_directives(response["Content-Security-Policy"])["script-src"] == ["'self'"]
    content = response.content.decode()
    assert "<script" in content
    for tag in content.split("<script")[1:]:
        opening = tag.split(">", 1)[0]
        if "src=" in opening:
            assert 'src="/' in opening, opening  # same origin, never a CDN
        else:
            # Inline only as JSON-LD: a data block, which browsers never run.
            assert opening == ' type="application/ld+json"', opening
    assert " style=" not in content
    assert "<style" not in content


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https_in_production(production):
    response = Client(HTTP_HOST=PRODUCTION_HOST).get("/about/")
    assert response.status_code == 301
    assert response["Location"] == f"https://{PRODUCTION_HOST}/about/"


@pytest.mark.django_db
def test_https_behind_the_proxy_is_recognised(production):
    client = Client(HTTP_HOST=PRODUCTION_HOST, HTTP_X_FORWARDED_PROTO="https")
    response = client.get("/about/")
    assert response.status_code == 200
    assert "Strict-Transport-Security" in response


@pytest.mark.django_db
def test_health_check_answers_plain_http_for_the_load_balancer(production):
    response = Client(HTTP_HOST=PRODUCTION_HOST).get("/healthz")
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_unknown_host_is_refused(production):
    response = Client(HTTP_HOST="evil.example").get("/", secure=True)
    assert response.status_code == 400


@pytest.mark.django_db
def test_cookies_are_secure_in_production(production, django_user_model):
    django_user_model.objects.create_superuser("boss", "boss@example.org", "Vision-Zero-2022!")
    client = Client(HTTP_HOST=PRODUCTION_HOST, enforce_csrf_checks=True)
    login_page = client.get("/admin/login/", secure=True)
    csrf_cookie = login_page.cookies["csrftoken"]
    assert csrf_cookie["secure"] is True
    assert csrf_cookie["samesite"] == "Lax"

    response = client.post(
        "/admin/login/?next=/admin/",
        {
            "username": "boss",
            "password": "Vision-Zero-2022!",
            "csrfmiddlewaretoken": csrf_cookie.value,
        },
        secure=True,
        # Over HTTPS Django's CSRF check also requires a same-origin Referer.
        HTTP_REFERER=f"https://{PRODUCTION_HOST}/admin/login/",
    )
    assert response.status_code == 302
    session_cookie = response.cookies["sessionid"]
    assert session_cookie["secure"] is True
    assert session_cookie["httponly"] is True
    assert session_cookie["samesite"] == "Lax"


@pytest.mark.django_db
def test_admin_login_refuses_a_post_without_csrf_token(production, django_user_model):
    django_user_model.objects.create_superuser("boss", "boss@example.org", "Vision-Zero-2022!")
    client = Client(HTTP_HOST=PRODUCTION_HOST, enforce_csrf_checks=True)
    response = client.post(
        "/admin/login/", {"username": "boss", "password": "Vision-Zero-2022!"}, secure=True
    )
    assert response.status_code == 403


@pytest.mark.django_db
def test_error_pages_carry_the_headers_too(production):
    client = Client(HTTP_HOST=PRODUCTION_HOST)
    client.raise_request_exception = False
    with mock.patch("portal.views.selectors.home_counters", side_effect=RuntimeError("boom")):
        response = client.get("/", secure=True)
    assert response.status_code == 500
    assert (
        "'unsafe-inline'" not in csp_directives(response["Content-Security-Policy"])["script-src"]
    )
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Strict-Transport-Security" in response
    assert "boom" not in response.content.decode()
