"""The header's language switcher, written by `{% language_switcher %}`: the markup of the
include it replaced, in every language and for pages with and without a query."""

import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from core.languages import language_versions

pytestmark = pytest.mark.django_db

# templates/includes/language_switcher.html, as it was.
REPLACED_INCLUDE = """{% load i18n %}
<details class="language-switcher ms-lg-3 mt-2 mt-lg-0">
  {% for version in language_versions %}{% if version.current %}
  <summary class="btn btn-sm btn-outline-secondary" aria-label="{% blocktranslate trimmed \
with language=version.name %}
    Language: {{ language }}. Choose another language{% endblocktranslate %}">
    <span lang="{{ version.code }}">{{ version.name|capfirst }}</span>
  </summary>
  {% endif %}{% endfor %}
  <ul class="language-switcher-menu list-unstyled">
    {% for version in language_versions %}
    <li><a href="{{ version.switch_url }}" hreflang="{{ version.code }}" lang="{{ version.code }}"
      {% if version.current %}aria-current="true"{% endif %}>{{ version.name|capfirst }}</a></li>
    {% endfor %}
  </ul>
</details>
"""


def _normalised(html):
    # Whitespace between attributes and before ">" is the same markup to a browser, and so
    # is an apostrophe the tag escapes in the label (the include left translations raw).
    html = html.replace("&#x27;", "'")
    return re.sub(r"\s+>", ">", re.sub(r"\s+", " ", html)).strip()


def _render(source, path):
    request = RequestFactory().get(path)
    context = Context({"request": request, "language_versions": language_versions(request)})
    return Template(source).render(context)


@pytest.mark.parametrize("language", ["en", "it", "es", "bg", "el", "sr-latn"])
@pytest.mark.parametrize(
    "path", ["/", "/directory/?q=parking&country=IT", "/events/2026/", '/nowhere/?a=<b>&c="d"']
)
def test_the_switcher_is_the_markup_of_the_include_it_replaced(language, path):
    with translation.override(language):
        prefix = "" if language == "en" else f"/{language}"
        tag = _render("{% load portal_tags %}{% language_switcher %}", prefix + path)
        include = _render(REPLACED_INCLUDE, prefix + path)
    assert _normalised(tag) == _normalised(include)
    assert tag.count("<li>") == 6 and tag.count('aria-current="true"') == 1


def test_the_button_is_labelled_in_the_page_language():
    with translation.override("it"):
        html = _render("{% load portal_tags %}{% language_switcher %}", "/it/directory/")
    assert 'aria-label="Lingua: italiano. Scelga un&#x27;altra lingua"' in html
    assert '<span lang="it">Italiano</span>' in html
