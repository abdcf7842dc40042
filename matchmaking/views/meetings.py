"""Request, accept, decline, cancel and reschedule meetings. Thin: the rules live in
matchmaking.booking; a refused step shows its message and nothing changes."""

import re

from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from .. import booking, permissions, selectors
from ..meeting_forms import DeclineForm, MeetingRequestForm, SlotForm
from ..models import Meeting, MeetingRequest, Opportunity
from .access import participant_required

# Per account (per address before sign-in): requests are the expensive kind for others.
REQUEST_RATE = "20/h"
ANSWER_RATE = "120/h"
OPPORTUNITY_ID = re.compile(r"[0-9]{1,18}")


def _dashboard(programme):
    return redirect("matchmaking:dashboard", slug=programme.event.slug)


def _addressed_to(participant, request_id):
    """A pending request addressed to the participant, else 404 (whatever exists)."""
    return get_object_or_404(
        MeetingRequest.objects.select_related(
            "programme__event", "sender__person__organisation", "opportunity"
        ),
        pk=request_id,
        recipient=participant,
    )


def _zones(participant, programme):
    return {"event_zone": programme.event.tzinfo, "viewer_zone": participant.person.tzinfo}


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@ratelimit(key="user_or_ip", rate=REQUEST_RATE, method="POST", block=True, group="mm:request")
@participant_required
def request_meeting(request, *, programme, participant, participant_id):
    recipient = selectors.participant_profile(programme, participant_id)
    # Only validated participants can be read, let alone asked.
    if recipient is None or not recipient.is_validated or recipient.pk == participant.pk:
        raise Http404
    opportunities = Opportunity.objects.filter(participant__in=[participant, recipient]).order_by(
        "title"
    )
    form = MeetingRequestForm(request.POST or None, opportunities=opportunities)
    if request.method == "POST" and form.is_valid():
        try:
            booking.request_meeting(
                sender=participant,
                recipient=recipient,
                message=form.cleaned_data["message"],
                opportunity=form.cleaned_data["opportunity"],
            )
        except booking.BookingError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Your request was sent to %(name)s.") % {"name": recipient.person.full_name},
            )
            return _dashboard(programme)
    # Only ASCII digits: "²".isdigit() is true but int("²") fails.
    if OPPORTUNITY_ID.fullmatch(request.GET.get("opportunity", "")) and not form.is_bound:
        form.initial["opportunity"] = int(request.GET["opportunity"])
    return render(
        request,
        "matchmaking/request_form.html",
        {
            "programme": programme,
            "event": programme.event,
            "participant": participant,
            "recipient": recipient,
            "form": form,
        },
    )


def _slot_page(request, *, template, programme, participant, choices, form, **context):
    return render(
        request,
        template,
        {
            "programme": programme,
            "event": programme.event,
            "participant": participant,
            "form": form,
            "has_choices": bool(choices),
            **context,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@ratelimit(key="user_or_ip", rate=ANSWER_RATE, method="POST", block=True, group="mm:answer")
@participant_required
def accept(request, *, programme, participant, request_id):
    meeting_request = _addressed_to(participant, request_id)
    if not meeting_request.is_pending or booking.is_expired(meeting_request):
        messages.info(request, _("This request is no longer waiting for an answer."))
        return _dashboard(programme)
    choices = booking.free_slots(meeting_request)
    form = SlotForm(request.POST or None, choices=choices, **_zones(participant, programme))
    if request.method == "POST" and form.is_valid():
        slot_id, mode = form.picked()
        try:
            booking.accept(
                meeting_request,
                by=participant,
                slot_id=slot_id,
                mode=mode,
                video_link=form.cleaned_data["video_link"],
            )
        except booking.BookingError as error:
            messages.error(request, error.message)
            return redirect(request.path)
        messages.success(request, _("Meeting confirmed. It is on both your agendas."))
        return redirect("matchmaking:agenda", slug=programme.event.slug)
    return _slot_page(
        request,
        template="matchmaking/accept.html",
        programme=programme,
        participant=participant,
        choices=choices,
        form=form,
        meeting_request=meeting_request,
        other=meeting_request.sender,
        decline_form=DeclineForm(),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@ratelimit(key="user_or_ip", rate=ANSWER_RATE, method="POST", block=True, group="mm:answer")
@participant_required
def decline(request, *, programme, participant, request_id):
    meeting_request = _addressed_to(participant, request_id)
    if request.method != "POST":
        return redirect("matchmaking:accept", slug=programme.event.slug, request_id=request_id)
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            booking.decline(meeting_request, by=participant, reason=form.cleaned_data["reason"])
        except booking.BookingError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Request declined. They have been told."))
    else:
        messages.error(request, _("The reason is too long (1,000 characters at most)."))
    return _dashboard(programme)


@require_POST
@never_cache
@ratelimit(key="user_or_ip", rate=ANSWER_RATE, method="POST", block=True, group="mm:answer")
@participant_required
def cancel(request, *, programme, participant, request_id):
    meeting_request = get_object_or_404(
        MeetingRequest.objects.filter(Q(sender=participant) | Q(recipient=participant)),
        pk=request_id,
    )
    try:
        booking.cancel(meeting_request, by=participant)
    except booking.BookingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Cancelled. The other side has been told."))
    if request.POST.get("next") == "agenda":
        return redirect("matchmaking:agenda", slug=programme.event.slug)
    return _dashboard(programme)


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@ratelimit(key="user_or_ip", rate=ANSWER_RATE, method="POST", block=True, group="mm:answer")
@participant_required
def reschedule(request, *, programme, participant, meeting_id):
    meeting = get_object_or_404(
        Meeting.objects.select_related(
            "slot",
            "table",
            "request__programme__event",
            "request__sender__person__organisation",
            "request__recipient__person__organisation",
        ).filter(Q(request__sender=participant) | Q(request__recipient=participant)),
        pk=meeting_id,
        status=Meeting.Status.SCHEDULED,
    )
    agenda = redirect("matchmaking:agenda", slug=programme.event.slug)
    if meeting.locked:
        messages.error(
            request, _("The organisers have locked this meeting: ask them to change it.")
        )
        return agenda
    choices = booking.free_slots(meeting.request, ignore_meeting=meeting)
    form = SlotForm(request.POST or None, choices=choices, **_zones(participant, programme))
    if request.method == "POST" and form.is_valid():
        slot_id, mode = form.picked()
        try:
            booking.reschedule(
                meeting,
                by=participant,
                slot_id=slot_id,
                mode=mode,
                video_link=form.cleaned_data["video_link"] or None,
            )
        except booking.BookingError as error:
            messages.error(request, error.message)
            return redirect(request.path)
        messages.success(request, _("Meeting moved. The other side has been told."))
        return agenda
    request_ = meeting.request
    other = request_.recipient if request_.sender_id == participant.pk else request_.sender
    return _slot_page(
        request,
        template="matchmaking/reschedule.html",
        programme=programme,
        participant=participant,
        choices=choices,
        form=form,
        meeting=meeting,
        other=other,
        can_see_contact=permissions.can_see_contact(participant, other),
    )
