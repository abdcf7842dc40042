"""The programme page (what, when, how to join; the participant list when public) and a
participant's profile."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.page_cache import cache_public_page
from core.pagination import paginate

from .. import permissions, selectors

PARTICIPANTS_PER_PAGE = 24
STATUS_BADGES = {"validated": "success", "rejected": "danger", "pending": "secondary"}


def local_time(moment, programme):
    """A date and time as the event's visitors read it: in the event's time zone."""
    return date_format(timezone.localtime(moment, programme.tzinfo), "DATETIME_FORMAT")


def _meeting_mode(programme):
    if programme.on_site and programme.online:
        return _("Meetings on site and online.")
    return _("Online meetings.") if programme.online else _("Meetings on site.")


def event_section(event, request):
    """The event page's link to its B2B programme (events.extensions)."""
    if not selectors.event_has_programme(event):
        return None
    return {
        "title": _("B2B meetings"),
        "url": reverse("matchmaking:programme", kwargs={"slug": event.slug}),
        "text": _(
            "Book one-to-one meetings with cluster SMEs and international partners: "
            "register, find them in the marketplace and request a meeting."
        ),
    }


def programme_or_404(slug):
    programme = selectors.programme_for_event(slug)
    if programme is None:
        raise Http404
    return programme


@require_safe
@cache_public_page
def programme_page(request, slug):
    programme = programme_or_404(slug)
    viewer = permissions.participant_of(request.user, programme)
    show_list = permissions.can_see_participant_list(request.user, programme, viewer=viewer)
    page_obj = None
    if show_list:
        page_obj = paginate(
            request, selectors.validated_participants(programme), PARTICIPANTS_PER_PAGE
        )
    return render(
        request,
        "matchmaking/programme.html",
        {
            "programme": programme,
            "event": programme.event,
            "days": selectors.programme_days(programme),
            "viewer": viewer,
            "registration_open": programme.registration_is_open(),
            "registration_opens": local_time(programme.registration_opens, programme),
            "registration_closes": local_time(programme.registration_closes, programme),
            "meeting_mode": _meeting_mode(programme),
            "viewer_badge": STATUS_BADGES.get(viewer.status, "secondary") if viewer else "",
            "show_list": show_list,
            "page_obj": page_obj,
            "participant_count": page_obj.paginator.count if page_obj else None,
        },
    )


@require_safe
def participant_detail(request, slug, participant_id):
    programme = programme_or_404(slug)
    participant = selectors.participant_profile(programme, participant_id)
    viewer = permissions.participant_of(request.user, programme)
    # Not validated (or not for this viewer): as if it did not exist.
    if participant is None or not permissions.can_view_participant(
        request.user, participant, viewer=viewer
    ):
        raise Http404
    organisation = participant.person.organisation
    return render(
        request,
        "matchmaking/participant_detail.html",
        {
            "programme": programme,
            "event": programme.event,
            "participant": participant,
            "organisation": organisation,
            "person": participant.person,
            "offers": list(participant.offers.all()),
            "looks_for": list(participant.looks_for.all()),
            "opportunities": list(participant.opportunities.all()),
            "sectors": list(organisation.sectors.all()),
            "languages": ", ".join(code.upper() for code in participant.person.languages or []),
            "target_countries": ", ".join(c.name for c in participant.target_countries),
            "directory_url": organisation.company.get_absolute_url()
            if organisation.company and organisation.company.is_published
            else "",
            "viewer": viewer,
            "is_self": viewer is not None and viewer.pk == participant.pk,
            "can_request": viewer is not None
            and viewer.is_validated
            and viewer.pk != participant.pk
            and participant.is_validated,
            "show_contact": permissions.can_see_contact(viewer, participant),
        },
    )
