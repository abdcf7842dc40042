"""`{% pagination %}`: the markup of the include it replaced, for every position in a list,
with and without other query parameters, in three languages."""

import pytest
from django.core.paginator import Paginator
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.utils import translation

# templates/includes/pagination.html, as it was.
REPLACED_INCLUDE = (
    "{% load i18n %}{% if page_obj.has_other_pages %}\n"
    '<nav aria-label="{% translate \'Pagination\' %}" class="mt-4">\n'
    '  <ul class="pagination flex-wrap">\n'
    "    {% if page_obj.has_previous %}\n"
    '    <li class="page-item"><a class="page-link" '
    'href="{% querystring page=page_obj.previous_page_number %}"\n'
    '      rel="prev">{% translate "Previous" %}</a></li>\n'
    "    {% endif %}\n"
    '    <li class="page-item active" aria-current="page"><span class="page-link">\n'
    "      {% blocktranslate trimmed with number=page_obj.number "
    "total=page_obj.paginator.num_pages %}\n"
    "        Page {{ number }} of {{ total }}\n"
    "      {% endblocktranslate %}\n"
    "    </span></li>\n"
    "    {% if page_obj.has_next %}\n"
    '    <li class="page-item"><a class="page-link" '
    'href="{% querystring page=page_obj.next_page_number %}"\n'
    '      rel="next">{% translate "Next" %}</a></li>\n'
    "    {% endif %}\n"
    "  </ul>\n"
    "</nav>{% endif %}\n"
)
TAG = "{% load core_tags %}{% pagination %}"


def _render(source, query, page_obj):
    request = RequestFactory().get("/directory/", query)
    return Template(source).render(RequestContext(request, {"page_obj": page_obj}))


@pytest.mark.parametrize("language", ["en", "it", "el"])
@pytest.mark.parametrize("count", [0, 5, 12, 25, 5000])
@pytest.mark.parametrize("query", [{}, {"q": "parking & <b>", "country": ["IT", "ES"]}])
def test_the_tag_writes_the_markup_of_the_include_it_replaced(language, count, query):
    paginator = Paginator(range(count), 12)
    with translation.override(language):
        for number in sorted({1, 2, paginator.num_pages // 2 or 1, paginator.num_pages}):
            if number > paginator.num_pages:
                continue
            page_obj = paginator.page(number)
            assert _render(TAG, {**query, "page": number}, page_obj) == _render(
                REPLACED_INCLUDE, {**query, "page": number}, page_obj
            )


def test_without_a_page_object_nothing_but_the_line_break():
    assert _render(TAG, {}, None) == _render(REPLACED_INCLUDE, {}, None) == "\n"


def test_links_keep_the_other_parameters_and_are_escaped():
    page_obj = Paginator(range(30), 12).page(2)
    html = _render(TAG, {"q": "a&b", "page": 2}, page_obj)
    assert 'href="?q=a%26b&amp;page=1"' in html and 'href="?q=a%26b&amp;page=3"' in html
    assert "Page 2 of 3" in html
