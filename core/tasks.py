"""Background tasks shared by the apps: email that never blocks or loses a request.

Tasks run in `manage.py db_worker` (django-tasks database backend); with DEBUG (`make run`)
the immediate backend runs them in the request, so the console shows them at once. A send
that may work later (the mail server is down) is re-enqueued with a growing delay; one that
cannot ever work (a bad address, a header with a line break) is not retried. Either way, an
email given up on is a FailedEmail row staff see in the admin ("Failed emails"), and the task
result is marked failed. The data the email is about is saved before the task is
enqueued, so a mail outage loses nothing.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .validators import single_line

logger = logging.getLogger(__name__)

MAX_EMAIL_ATTEMPTS = 5
RETRY_BASE_DELAY = timedelta(minutes=1)
# Retrying cannot help: invalid addresses or headers (BadHeaderError is a ValueError),
# every recipient refused by the server.
PERMANENT_ERRORS = (ValueError, smtplib.SMTPRecipientsRefused)


def _give_up(subject, body, to, reply_to, attempt, error):
    from .models import FailedEmail

    FailedEmail.objects.create(
        subject=subject[:998],
        recipients=", ".join(to),
        reply_to=", ".join(reply_to or []),
        body=body,
        error=f"{type(error).__name__}: {error}",
        attempts=attempt,
    )
    logger.error("Email %r failed after %s attempt(s); given up: %s", subject, attempt, error)


@task()
def send_email_task(subject, body, to, reply_to=None, attempt=1, *, attachments=None):
    """attachments: [filename, text content, mimetype] lists (JSON, like every task argument),
    e.g. a meeting's .ics."""
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(to),
        reply_to=list(reply_to or []),
    )
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    try:
        message.send(fail_silently=False)
    except Exception as error:
        if attempt < MAX_EMAIL_ATTEMPTS and not isinstance(error, PERMANENT_ERRORS):
            delay = RETRY_BASE_DELAY * (2 ** (attempt - 1))
            extra = {"attachments": attachments} if attachments else {}
            send_email_task.using(run_after=timezone.now() + delay).enqueue(
                subject, body, list(to), list(reply_to or []), attempt + 1, **extra
            )
            logger.warning("Email %r failed (attempt %s); retrying in %s", subject, attempt, delay)
        else:
            _give_up(subject, body, list(to), reply_to, attempt, error)
        raise


def queue_email(subject, body, to, reply_to=None, attachments=None):
    """Send an email off the request path once the current transaction commits.

    The subject is put on one line first: a name or title with a line break in it would
    make every attempt fail (BadHeaderError). attachments: (filename, text, mimetype)."""
    recipients = [address for address in to if address]
    if not recipients:
        return
    subject = single_line(str(subject))
    extra = {}
    if attachments:
        extra["attachments"] = [
            [filename, content, mimetype] for filename, content, mimetype in attachments
        ]
    transaction.on_commit(
        lambda: send_email_task.enqueue(subject, body, recipients, list(reply_to or []), **extra)
    )
