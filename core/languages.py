"""The portal's languages (settings.LANGUAGES): which one is active, and names for them."""

from django.conf import settings
from django.utils import translation


def supported_language(code: str | None) -> str:
    """`code` as one of settings.LANGUAGES ("es-MX" → "es"), or the default language."""
    try:
        return translation.get_supported_language_variant(code or "")
    except LookupError:
        return settings.LANGUAGE_CODE


def current_language() -> str:
    """The language of the request being answered, as one of settings.LANGUAGES."""
    return supported_language(translation.get_language())


def language_name(code: str) -> str:
    """The language's name in the active language ("Italian", "italiano", …)."""
    return str(dict(settings.LANGUAGES).get(code, code))
