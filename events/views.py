"""Public pages of the events archive. Thin: reads in selectors, writes in services."""

import mimetypes
import os

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from django_ratelimit.decorators import ratelimit

from clusters.caches import filters_digest
from core import seo
from core.page_cache import cache_public_page
from core.pagination import paginate

from . import caches, feeds, selectors, services
from .extensions import event_sections
from .forms import EventFilter, MaterialRequestForm

PAST_EVENTS_PER_PAGE = 12
CARDS = "events/includes/event_cards.html"


def _found(value):
    """What a selector found, or a 404 (None: not there, or not published)."""
    if value is None:
        raise Http404
    return value


@require_safe
@cache_public_page
def event_list(request):
    event_filter = EventFilter(request.GET or None, queryset=selectors.event_list_queryset())
    chosen = _chosen_filters(event_filter)
    is_filtered = any(chosen.values())
    cards = _list_cards(request, event_filter, chosen)
    return render(
        request,
        "events/event_list.html",
        {
            "filter": event_filter,
            # The filter selects are a fragment cached per language, filter options and the
            # values asked for (raw: an invalid one selects nothing), a millisecond of
            # options otherwise.
            "filters_version": caches.FILTER_OPTIONS.generation(),
            "filter_form_key": filters_digest(
                {field.html_name: str(field.value()) for field in event_filter.form}
            ),
            "upcoming_cards": cards["upcoming"],
            "past_cards": cards["past"],
            # For the pagination links: the page's number among the counted past events.
            "page_obj": Paginator(range(cards["past_count"]), PAST_EVENTS_PER_PAGE).page(
                cards["page_number"]
            ),
            "is_filtered": is_filtered,
            "empty_upcoming": _empty_upcoming(is_filtered),
            "empty_past": _empty_past(is_filtered),
            "webcal_url": _webcal(request, reverse("events:calendar")),
        },
    )


def _chosen_filters(event_filter):
    """The filters' chosen valid values ({} unfiltered); the filter set ignores the rest."""
    if not event_filter.is_bound:
        return {}
    event_filter.is_valid()  # cleans the form
    return {name: value for name, value in event_filter.form.cleaned_data.items() if value}


def _list_cards(request, event_filter, chosen):
    """The list's cards rendered once per language, filters and page until an event or a
    cluster changes (events.caches) or the first upcoming event ends: no query and no
    card template when they are cached."""
    parts = (
        translation.get_language(),
        filters_digest(chosen),
        filters_digest(request.GET.get("page", "")),
    )
    cards = caches.LIST_CARDS.get(*parts)
    if cards and (cards["valid_until"] is None or timezone.now() < cards["valid_until"]):
        return cards
    upcoming, past = selectors.split_upcoming_and_past(event_filter.qs)
    upcoming = list(upcoming)
    page_obj = paginate(request, past, PAST_EVENTS_PER_PAGE, bounded=False)
    cards = {
        "upcoming": render_to_string(CARDS, {"events": upcoming}, request),
        "past": render_to_string(CARDS, {"events": page_obj.object_list}, request),
        "past_count": page_obj.paginator.count,
        "page_number": page_obj.number,
        # An upcoming event moves to the past when it ends.
        "valid_until": min((event.end for event in upcoming), default=None),
    }
    caches.LIST_CARDS.set(cards, *parts)
    return cards


def _empty_upcoming(is_filtered):
    """What the list says when no upcoming event is shown."""
    if is_filtered:
        return {"title": _("No upcoming events."), "text": _("Try other filters.")}
    return {
        "title": _("No upcoming events."),
        "text": _("New events will be announced here; the archive below keeps past ones."),
    }


def _empty_past(is_filtered):
    if is_filtered:
        return {
            "title": _("No past events match these filters."),
            "text": _("Clear the filters to see the whole archive."),
        }
    return {
        "title": _("No past events yet."),
        "text": _("Programmes, presentations and recordings will appear here after each event."),
    }


def _on_request_materials(event):
    return [material for material in event.materials.all() if material.on_request]


def _chosen_material(request):
    """The material id of an "On request" link (?material=<id>), or None."""
    value = request.GET.get("material", "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 12 else None


def _render_detail(request, event, request_form=None, status=200):
    on_request = _on_request_materials(event)
    if request_form is None and on_request:
        request_form = MaterialRequestForm(materials=on_request, chosen=_chosen_material(request))
    materials = list(event.materials.all())
    for material in on_request:
        # The "On request" link preselects the material in the form on this same page.
        material.request_href = "?" + urlencode({"material": material.pk}) + "#request"
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "speakers": selectors.event_speakers(event),
            "materials": materials,
            "recordings": _recordings(event, materials),
            "request_form": request_form,
            "json_ld": seo.json_ld_safe(_schema_org(request, event)),
            "show_map": event.has_coordinates and not event.is_online,
            "osm_url": _openstreetmap_url(event) if event.has_coordinates else "",
            "map_tile_url": settings.MAP_TILE_URL,
            "webcal_url": _webcal(request, reverse("events:ics", args=[event.slug])),
            "event_sections": event_sections(event, request),
            # The programme's fragments are cached as long as the event itself.
            "details_version": caches.DETAILS.generation(),
            "blank_request_form_key": _blank_request_form_key(event, request_form),
        },
        status=status,
    )


def _recordings(event, materials):
    """The recordings to play: linked recording materials, then the event's own."""
    recordings = [
        {"url": m.external_url, "embed_url": m.embed_url, "title": m.title}
        for m in materials
        if m.kind == m.Kind.RECORDING and m.external_url
    ]
    if event.recording_url:
        recordings.append(
            {
                "url": event.recording_url,
                "embed_url": event.recording_embed_url,
                "title": _("Recording of the event"),
            }
        )
    return recordings


def _openstreetmap_url(event):
    latitude, longitude = str(event.latitude), str(event.longitude)
    query = urlencode({"mlat": latitude, "mlon": longitude})
    return f"https://www.openstreetmap.org/?{query}#map=16/{latitude}/{longitude}"


def _blank_request_form_key(event, form):
    """For a request form nobody has filled in yet: what its fields' markup depends on
    besides the event's details (their generation) and the language; None otherwise."""
    if form is None or form.is_bound:
        return None
    return f"{event.slug}:{form.fields['material'].initial}"


@require_safe
@cache_public_page
def event_detail(request, slug):
    return _render_detail(request, _found(selectors.event_detail(slug)))


def _webcal(request, path):
    """The subscribe link (webcal://) of a calendar path on this site."""
    return "webcal://" + request.get_host() + path


@never_cache  # no-store, private: a refused form shows the typed name and email
@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit(key="ip", rate="5/h", method="POST", block=True)
def request_material(request, slug):
    if request.method != "POST":
        # Reopening the address of a failed request: back to the form, not a 405.
        return redirect(reverse("events:detail", args=[slug]) + "#request")
    event = _found(selectors.event_detail(slug))
    on_request = _on_request_materials(event)
    if not on_request:
        raise Http404
    form = MaterialRequestForm(request.POST, materials=on_request)
    if not form.is_valid():
        # The page itself again (its form posts to .../request/#request, so the browser
        # lands on the form), where events.js focuses the first wrong field.
        return _render_detail(request, event, request_form=form)
    data = form.cleaned_data
    services.create_material_request(
        material=data["material"],
        name=data["name"],
        email=data["email"],
        organisation=data["organisation"],
        purpose=data["purpose"],
        consent=data["consent"],
    )
    messages.success(
        request,
        _(
            "Thank you: your request for “%(title)s” has been sent to the secretariat. "
            "We have emailed you a confirmation."
        )
        % {"title": data["material"].title},
    )
    # Back to the top of the page, where the confirmation message is shown.
    return redirect(event.get_absolute_url())


@require_safe
def download_material(request, slug, material_id):
    material = selectors.published_material(event_slug=slug, material_id=material_id)
    if material is None or not material.is_file:
        raise Http404
    try:
        handle = material.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    filename = os.path.basename(material.file.name)
    content_type = (
        material.content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    )
    if request.method == "GET":  # a HEAD request downloads nothing
        services.count_download(material)
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
@cache_public_page
def speaker_detail(request, slug):
    speaker = _found(selectors.speaker_detail(slug))
    return render(request, "events/speaker_detail.html", {"speaker": speaker})


@require_safe
def event_ics(request, slug):
    event = _found(selectors.event_detail(slug))
    return _calendar_response(feeds.build_calendar([event], event.title), f"{event.slug}.ics")


@require_safe
def calendar_feed(request):
    calendar = feeds.build_calendar(selectors.calendar_events(), _("C2Future events"))
    return _calendar_response(calendar, "c2future-events.ics", attachment=False)


def _calendar_response(body, filename, attachment=True):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def _schema_org(request, event):
    """schema.org Event data for search engines (rendered as JSON-LD)."""
    online = "https://schema.org/OnlineEventAttendanceMode"
    offline = "https://schema.org/OfflineEventAttendanceMode"
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": event.local_start.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": online if event.is_online else offline,
        "url": request.build_absolute_uri(event.get_absolute_url()),
        "inLanguage": event.language,
    }
    if event.has_end:
        data["endDate"] = event.local_end.isoformat()
    if event.summary:
        data["description"] = event.summary
    if event.is_online:
        data["location"] = {
            "@type": "VirtualLocation",
            "url": event.registration_url or request.build_absolute_uri(event.get_absolute_url()),
        }
    else:
        data["location"] = _place(event)
    data["organizer"] = _organizer(request, event)
    if event.cover_image:
        data["image"] = request.build_absolute_uri(event.cover_image.url)
    return data


def _place(event):
    """A schema.org Place with only what is known (no empty address parts)."""
    place = {"@type": "Place"}
    if event.venue_name or event.city:
        place["name"] = event.venue_name or event.city
    address = {
        key: value
        for key, value in (
            ("streetAddress", event.venue_address),
            ("addressLocality", event.city),
            ("addressCountry", event.country.code),
        )
        if value
    }
    if address:
        place["address"] = {"@type": "PostalAddress", **address}
    if event.has_coordinates:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(event.latitude),
            "longitude": float(event.longitude),
        }
    return place


def _organizer(request, event):
    """The organising cluster (its website, else its page here), or the partnership."""
    if event.organiser:
        cluster = event.organiser
        url = cluster.website or request.build_absolute_uri(cluster.get_absolute_url())
        return {"@type": "Organization", "name": cluster.name, "url": url}
    return {
        "@type": "Organization",
        "name": "C2Future",
        "url": request.build_absolute_uri(reverse("portal:home")),
    }
