"""Production settings for the security tests, read from c2future/settings.py itself.

The suite runs with SECURE_SSL off (plain HTTP for the live server). These fixtures import
the real settings module in a subprocess with a production environment, so tests check what
production would actually run, not a hand-written copy of it.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PRODUCTION_HOST = "portal.c2future.example"

# Settings the security middleware and cookies read; copied into the test process.
SECURITY_SETTING_NAMES = [
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_REDIRECT_EXEMPT",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "X_FRAME_OPTIONS",
    "PERMISSIONS_POLICY",
]
REPORTED_SETTING_NAMES = [*SECURITY_SETTING_NAMES, "AUTH_PASSWORD_VALIDATORS", "LOG_FORMAT"]


def production_env(**overrides):
    """A clean environment like production's: DEBUG off, a long random key, TLS proxy."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "DJANGO_SETTINGS_MODULE": "c2future.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": PRODUCTION_HOST,
        "SECURE_SSL": "true",
        "DATABASE_URL": os.environ.get(
            "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/c2future"
        ),
    }
    env.update(overrides)
    return env


def run_python(code, env, timeout=60):
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def settings_from_env(names, **environ):
    """{name: value} of the settings c2future/settings.py builds from a production
    environment with `environ` on top, read in a fresh interpreter (JSON values)."""
    code = (
        "import json, django\n"
        "from django.conf import settings\n"
        "django.setup()\n"
        f"names = {list(names)!r}\n"
        "print(json.dumps({name: getattr(settings, name) for name in names}))\n"
    )
    result = run_python(code, production_env(**environ))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="session")
def production_settings():
    """The security settings c2future/settings.py yields under a production environment."""
    values = settings_from_env(REPORTED_SETTING_NAMES)
    # JSON turns tuples into lists; Django compares SECURE_PROXY_SSL_HEADER as a pair.
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.fixture
def production(settings, production_settings):
    """Apply production's security settings to this test (build a fresh Client after)."""
    for name in SECURITY_SETTING_NAMES:
        setattr(settings, name, production_settings[name])
    settings.ALLOWED_HOSTS = [PRODUCTION_HOST, "testserver"]
    return settings
