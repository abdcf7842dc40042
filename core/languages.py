"""The portal's languages (settings.LANGUAGES): which one is active, and names for them."""

from contextlib import suppress
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote_plus, unquote, urlsplit, urlunsplit

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import (
    NoReverseMatch,
    Resolver404,
    get_script_prefix,
    get_urlconf,
    resolve,
    reverse,
)
from django.utils import formats, translation
from django_countries import countries


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


@lru_cache(maxsize=4096)
def _path_in_languages(path: str, urlconf: str | None) -> dict[str, str]:
    """{language code: the same URL path in that language}: one resolve, a reverse each.

    Every page asks this twice (switcher and hreflang) for six languages; a URL path's
    translations change only with the URLconf, so they are kept per process (bounded)."""
    # Resolved in the language of its own prefix, whatever language is active.
    source = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    with translation.override(source):
        try:
            match = resolve(unquote(path), urlconf)
        except Resolver404:
            return {code: path for code, _name in settings.LANGUAGES}
    paths = {}
    for code, _name in settings.LANGUAGES:
        paths[code] = path
        with translation.override(code), suppress(NoReverseMatch):
            paths[code] = reverse(match.view_name, urlconf, args=match.args, kwargs=match.kwargs)
    return paths


@receiver(setting_changed)
def _forget_paths(*, setting, **kwargs):
    if setting in {"ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE"}:
        _path_in_languages.cache_clear()


def pages_in_languages(path: str) -> dict[str, str]:
    """{language code: the same page (and query) in that language}; the path itself where
    there is no other language's version (the API, health checks, pages that do not exist).
    """
    parts = urlsplit(path)
    paths = _path_in_languages(parts.path, get_urlconf())
    return {code: urlunsplit(parts._replace(path=translated)) for code, translated in paths.items()}


def page_in_language(path: str, code: str) -> str:
    """The same page (and query) in another language (see `pages_in_languages`)."""
    return pages_in_languages(path).get(code, path)


@lru_cache(maxsize=16)
def _switch_paths(urlconf: str | None, script_prefix: str) -> tuple[tuple[str, str, str], ...]:
    """(code, name in that language, the switcher's URL) per language: the same for every
    page, so built once per URLconf and script prefix."""
    return tuple(
        (
            code,
            translation.get_language_info(code)["name_local"],
            reverse("switch_language", urlconf, kwargs={"code": code}),
        )
        for code, _name in settings.LANGUAGES
    )


@receiver(setting_changed)
def _forget_switch_paths(*, setting, **kwargs):
    if setting in {"ROOT_URLCONF", "LANGUAGES", "FORCE_SCRIPT_NAME"}:
        _switch_paths.cache_clear()


def language_versions(request) -> list[LanguageVersion]:
    """This page in each language, for the header's switcher and the hreflang links."""
    path = request.get_full_path()
    active = current_language()
    urls = pages_in_languages(path)
    return [
        LanguageVersion(
            code=code,
            name=name,
            url=urls[code],
            switch_url=f"{switch}?next={quote_plus(urls[code])}",  # urlencode's output
            current=code == active,
        )
        for code, name, switch in _switch_paths(get_urlconf(), get_script_prefix())
    ]


def weekday_date_format(*, with_time: bool = False) -> str:
    """The active language's date (and time) format led by the weekday ("Wednesday 2
    December 2026", "miércoles 2 de diciembre de 2026")."""
    return "l " + formats.get_format("DATETIME_FORMAT" if with_time else "DATE_FORMAT")


# Country names per (language, code): django-countries translates a name each time it is
# asked (a gettext call through the active translation), and a filter of 40 countries asks
# for every one on every request. The names do not change while the process runs.
_COUNTRY_NAMES: dict[tuple[str, str], str] = {}
_COUNTRY_NAMES_SIZE = 6 * 300  # the languages times every code: unknown codes are not kept


def country_name(code: str) -> str:
    """django-countries' name of the country `code` in the active language ("" when the code
    is unknown)."""
    key = (translation.get_language(), code)
    name = _COUNTRY_NAMES.get(key)
    if name is None:
        name = str(countries.name(code))
        if name and len(_COUNTRY_NAMES) < _COUNTRY_NAMES_SIZE:
            _COUNTRY_NAMES[key] = name
    return name
