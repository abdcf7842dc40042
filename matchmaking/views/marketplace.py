"""The marketplace: a programme's opportunities, searchable and filterable; posting one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from django_ratelimit.decorators import ratelimit

from core.page_cache import cache_public_page
from core.pagination import paginate

from .. import permissions, selectors, services
from ..forms import OpportunityFilterForm, OpportunityForm
from .programme import programme_or_404

OPPORTUNITIES_PER_PAGE = 20


@require_safe
@cache_public_page
def opportunity_list(request, slug):
    programme = programme_or_404(slug)
    facets = selectors.marketplace_facets(programme)
    filter_form = OpportunityFilterForm(request.GET or None, facets=facets)
    rows = selectors.opportunities(programme, **filter_form.filters())
    page_obj = paginate(request, rows, OPPORTUNITIES_PER_PAGE)
    viewer = permissions.participant_of(request.user, programme)
    return render(
        request,
        "matchmaking/opportunity_list.html",
        {
            "programme": programme,
            "event": programme.event,
            "filter_form": filter_form,
            "page_obj": page_obj,
            "is_filtered": filter_form.is_bound and any(filter_form.filters().values()),
            "can_post": permissions.can_post_opportunity(viewer),
            # Who posted links to a profile only for those who may read it (else a 404).
            "show_participants": permissions.can_see_participant_list(
                request.user, programme, viewer=viewer
            ),
        },
    )


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit(key="user", rate="30/h", method="POST", block=True)
def opportunity_create(request, slug):
    programme = programme_or_404(slug)
    viewer = permissions.participant_of(request.user, programme)
    if not permissions.can_post_opportunity(viewer):
        raise Http404
    form = OpportunityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.post_opportunity(participant=viewer, data=dict(form.cleaned_data))
        messages.success(request, _("Your opportunity is on the marketplace."))
        return redirect("matchmaking:opportunities", slug=slug)
    return render(
        request,
        "matchmaking/opportunity_form.html",
        {"programme": programme, "event": programme.event, "form": form},
    )
