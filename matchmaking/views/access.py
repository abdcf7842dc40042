"""The signed-in participant of a programme, for the pages only participants see."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .. import permissions, selectors


def participant_required(view):
    """Signed in (else the sign-in page) and registered in the programme (else its
    registration page); the view gets programme and participant as keywords."""

    @login_required
    @wraps(view)
    def wrapper(request, slug, **kwargs):
        programme = selectors.programme_for_event(slug)
        if programme is None:
            raise Http404
        participant = permissions.participant_of(request.user, programme)
        if participant is None:
            messages.info(request, _("Register for the B2B meetings first."))
            return redirect("matchmaking:register", slug=slug)
        participant.programme = programme
        participant.person.user = request.user
        return view(request, programme=programme, participant=participant, **kwargs)

    return wrapper
