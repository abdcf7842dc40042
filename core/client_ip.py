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
