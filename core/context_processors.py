from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .languages import language_versions


def site(request):
    return {
        "SECRETARIAT_EMAIL": settings.SECRETARIAT_EMAIL,
        "DEBUG": settings.DEBUG,
    }


def languages(request):
    """The page in every language (the header's switcher, hreflang links), built on use."""
    return {"language_versions": SimpleLazyObject(lambda: language_versions(request))}
