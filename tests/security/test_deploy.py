"""Deployment safety: `check --deploy` is clean and production settings are strict."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.security.conftest import production_env, run_python


def test_check_deploy_reports_no_warnings_with_production_settings():
    result = run_python(
        "import sys\n"
        "from django.core.management import execute_from_command_line\n"
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
        production_env(),
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_catches_a_weak_secret_key():
    # Proves the check above is really looking: a short key must be reported.
    result = run_python(
        "from django.core.management import execute_from_command_line\n"
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
        production_env(SECRET_KEY="short"),
        timeout=120,
    )
    assert result.returncode != 0
    assert "security.W009" in result.stderr + result.stdout


def test_settings_refuse_to_start_without_a_secret_key_in_production():
    result = run_python("import django; django.setup()", production_env(SECRET_KEY=""), timeout=60)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_uses_https_only_cookies_and_hsts(production_settings):
    assert production_settings["DEBUG"] is False
    assert production_settings["SESSION_COOKIE_SECURE"] is True
    assert production_settings["CSRF_COOKIE_SECURE"] is True
    assert production_settings["SESSION_COOKIE_HTTPONLY"] is True
    assert production_settings["SECURE_SSL_REDIRECT"] is True
    assert production_settings["SECURE_HSTS_SECONDS"] >= 31536000
    assert production_settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production_settings["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert production_settings["X_FRAME_OPTIONS"] == "DENY"
    assert production_settings["LOG_FORMAT"] == "json"


def test_password_validators_are_on_in_production(production_settings):
    names = {v["NAME"].rsplit(".", 1)[-1] for v in production_settings["AUTH_PASSWORD_VALIDATORS"]}
    assert names == {
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    }


@pytest.mark.parametrize("weak", ["password", "12345678", "c2f", "87654321987"])
def test_weak_passwords_are_refused(weak):
    with pytest.raises(ValidationError):
        validate_password(weak)


def test_a_strong_password_is_accepted():
    validate_password("Vision-Zero-Milan-2022!")
