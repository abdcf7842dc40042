"""The portal's languages (settings.LANGUAGES): which one is active, and names for them."""

from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import formats, translation


def supported_language(code: str | None) -> str:
    """`code` as one of settings.LANGUAGES ("es-MX" → "es"), or the default language."""
    try:
        return translation.get_supported_language_variant(code or "")
    except LookupError:
        return settings.LANGUAGE_CODE


def current_language() -> str:
    """The language of the request being answered, as one of settings.LANGUAGES."""
    return supported_language(translation.get_language())


@dataclass(frozen=True)
class LanguageVersion:
    code: str
    name: str  # in the language itself ("italiano"), as a visitor looks for it
    url: str  # this page in that language, query string kept
    switch_url: str  # the same through the switcher, which also remembers the choice
    current: bool


def page_in_language(path: str, code: str) -> str:
    """The same page (and query) in another language; the path itself when it has none
    (the API, health checks, pages that do not exist)."""
    # Resolved in the language of its own prefix, whatever language is active.
    source = translation.get_language_from_path(urlsplit(path).path) or settings.LANGUAGE_CODE
    with translation.override(source):
        return translate_url(path, code)


def language_versions(request) -> list[LanguageVersion]:
    """This page in each language, for the header's switcher and the hreflang links."""
    path = request.get_full_path()
    active = current_language()
    versions = []
    for code, _name in settings.LANGUAGES:
        url = page_in_language(path, code)
        switch = reverse("switch_language", kwargs={"code": code})
        versions.append(
            LanguageVersion(
                code=code,
                name=translation.get_language_info(code)["name_local"],
                url=url,
                switch_url=f"{switch}?{urlencode({'next': url})}",
                current=code == active,
            )
        )
    return versions


def weekday_date_format(*, with_time: bool = False) -> str:
    """The active language's date (and time) format led by the weekday ("Wednesday 2
    December 2026", "miércoles 2 de diciembre de 2026")."""
    return "l " + formats.get_format("DATETIME_FORMAT" if with_time else "DATE_FORMAT")
