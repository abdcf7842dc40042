"""Writes for the events archive: material requests, downloads, duplicating events."""

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import F, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from core.content_translations import column, language_codes
from core.tasks import queue_email

from .models import Event, Material, MaterialRequest


@transaction.atomic
def create_material_request(
    *,
    material: Material,
    name: str,
    email: str,
    organisation: str = "",
    purpose: str = "",
    consent: bool,
) -> MaterialRequest:
    """Save the request first (nothing is lost if mail is down), then email staff and the
    requester once the transaction commits."""
    request = MaterialRequest.objects.create(
        material=material,
        name=name,
        email=email,
        organisation=organisation,
        purpose=purpose,
        consent=consent,
    )
    event = material.event
    context = {
        "material_request": request,
        "material": material,
        "event": event,
        "site": settings.SITE_URL,
    }
    staff = [settings.SECRETARIAT_EMAIL]
    if event.organiser and event.organiser.contact_email:
        staff.append(event.organiser.contact_email)
    queue_email(
        _("Material request: %(title)s") % {"title": material.title},
        render_to_string("events/email/request_staff.txt", context),
        list(dict.fromkeys(staff)),
        reply_to=[request.email],
    )
    queue_email(
        _("We received your request for “%(title)s”") % {"title": material.title},
        render_to_string("events/email/request_ack.txt", context),
        [request.email],
        reply_to=[settings.SECRETARIAT_EMAIL],
    )
    return request


def count_download(material: Material) -> None:
    """Increment the counter in the database, safe under concurrent downloads."""
    Material.objects.filter(pk=material.pk).update(download_count=F("download_count") + 1)


def mark_requests(
    queryset: QuerySet[MaterialRequest], *, status: str, user: AbstractBaseUser
) -> int:
    """Record who handled the still-open requests and when; returns how many changed."""
    return queryset.exclude(status=status).update(
        status=status, handled_by=user, handled_at=timezone.now()
    )


def _unique_copy_slug(slug: str) -> str:
    base = f"{slug[:230]}-copy"
    candidate = base
    while Event.objects.filter(slug=candidate).exists():
        candidate = f"{base}-{get_random_string(5).lower()}"
    return candidate


@transaction.atomic
def duplicate_event(event: Event) -> Event:
    """A draft copy of an event with its sessions, talks (and speakers) and materials.

    Materials keep pointing at the same stored files; counters and requests start afresh.
    """
    partner_ids = list(event.partner_clusters.values_list("pk", flat=True))
    sessions = list(event.sessions.prefetch_related("talks__speakers"))
    materials = list(event.materials.all())

    copy = Event.objects.get(pk=event.pk)
    copy.pk = None
    copy._state.adding = True
    copy.slug = _unique_copy_slug(event.slug)
    # "(copy)" in each language the title has (events/translation.py).
    for code in language_codes():
        field = column("title", code)
        if title := getattr(event, field):
            with translation.override(code):
                setattr(copy, field, _("%(title)s (copy)") % {"title": title})
    copy.status = Event.Status.DRAFT
    copy.uid = uuid.uuid4()  # a new calendar entry, not a revision of the original
    copy.sequence = 0
    copy.changed_at = None
    copy.save()
    copy.partner_clusters.set(partner_ids)

    session_map, talk_map = {}, {}
    for session in sessions:
        talks = list(session.talks.all())
        old_session_id = session.pk
        session.pk = None
        session._state.adding = True
        session.event = copy
        session.save()
        session_map[old_session_id] = session
        for talk in talks:
            speaker_ids = [speaker.pk for speaker in talk.speakers.all()]
            old_talk_id = talk.pk
            # Drop the prefetched speakers, or .set() would see them as already linked.
            talk._prefetched_objects_cache = {}
            talk.pk = None
            talk._state.adding = True
            talk.session = session
            talk.save()
            talk.speakers.set(speaker_ids)
            talk_map[old_talk_id] = talk

    for material in materials:
        material.pk = None
        material._state.adding = True
        material.event = copy
        material.session = session_map.get(material.session_id)
        material.talk = talk_map.get(material.talk_id)
        material.download_count = 0
        material.save()
    return copy


def set_status(events: QuerySet[Event], *, status: str) -> int:
    """Give each event `status`; returns how many changed. One save() each, so the
    model signals retire cached pages and counters and the calendar revision grows."""
    count = 0
    for event in events.exclude(status=status):
        event.status = status
        event.save(update_fields=["status", "updated_at"])
        count += 1
    return count
