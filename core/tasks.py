"""Background tasks shared by the apps: email that never blocks or loses a request.

Tasks run in `manage.py db_worker` (django-tasks database backend); with DEBUG (`make run`)
the immediate backend runs them in the request, so the console shows them at once. A failed send is
re-enqueued with a growing delay; the failed attempt stays visible in the admin
(Django tasks DB → task results). The data the email is about is saved before the task is
enqueued, so a mail outage loses nothing.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

MAX_EMAIL_ATTEMPTS = 5
RETRY_BASE_DELAY = timedelta(minutes=1)


@task()
def send_email_task(subject, body, to, reply_to=None, attempt=1):
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(to),
        reply_to=list(reply_to or []),
    )
    try:
        message.send(fail_silently=False)
    except Exception:
        if attempt < MAX_EMAIL_ATTEMPTS:
            delay = RETRY_BASE_DELAY * (2 ** (attempt - 1))
            send_email_task.using(run_after=timezone.now() + delay).enqueue(
                subject, body, list(to), list(reply_to or []), attempt + 1
            )
            logger.warning("Email %r failed (attempt %s); retrying in %s", subject, attempt, delay)
        else:
            logger.error("Email %r failed after %s attempts", subject, attempt)
        raise


def queue_email(subject, body, to, reply_to=None):
    """Send an email off the request path once the current transaction commits."""
    recipients = [address for address in to if address]
    if not recipients:
        return
    transaction.on_commit(
        lambda: send_email_task.enqueue(str(subject), body, recipients, list(reply_to or []))
    )
