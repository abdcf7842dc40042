"""The personal agenda (printable) and the personal calendar feed at a secret URL."""

import re

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from .. import calendar, meeting_selectors, selectors
from ..models import Participant
from .access import participant_required
from .dashboard import calendar_urls

# The shape of a calendar token (URL-safe base64); anything else (a NUL byte) never reaches the DB.
CALENDAR_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")


@require_safe
@never_cache
@participant_required
def agenda(request, *, programme, participant):
    meetings = meeting_selectors.scheduled_meetings(participant)
    return render(
        request,
        "matchmaking/agenda.html",
        {
            "programme": programme,
            "event": programme.event,
            "participant": participant,
            "days": meeting_selectors.agenda_days(participant, meetings),
            **calendar_urls(request, participant),
        },
    )


@require_POST
@participant_required
def revoke_calendar(request, *, programme, participant):
    participant.revoke_calendar_token()
    messages.success(
        request,
        _("Your calendar has a new address; the old one no longer works. Subscribe again."),
    )
    return redirect("matchmaking:agenda", slug=programme.event.slug)


@require_safe
@never_cache
def calendar_feed(request, slug, token):
    """The participant's meetings as iCalendar; the token in the URL is the only key."""
    programme = selectors.programme_for_event(slug)
    participant = (
        Participant.objects.filter(programme=programme, calendar_token=token)
        .select_related("person", "programme__event")
        .first()
        if programme is not None and CALENDAR_TOKEN.fullmatch(token)
        else None
    )
    if participant is None:
        raise Http404
    response = HttpResponse(
        calendar.participant_calendar(participant), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="b2b-meetings.ics"'
    # The address is the secret: keep it out of referrers and search engines.
    response["X-Robots-Tag"] = "noindex"
    return response
