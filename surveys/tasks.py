"""Emails after a submission, rendered by the worker (never in the request)."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from clusters.models import Cluster
from core.tasks import queue_email
from core.text import before_full_stop

from . import selectors
from .answers import as_text, describe_answers
from .models import Submission


@task()
def send_submission_emails(submission_id):
    """The respondent's confirmation (with a copy of the answers) and the clusters' notice."""
    submission = Submission.objects.select_related("survey").filter(pk=submission_id).first()
    if submission is None:
        return
    questions = selectors.extra_questions(submission.survey)
    if submission.contact_email:
        # The worker has no request: the respondent's copy is in the language they answered in.
        with translation.override(submission.language):
            body = _(
                "Thank you for answering the C2Future competency questionnaire for %(name)s.\n\n"
                "Cluster staff will review your answers before anything is published. "
                "Here is a copy of what you sent:\n\n%(answers)s"
            ) % {
                "name": before_full_stop(submission.company_name),
                "answers": _answers_text(submission, questions),
            }
            subject = _("Your C2Future questionnaire was received")
        queue_email(subject, body, [submission.contact_email])
    answers_text = _answers_text(submission, questions)
    recipients = notification_recipients(submission)
    body = _(
        "A new questionnaire submission from %(name)s is waiting for review:\n%(url)s\n\n"
        "%(answers)s"
    ) % {
        "name": submission.company_name,
        "url": f"{settings.SITE_URL.rstrip('/')}/admin/surveys/submission/{submission.pk}/review/",
        "answers": answers_text,
    }
    queue_email(
        _("New questionnaire submission: %(name)s") % {"name": submission.company_name},
        body,
        recipients,
        reply_to=[submission.contact_email] if submission.contact_email else None,
    )


def _answers_text(submission, questions):
    return as_text(describe_answers(submission.answers, selectors.label_lookups(), questions))


def notification_recipients(submission):
    """Staff and contact addresses of the chosen clusters; the secretariat when none."""
    clusters = Cluster.objects.filter(submissions=submission).prefetch_related("staff")
    addresses = set()
    for cluster in clusters:
        if cluster.contact_email:
            addresses.add(cluster.contact_email)
        addresses.update(user.email for user in cluster.staff.all() if user.email)
    return sorted(addresses) or [settings.SECRETARIAT_EMAIL]
