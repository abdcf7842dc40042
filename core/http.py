"""Response headers for pages and files that carry personal data.

Staff-only pages (the results dashboard and its exports, the admin) and pages showing a
visitor's own draft must never be stored by the browser's cache, a proxy or a shared
computer's history: `Cache-Control: no-store, private` (plus the `never_cache` headers
that make older caches revalidate). The admin's own views get the same from AdminSite.
"""

from functools import wraps

from django.utils.cache import add_never_cache_headers, patch_cache_control


def mark_no_store(response):
    """Mark one response as personal: no-store, private (and never cached)."""
    add_never_cache_headers(response)  # max-age=0, no-cache, no-store, must-revalidate
    patch_cache_control(response, private=True, no_store=True)
    return response


def no_store(view):
    """Decorate a view whose every response carries personal data."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return mark_no_store(view(request, *args, **kwargs))

    return wrapper
