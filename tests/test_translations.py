"""The translation catalogues (locale/): complete, not fuzzy, placeholders as in English.

A language is offered only when it is complete: `make messages` after a change adds the new
strings untranslated, and these tests fail until a translator has done them.
"""

import re
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation import to_locale

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|\{[a-z_]+\}|%%")
TAG = re.compile(r"</?[a-z][^>]*>")


def catalogue(code):
    path = LOCALE_DIR / to_locale(code) / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{path} is missing: `make messages` creates it"
    return polib.pofile(str(path))


def _label(entry):
    return f"{entry.msgctxt + ' | ' if entry.msgctxt else ''}{entry.msgid[:70]!r}"


def _translations(entry):
    """(source, translation) pairs: each plural form against the English form it renders."""
    if not entry.msgid_plural:
        return [(entry.msgid, entry.msgstr)]
    forms = sorted(entry.msgstr_plural.items())
    return [(entry.msgid if index == 0 else entry.msgid_plural, text) for index, text in forms]


def _key(entry):
    return entry.msgctxt, entry.msgid


def _text(entry):
    return tuple(sorted(entry.msgstr_plural.items())) if entry.msgid_plural else entry.msgstr


def _placeholders(text):
    return Counter(PLACEHOLDER.findall(text))


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_message_is_translated_and_none_is_fuzzy(code):
    po = catalogue(code)
    untranslated = [_label(entry) for entry in po.untranslated_entries()]
    fuzzy = [_label(entry) for entry in po.fuzzy_entries()]
    assert not untranslated, f"{code}: {len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    assert not fuzzy, f"{code}: {len(fuzzy)} fuzzy, e.g. {fuzzy[:5]}"
    assert len(po) > 1000  # the whole interface, not a stub


@pytest.mark.parametrize("code", TRANSLATED)
def test_placeholders_and_markup_are_those_of_the_english(code):
    wrong = []
    for entry in catalogue(code).translated_entries():
        for source, text in _translations(entry):
            if entry.msgid_plural:
                # A language's first form may serve 21 as well as 1, so it may print the
                # count the English singular leaves out; it needs what the singular needs.
                allowed = set(_placeholders(entry.msgid)) | set(_placeholders(entry.msgid_plural))
                found = set(_placeholders(text))
                ok = set(_placeholders(entry.msgid)) <= found <= allowed
            else:
                ok = _placeholders(text) == _placeholders(source)
            if not ok:
                wrong.append(f"{_label(entry)}: {text!r}")
            if Counter(TAG.findall(source)) != Counter(TAG.findall(text)):
                wrong.append(f"{_label(entry)} (markup): {text!r}")
    assert not wrong, f"{code}: " + "\n".join(wrong[:10])


@pytest.mark.parametrize("code", TRANSLATED)
def test_plural_forms_match_the_language(code):
    po = catalogue(code)
    expected = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"])[1])
    short = [
        _label(entry)
        for entry in po
        if entry.msgid_plural and sorted(entry.msgstr_plural) != list(range(expected))
    ]
    assert not short, f"{code}: plural entries without {expected} forms: {short[:5]}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_catalogue_names_its_language(code):
    assert catalogue(code).metadata["Language"] == to_locale(code)


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_compiled_catalogue_is_current(code):
    # `make install`/`make test` compile locale/*.po; a stale .mo shows old translations.
    compiled = LOCALE_DIR / to_locale(code) / "LC_MESSAGES" / "django.mo"
    assert compiled.exists(), f"{compiled} is missing: run `make translations`"
    messages = {_key(entry): _text(entry) for entry in polib.mofile(str(compiled))}
    source = {_key(entry): _text(entry) for entry in catalogue(code).translated_entries()}
    assert messages == source, "the .mo is older than the .po: run `make translations`"
