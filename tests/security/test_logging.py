"""Production logging: JSON lines, errors mailed to ADMINS, Sentry without personal data."""

import json
from unittest import mock

import pytest
from django.core import mail

from tests.security.conftest import production_env, run_python

LOG_ONE_LINE = (
    "import logging, django\n"
    "django.setup()\n"
    "logging.getLogger('c2future.check').warning('backup finished', extra={'files': 3})\n"
)


def test_production_log_lines_are_json():
    result = run_python(LOG_ONE_LINE, production_env(LOG_FORMAT="json"))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stderr.splitlines() if line.strip()]
    (record,) = [r for r in records if r["name"] == "c2future.check"]
    assert record["levelname"] == "WARNING"
    assert record["message"] == "backup finished"
    assert record["files"] == 3
    assert "asctime" in record


def test_json_is_the_production_default():
    env = production_env()
    env.pop("LOG_FORMAT", None)
    result = run_python(LOG_ONE_LINE, env)
    line = next(line for line in result.stderr.splitlines() if "backup finished" in line)
    assert json.loads(line)["message"] == "backup finished"


def test_text_logs_when_asked():
    result = run_python(LOG_ONE_LINE, production_env(LOG_FORMAT="text"))
    line = next(line for line in result.stderr.splitlines() if "backup finished" in line)
    assert "WARNING c2future.check backup finished" in line
    with pytest.raises(json.JSONDecodeError):
        json.loads(line)


@pytest.mark.django_db
def test_server_errors_are_mailed_to_admins(client, settings):
    settings.ADMINS = [("Ops", "ops@example.org")]
    client.raise_request_exception = False
    with mock.patch("portal.views.selectors.home_counters", side_effect=RuntimeError("boom")):
        response = client.get("/")
    assert response.status_code == 500
    (message,) = mail.outbox
    assert message.to == ["ops@example.org"]
    assert "Internal Server Error: /" in message.subject
    assert "RuntimeError at /\nboom" in message.body
    # The report masks secrets from settings.
    assert settings.SECRET_KEY not in message.body


@pytest.mark.django_db
def test_not_found_pages_are_not_mailed(client, settings):
    settings.ADMINS = [("Ops", "ops@example.org")]
    assert client.get("/no-such-page/").status_code == 404
    assert mail.outbox == []


def test_sentry_is_initialised_without_personal_data_when_a_dsn_is_set():
    code = (
        "import json, django, sentry_sdk\n"
        "django.setup()\n"
        "client = sentry_sdk.get_client()\n"
        "print(json.dumps({'active': client.is_active(), 'dsn': client.options['dsn'],\n"
        "  'pii': client.options['send_default_pii'],\n"
        "  'integrations': sorted(client.integrations)}))\n"
    )
    dsn = "https://0123456789abcdef@o0.ingest.invalid/1"
    result = run_python(code, production_env(SENTRY_DSN=dsn))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["active"] is True
    assert report["dsn"] == dsn
    assert report["pii"] is False
    assert "django" in report["integrations"]


def test_sentry_stays_off_without_a_dsn():
    code = "import django, sentry_sdk\ndjango.setup()\nprint(sentry_sdk.get_client().is_active())\n"
    result = run_python(code, production_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"
