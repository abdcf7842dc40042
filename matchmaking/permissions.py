"""Who may see what of the matchmaking: validated profiles only, contacts only once met."""

from django.db.models import Q

from .models import Meeting, MeetingRequest, Participant


def participant_of(user, programme) -> Participant | None:
    """The user's own participation in the programme (any status), or None."""
    if not user.is_authenticated:
        return None
    return (
        Participant.objects.filter(programme=programme, person__user=user)
        .select_related("person__organisation")
        .first()
    )


def can_see_participant_list(user, programme, *, viewer: Participant | None = None) -> bool:
    """The list of validated participants: everyone when the organisers made it public,
    else validated participants and staff."""
    if programme.participant_list_public or user.is_staff:
        return True
    return viewer is not None and viewer.is_validated


def can_view_participant(user, participant: Participant, *, viewer=None) -> bool:
    """A profile is readable once validated (by whoever may see the list); a participant
    always reads their own, staff every one."""
    if user.is_staff:
        return True
    if viewer is not None and viewer.pk == participant.pk:
        return True
    if not participant.is_validated:
        return False
    return can_see_participant_list(user, participant.programme, viewer=viewer)


def can_see_contact(viewer: Participant | None, other: Participant) -> bool:
    """Email and phone of the other side: only between the two sides of an accepted
    request whose meeting is scheduled."""
    if viewer is None or viewer.pk == other.pk:
        return viewer is not None
    return Meeting.objects.filter(
        Q(request__sender=viewer, request__recipient=other)
        | Q(request__sender=other, request__recipient=viewer),
        status=Meeting.Status.SCHEDULED,
        request__status=MeetingRequest.Status.ACCEPTED,
    ).exists()


def can_post_opportunity(viewer: Participant | None) -> bool:
    return viewer is not None and viewer.is_validated
