"""The visitor's IP address, for rate limits and the admin lockout.

Behind the TLS proxy every request comes from the proxy's address, so one visitor could
lock out everyone. With TRUSTED_PROXY_COUNT proxies in front, the client is the entry those
proxies appended to X-Forwarded-For (counted from the right, where a visitor cannot forge
it). Without trusted proxies the header is ignored, since anyone can send it.
"""

import ipaddress

from django.conf import settings


def client_ip(request):
    remote_addr = request.META.get("REMOTE_ADDR", "")
    proxy_count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxy_count > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxy_count:
            try:
                return str(ipaddress.ip_address(forwarded[-proxy_count]))
            except ValueError:
                pass  # A malformed header: fall back to the connection's address.
    return remote_addr


# The one address every request without a known one counts as (a Unix-socket connection has
# no REMOTE_ADDR): they share one rate-limit budget instead of failing.
UNKNOWN_ADDRESS = "0.0.0.0"  # noqa: S104 - a rate-limit key, never bound


def rate_limit_address(request):
    """client_ip for rate limits (django-ratelimit and the API): always an address."""
    return client_ip(request) or UNKNOWN_ADDRESS
