from unittest import mock

import pytest
from django.core import mail
from django.test import override_settings

from core.tasks import MAX_EMAIL_ATTEMPTS, queue_email, send_email_task


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
