"""Registration for a B2B programme (signed-in accounts; the organisers validate)."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from clusters.models import Company

from .. import permissions, services
from ..forms import RegistrationForm, registration_initial
from ..models import Person
from .programme import local_time, programme_or_404

# A directory slug's shape; anything else (a NUL byte) never reaches the DB.
COMPANY_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,220}")


def _chosen_company(request):
    """The directory company of a "register as this member SME" link (?company=<slug>)."""
    slug = request.GET.get("company", "")
    if not COMPANY_SLUG.fullmatch(slug):
        return None
    return Company.objects.published().filter(slug=slug).first()


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit(key="user", rate="20/h", method="POST", block=True)
def register(request, slug):
    programme = programme_or_404(slug)
    participant = permissions.participant_of(request.user, programme)
    context = {
        "programme": programme,
        "event": programme.event,
        "participant": participant,
        "registration_opens": local_time(programme.registration_opens, programme),
        "registration_closes": local_time(programme.registration_closes, programme),
    }
    if not programme.registration_is_open():
        return render(request, "matchmaking/registration_closed.html", context)
    person = Person.objects.select_related("organisation").filter(user=request.user).first()
    if request.method == "POST":
        form = RegistrationForm(request.POST)
        if form.is_valid():
            participant = services.register(
                programme=programme,
                user=request.user,
                company=form.cleaned_data["company"],
                organisation_data=form.organisation_data(),
                person_data=form.person_data(),
                participant_data=form.participant_data(),
            )
            messages.success(
                request,
                _(
                    "Thank you: your registration is waiting for the organisers' validation. "
                    "Your profile becomes visible once they validate it."
                ),
            )
            return redirect("matchmaking:programme", slug=slug)
    else:
        previous = participant or services.previous_participation(person, programme=programme)
        initial = registration_initial(
            person=person, participant=previous, company=_chosen_company(request)
        )
        # A first registration starts from the event's time zone and the page's language.
        initial.setdefault("time_zone", programme.event.time_zone)
        initial.setdefault("preferred_language", get_language())
        form = RegistrationForm(initial=initial)
    return render(request, "matchmaking/register.html", {**context, "form": form})
