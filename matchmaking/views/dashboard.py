"""The participant's dashboard: suggested meetings with the reasons, requests in and out."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from .. import booking, meeting_selectors, suggestions
from ..meeting_forms import AvailabilityForm
from ..models import Unavailability
from .access import participant_required


def calendar_urls(request, participant) -> dict:
    path = reverse(
        "matchmaking:calendar_feed",
        kwargs={"slug": participant.programme.event.slug, "token": participant.calendar_token},
    )
    url = request.build_absolute_uri(path)
    return {"calendar_url": url, "calendar_webcal_url": "webcal://" + url.split("://", 1)[1]}


@require_safe
@never_cache
@participant_required
def dashboard(request, *, programme, participant):
    now = timezone.now()
    validated = participant.is_validated
    context = {
        "programme": programme,
        "event": programme.event,
        "participant": participant,
        "suggested": suggestions.suggest_for(participant) if validated else [],
        "incoming": list(meeting_selectors.incoming_requests(participant, now=now)),
        "outgoing": list(meeting_selectors.outgoing_requests(participant, now=now)),
        "recent": list(meeting_selectors.recent_answers(participant, now=now)),
        "meeting_count": meeting_selectors.scheduled_meetings(participant).count(),
        "open_count": booking.open_requests(participant, now=now).count(),
        **calendar_urls(request, participant),
    }
    return render(request, "matchmaking/dashboard.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@participant_required
def availability(request, *, programme, participant):
    """Tick the blocks you can attend; without any change every block is ticked."""
    blocks = list(programme.blocks.order_by("date", "start_time"))
    unavailable = set(
        Unavailability.objects.filter(participant=participant, block__isnull=False).values_list(
            "block_id", flat=True
        )
    )
    initial = {"blocks": [str(block.pk) for block in blocks if block.pk not in unavailable]}
    form = AvailabilityForm(request.POST or None, blocks=blocks, initial=initial)
    if request.method == "POST" and form.is_valid():
        booking.set_available_blocks(participant, available_block_ids=form.block_ids())
        messages.success(request, _("Your availability is saved."))
        return redirect("matchmaking:dashboard", slug=programme.event.slug)
    return render(
        request,
        "matchmaking/availability.html",
        {
            "programme": programme,
            "event": programme.event,
            "participant": participant,
            "form": form,
        },
    )
