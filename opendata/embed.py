"""Framing of the /embed/ widgets: only by the origins in settings.EMBED_ALLOWED_ORIGINS.

Every other page keeps `X-Frame-Options: DENY` and `frame-ancestors 'none'`. A widget's
response gets `frame-ancestors` set to the allowed origins (or 'none' when there are none)
and no X-Frame-Options, which cannot name an origin. Applied outside the page cache, so a
cached widget is answered with the same headers as a fresh one.
"""

import re
from functools import wraps

from csp.constants import NONE
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

ORIGIN = re.compile(r"https?://[A-Za-z0-9.-]+(?::\d{1,5})?")


def allowed_origins():
    origins = list(settings.EMBED_ALLOWED_ORIGINS)
    for origin in origins:
        # Only plain origins: "*", "https:" or a quoted keyword would open the widgets to
        # every site (or break the policy).
        if not ORIGIN.fullmatch(origin):
            raise ImproperlyConfigured(
                f"EMBED_ALLOWED_ORIGINS: {origin!r} is not an origin like https://example.org"
            )
    return origins


def embeddable(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.xframe_options_exempt = True
        response._csp_replace = {"frame-ancestors": allowed_origins() or [NONE]}
        # Widgets repeat what the full pages say: search engines index those instead.
        response["X-Robots-Tag"] = "noindex"
        return response

    return wrapper
