from django.http import Http404


def event_section(event, request):
    return None


def programme_page(request, slug):
    raise Http404


def participant_detail(request, slug, participant_id):
    raise Http404
