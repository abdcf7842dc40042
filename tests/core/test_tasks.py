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
