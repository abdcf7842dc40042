"""Reads of a participant's own side: requests in and out, meetings, the agenda by day."""

from __future__ import annotations

import datetime
import zoneinfo

from django.db.models import Q
from django.utils import timezone

from .calendar import meeting_zone
from .models import Meeting, MeetingRequest, Participant

REQUEST_RELATIONS = (
    "sender__person__organisation",
    "recipient__person__organisation",
    "opportunity",
)
RECENT_ANSWERS = 10


def incoming_requests(participant: Participant, *, now: datetime.datetime | None = None):
    """Requests waiting for the participant's answer, the soonest to expire first."""
    now = now or timezone.now()
    return (
        MeetingRequest.objects.filter(
            recipient=participant, status=MeetingRequest.Status.PENDING, expires_at__gt=now
        )
        .select_related(*REQUEST_RELATIONS)
        .order_by("expires_at", "id")
    )


def outgoing_requests(participant: Participant, *, now: datetime.datetime | None = None):
    now = now or timezone.now()
    return (
        MeetingRequest.objects.filter(
            sender=participant, status=MeetingRequest.Status.PENDING, expires_at__gt=now
        )
        .select_related(*REQUEST_RELATIONS)
        .order_by("-created_at", "-id")
    )


def recent_answers(participant: Participant, *, now: datetime.datetime | None = None):
    """The participant's latest closed requests (declined, expired, withdrawn, cancelled),
    both ways, so nothing disappears without a word."""
    now = now or timezone.now()
    closed = Q(
        status__in=[
            MeetingRequest.Status.DECLINED,
            MeetingRequest.Status.EXPIRED,
            MeetingRequest.Status.CANCELLED,
        ]
    ) | Q(status=MeetingRequest.Status.PENDING, expires_at__lte=now)
    return (
        MeetingRequest.objects.filter(Q(sender=participant) | Q(recipient=participant))
        .filter(closed)
        .select_related(*REQUEST_RELATIONS)
        .order_by("-created_at", "-id")[:RECENT_ANSWERS]
    )


def scheduled_meetings(participant: Participant):
    """The participant's scheduled meetings in time order, with everything the agenda shows
    of both sides (one query)."""
    return (
        Meeting.objects.filter(
            seats__participant=participant, seats__is_active=True, status=Meeting.Status.SCHEDULED
        )
        .select_related(
            "slot",
            "table",
            "request__sender__person__organisation",
            "request__sender__person__user",
            "request__recipient__person__organisation",
            "request__recipient__person__user",
        )
        .order_by("slot__start", "id")
    )


def other_side(meeting: Meeting, participant: Participant) -> Participant:
    request = meeting.request
    return request.recipient if request.sender_id == participant.pk else request.sender


def agenda_days(participant: Participant, meetings) -> list[tuple[datetime.date, list]]:
    """[(day, [(meeting, other side, zone)])]: days in the event's zone, each meeting's times
    in its own zone (the event's on site, the participant's online)."""
    event_zone = zoneinfo.ZoneInfo(participant.programme.event.time_zone)
    days: dict = {}
    for meeting in meetings:
        meeting.programme = participant.programme
        zone = zoneinfo.ZoneInfo(meeting_zone(meeting, viewer=participant))
        day = meeting.slot.start.astimezone(event_zone).date()
        days.setdefault(day, []).append((meeting, other_side(meeting, participant), zone))
    return list(days.items())
