"""core.languages.country_name: django-countries' names, kept per language."""

from django.utils import translation
from django_countries import countries
from hypothesis import given
from hypothesis import strategies as st

from core import languages
from core.languages import country_name

CODES = [code for code, _name in countries]


@given(
    code=st.one_of(st.sampled_from(CODES), st.text(max_size=3)),
    language=st.sampled_from(["en", "it", "es", "bg", "el", "sr-latn"]),
)
def test_the_name_is_django_countries_in_the_active_language(code, language):
    with translation.override(language):
        for _twice in range(2):  # computed, then kept
            assert country_name(code) == str(countries.name(code))


def test_each_language_has_its_own_names_and_unknown_codes_are_not_kept():
    with translation.override("it"):
        assert country_name("DE") == "Germania"
    with translation.override("en"):
        assert country_name("DE") == "Germany"
    kept = len(languages._COUNTRY_NAMES)
    assert country_name("??") == ""
    assert len(languages._COUNTRY_NAMES) == kept
