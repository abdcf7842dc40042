from django.http import HttpResponse


def baseline(request):
    """The framework's own floor: the middleware stack and a short text, no database."""
    return HttpResponse("ok", content_type="text/plain")
