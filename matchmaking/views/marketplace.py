from django.http import Http404


def opportunity_list(request, slug):
    raise Http404
