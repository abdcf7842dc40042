from django.conf import settings
from django.middleware.gzip import GZipMiddleware


class SecurityHeadersMiddleware:
    """Adds the headers Django's SecurityMiddleware does not set itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


# Text worth compressing; documents, images and archives are compressed already (or are
# downloads whose length and ranges must stay as they are).
COMPRESSIBLE_TYPES = (
    "text/",
    "application/json",
    "application/ld+json",
    "application/xml",
    "application/atom+xml",
    "application/rss+xml",
    "application/javascript",
    "image/svg+xml",
)


class TextGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware (random padding against BREACH) for text responses only."""

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").lower()
        if not content_type.startswith(COMPRESSIBLE_TYPES):
            return response
        return super().process_response(request, response)
