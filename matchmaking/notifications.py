"""The emails of the meeting workflow, in each recipient's own language.

Every email goes through ``core.tasks.queue_email``, so it is sent after the transaction that
changed the request or meeting commits (a refused booking sends nothing) and off the request
path. Links start with ``SITE_URL``, never the request's Host header. An accepted, moved or
cancelled meeting carries its .ics, with the same UID and SEQUENCE as the personal feed, so
a calendar that imported it updates the one entry.

The digest of unanswered requests and the day-before reminders are sent by the management
commands ``send_b2b_digests`` and ``send_b2b_reminders`` (see ``send_digests`` and
``send_reminders`` here).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.tasks import queue_email

from .calendar import meeting_calendar, meeting_zone
from .models import Meeting, MeetingRequest, Participant

# A participant gets the digest of unanswered requests at most this often.
DIGEST_INTERVAL = datetime.timedelta(days=3)
ICS_TYPE = "text/calendar; charset=utf-8; method=PUBLISH"


def _site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _language(participant: Participant) -> str:
    return participant.person.preferred_language or settings.LANGUAGE_CODE


def _urls(programme) -> dict[str, str]:
    slug = programme.event.slug
    return {
        "dashboard_url": _site_url(reverse("matchmaking:dashboard", kwargs={"slug": slug})),
        "agenda_url": _site_url(reverse("matchmaking:agenda", kwargs={"slug": slug})),
    }


def _send(
    recipient: Participant, subject: str, template: str, context: dict, attachments=None
) -> None:
    """Render subject and body in the recipient's language, then queue the email."""
    with translation.override(_language(recipient)):
        context = {
            **context,
            **_urls(recipient.programme),
            "recipient": recipient,
            "event": recipient.programme.event,
            "site": settings.SITE_URL,
        }
        if "meeting" in context:
            context["zone"] = meeting_zone(context["meeting"], viewer=recipient)
        body = render_to_string(f"matchmaking/email/{template}.txt", context)
        subject = str(subject) % {
            "event": recipient.programme.event.title,
            # Derived here, not passed by each email: "Name (Organisation)" of the other side.
            "other": _name(context["other"]) if "other" in context else "",
        }
        files = attachments(recipient) if attachments else None
    queue_email(
        subject,
        body,
        [recipient.person.user.email],
        reply_to=[settings.SECRETARIAT_EMAIL],
        attachments=files,
    )


def _name(participant: Participant) -> str:
    return f"{participant.person.full_name} ({participant.person.organisation.name})"


def _meeting_ics(meeting: Meeting):
    def attachments(viewer):
        return [("b2b-meeting.ics", meeting_calendar(meeting, viewer=viewer), ICS_TYPE)]

    return attachments


def _sides(meeting_request: MeetingRequest):
    return meeting_request.sender, meeting_request.recipient


def request_received(meeting_request: MeetingRequest) -> None:
    sender, recipient = _sides(meeting_request)
    _send(
        recipient,
        _("%(other)s would like to meet you at %(event)s"),
        "request_received",
        {"meeting_request": meeting_request, "other": sender},
    )


def accepted(meeting: Meeting) -> None:
    """To both sides: the time, the table or link, the other's contact, and the .ics."""
    sender, recipient = _sides(meeting.request)
    for viewer, other in ((sender, recipient), (recipient, sender)):
        _send(
            viewer,
            _("Meeting confirmed with %(other)s"),
            "accepted",
            {"meeting": meeting, "other": other},
            attachments=_meeting_ics(meeting),
        )


def declined(meeting_request: MeetingRequest) -> None:
    sender, recipient = _sides(meeting_request)
    _send(
        sender,
        _("%(other)s declined your meeting request"),
        "declined",
        {"meeting_request": meeting_request, "other": recipient},
    )


def withdrawn(meeting_request: MeetingRequest) -> None:
    sender, recipient = _sides(meeting_request)
    _send(
        recipient,
        _("%(other)s withdrew their meeting request"),
        "withdrawn",
        {"meeting_request": meeting_request, "other": sender},
    )


def _other_side(meeting: Meeting, by: Participant) -> Participant:
    sender, recipient = _sides(meeting.request)
    return recipient if by.pk == sender.pk else sender


def cancelled(meeting: Meeting, *, by: Participant) -> None:
    other = _other_side(meeting, by)
    _send(
        other,
        _("%(other)s cancelled your meeting"),
        "cancelled",
        {"meeting": meeting, "other": by},
        attachments=_meeting_ics(meeting),
    )


def rescheduled(meeting: Meeting, *, by: Participant) -> None:
    other = _other_side(meeting, by)
    _send(
        other,
        _("%(other)s moved your meeting"),
        "rescheduled",
        {"meeting": meeting, "other": by},
        attachments=_meeting_ics(meeting),
    )


def moved_by_organisers(meeting: Meeting) -> None:
    """The organisers moved a meeting (admin): both sides get the new time and the .ics."""
    sender, recipient = _sides(meeting.request)
    for viewer, other in ((sender, recipient), (recipient, sender)):
        _send(
            viewer,
            _("The organisers moved your meeting with %(other)s"),
            "moved_by_organisers",
            {"meeting": meeting, "other": other},
            attachments=_meeting_ics(meeting),
        )


# ---- Scheduled emails (management commands) ------------------------------------------------


def send_digests(*, now: datetime.datetime | None = None) -> int:
    """One email per participant with requests waiting for their answer, at most every
    DIGEST_INTERVAL: running the command again the same day sends nothing. Returns the
    number of emails queued."""
    now = now or timezone.now()
    waiting = MeetingRequest.objects.filter(
        status=MeetingRequest.Status.PENDING, expires_at__gt=now
    ).select_related("sender__person__organisation")
    due = (
        Participant.objects.validated()
        .filter(received_requests__in=waiting)
        .exclude(last_digest_at__gt=now - DIGEST_INTERVAL)
        .distinct()
        .select_related("person__user", "person__organisation", "programme__event")
        .prefetch_related(Prefetch("received_requests", queryset=waiting, to_attr="waiting"))
    )
    sent = 0
    for participant in due:
        with transaction.atomic():
            # Claim the participant first: two runs at once send one digest.
            claimed = (
                Participant.objects.filter(pk=participant.pk)
                .exclude(last_digest_at__gt=now - DIGEST_INTERVAL)
                .update(last_digest_at=now)
            )
            if not claimed:
                continue
            requests = sorted(participant.waiting, key=lambda request: request.expires_at)
            _send(
                participant,
                _("Meeting requests waiting for your answer – %(event)s"),
                "digest",
                {"waiting": requests, "count": len(requests)},
            )
            sent += 1
    return sent


def send_reminders(*, now: datetime.datetime | None = None) -> int:
    """The day before: one reminder per side of each scheduled meeting starting in the next
    24 hours, once (a moved meeting is reminded again). Returns the number of emails."""
    now = now or timezone.now()
    meetings = (
        Meeting.objects.filter(
            status=Meeting.Status.SCHEDULED,
            reminder_sent_at__isnull=True,
            slot__start__gt=now,
            slot__start__lte=now + datetime.timedelta(days=1),
        )
        .select_related(
            "slot",
            "table",
            "programme__event",
            "request__sender__person__user",
            "request__sender__person__organisation",
            "request__sender__programme__event",
            "request__recipient__person__user",
            "request__recipient__person__organisation",
            "request__recipient__programme__event",
        )
        .order_by("slot__start")
    )
    sent = 0
    for meeting in meetings:
        with transaction.atomic():
            claimed = Meeting.objects.filter(pk=meeting.pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
            if not claimed:
                continue
            sender, recipient = _sides(meeting.request)
            for viewer, other in ((sender, recipient), (recipient, sender)):
                _send(
                    viewer,
                    _("Reminder: your meeting with %(other)s"),
                    "reminder",
                    {"meeting": meeting, "other": other},
                    attachments=_meeting_ics(meeting),
                )
                sent += 1
    return sent
