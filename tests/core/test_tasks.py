import os
import shutil
import subprocess
from unittest import mock

import pytest
from django.core import mail
from django.test import override_settings

from core.tasks import MAX_EMAIL_ATTEMPTS, queue_email, send_email_task
from tests.security.conftest import BASE_DIR, production_env, run_python


@pytest.mark.django_db(transaction=True)
def test_queue_email_sends_after_commit():
    queue_email("Hello", "Body", ["someone@example.com", ""])
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["someone@example.com"]


@pytest.mark.django_db(transaction=True)
def test_queue_email_without_recipients_sends_nothing():
    queue_email("Hello", "Body", [""])
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_queue_email_sends_attachments():
    ics = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    queue_email("Hello", "Body", ["a@example.com"], attachments=[("m.ics", ics, "text/calendar")])
    [message] = mail.outbox
    assert message.attachments == [("m.ics", ics, "text/calendar")]


@pytest.mark.django_db(transaction=True)
def test_a_retried_email_keeps_its_attachments():
    from django_tasks_db.models import DBTaskResult

    attachment = ["m.ics", "BEGIN:VCALENDAR", "text/calendar"]
    with (
        override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}),
        mock.patch("core.tasks.EmailMessage.send", side_effect=OSError("smtp down")),
    ):
        with pytest.raises(OSError):
            send_email_task.call("Hello", "Body", ["a@example.com"], attachments=[attachment])
        retry = DBTaskResult.objects.get().args_kwargs
    assert retry["kwargs"] == {"attachments": [attachment]}
    assert retry["args"][-1] == 2


@pytest.mark.django_db(transaction=True)
def test_failed_email_is_retried_on_the_database_queue():
    from django_tasks_db.models import DBTaskResult

    with (
        override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}),
        mock.patch("core.tasks.EmailMessage.send", side_effect=OSError("smtp down")),
    ):
        with pytest.raises(OSError):
            send_email_task.call("Hello", "Body", ["a@example.com"])
        retries = DBTaskResult.objects.all()
        assert retries.count() == 1
        assert retries.get().args_kwargs["args"][-1] == 2  # the next attempt number
        assert retries.get().run_after is not None


@pytest.mark.django_db(transaction=True)
def test_email_gives_up_after_max_attempts():
    from django_tasks_db.models import DBTaskResult

    with (
        override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}),
        mock.patch("core.tasks.EmailMessage.send", side_effect=OSError("smtp down")),
    ):
        with pytest.raises(OSError):
            send_email_task.call("Hello", "Body", ["a@example.com"], [], MAX_EMAIL_ATTEMPTS)
        assert DBTaskResult.objects.count() == 0


# ---- What `make run` and `make worker` do (real settings, real environments) ------------

DELIVER_ONE_EMAIL = (
    "import django\n"
    "from django.conf import settings\n"
    "django.setup()\n"
    "from core.tasks import queue_email\n"
    "print('BACKEND', settings.TASKS['default']['BACKEND'])\n"
    "queue_email('Continue your questionnaire', 'The link is here.', ['sme@example.com'])\n"
)


def _backend_line(stdout):
    return next(line for line in stdout.splitlines() if line.startswith("BACKEND "))


def test_under_make_run_an_email_the_page_announces_is_on_the_console_at_once():
    # `make run` sets DEBUG=true and nothing else: no worker runs, yet the email shows.
    # (A throwaway database: on_commit only needs a connection, not the test database.)
    env = production_env(DEBUG="true", DATABASE_URL="sqlite://:memory:")
    result = run_python(DELIVER_ONE_EMAIL, env)
    assert result.returncode == 0, result.stderr
    assert "ImmediateBackend" in _backend_line(result.stdout)
    assert "Subject: Continue your questionnaire" in result.stdout
    assert "To: sme@example.com" in result.stdout


def test_in_production_emails_wait_for_the_worker_and_tasks_backend_still_decides():
    result = run_python(DELIVER_ONE_EMAIL.split("queue_email(")[0], production_env())
    assert result.returncode == 0, result.stderr
    assert _backend_line(result.stdout) == "BACKEND django_tasks_db.DatabaseBackend"
    chosen = production_env(DEBUG="true", TASKS_BACKEND="django_tasks_db.DatabaseBackend")
    result = run_python(DELIVER_ONE_EMAIL.split("queue_email(")[0], chosen)
    assert _backend_line(result.stdout) == "BACKEND django_tasks_db.DatabaseBackend"


def test_make_worker_uses_the_queue_and_the_site_url_of_its_port():
    make = shutil.which("make")
    assert make, "make is needed to check the Makefile"
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/")}
    result = subprocess.run(  # noqa: S603 - our own Makefile, dry run
        [make, "--no-print-directory", "-n", "worker", "PORT=8123"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert (
        "Worker for django_tasks_db.DatabaseBackend; links in emails point to "
        "http://127.0.0.1:8123" in result.stdout
    )
    assert "manage.py db_worker" in result.stdout
    result = subprocess.run(  # noqa: S603
        [make, "--no-print-directory", "-n", "worker"],
        cwd=BASE_DIR,
        env={**env, "SITE_URL": "https://portal.example"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "links in emails point to https://portal.example" in result.stdout


@pytest.mark.django_db(transaction=True)
def test_subject_with_a_line_break_is_sent_on_one_line():
    queue_email("Material request: Name\r\nBcc: x@evil.test", "Body", ["a@example.com"])
    [message] = mail.outbox
    assert message.subject == "Material request: Name Bcc: x@evil.test"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("subject", "to"),
    [
        ("Broken\nsubject", ["a@example.com"]),  # BadHeaderError
        ("Hello", ["not an address\n@example.com"]),  # invalid address
    ],
)
def test_permanently_failing_email_is_not_retried_and_shown_to_staff(subject, to, admin_client):
    from django_tasks_db.models import DBTaskResult

    from core.models import FailedEmail

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        with pytest.raises(ValueError):
            send_email_task.call(subject, "The body", to, ["reply@example.com"])
        assert DBTaskResult.objects.count() == 0  # no retry: it can never work
    failed = FailedEmail.objects.get()
    assert failed.subject == subject and failed.attempts == 1
    assert failed.recipients == ", ".join(to) and failed.body == "The body"
    assert failed.reply_to == "reply@example.com"
    assert failed.error
    listing = admin_client.get("/admin/core/failedemail/")
    assert listing.status_code == 200
    assert "Broken" in listing.content.decode() or "not an address" in listing.content.decode()
    assert admin_client.get(f"/admin/core/failedemail/{failed.pk}/change/").status_code == 200
    assert admin_client.get("/admin/core/failedemail/add/").status_code == 403


@pytest.mark.django_db(transaction=True)
def test_email_given_up_after_max_attempts_is_shown_to_staff():
    from core.models import FailedEmail

    with (
        mock.patch("core.tasks.EmailMessage.send", side_effect=OSError("smtp down")),
        pytest.raises(OSError),
    ):
        send_email_task.call("Hello", "Body", ["a@example.com"], [], MAX_EMAIL_ATTEMPTS)
    failed = FailedEmail.objects.get()
    assert failed.attempts == MAX_EMAIL_ATTEMPTS
    assert "smtp down" in failed.error


@pytest.mark.django_db(transaction=True)
def test_temporary_failure_is_retried_without_a_failed_email_row():
    from core.models import FailedEmail

    with (
        override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}),
        mock.patch("core.tasks.EmailMessage.send", side_effect=OSError("smtp down")),
        pytest.raises(OSError),
    ):
        send_email_task.call("Hello", "Body", ["a@example.com"])
    assert FailedEmail.objects.count() == 0
