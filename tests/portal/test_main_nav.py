"""The header's navigation, written by `{% main_nav %}`: the markup of the per-item include
it replaced, in every language, with the current section marked."""

import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from portal.templatetags.portal_tags import MAIN_NAV

pytestmark = pytest.mark.django_db

# templates/includes/nav_item.html, as it was, included once per item.
REPLACED_INCLUDE = (
    "{% if exact and request.path == url or not exact and url and url in request.path %}\n"
    '<li class="nav-item"><a class="nav-link active" aria-current="page" href="{{ url }}">'
    "{{ label }}</a></li>\n"
    "{% else %}\n"
    '<li class="nav-item"><a class="nav-link" href="{{ url }}">{{ label }}</a></li>\n'
    "{% endif %}\n"
)


def _normalised(html):
    return re.sub(r"\s+", " ", html).strip()


def _with_the_include(request):
    items = []
    for name, label, exact in MAIN_NAV:
        values = {"request": request, "url": reverse(name), "label": label, "exact": exact}
        items.append(Template(REPLACED_INCLUDE).render(Context(values)))
    return "".join(items)


def _with_the_tag(request):
    return Template("{% load portal_tags %}{% main_nav %}").render(Context({"request": request}))


@pytest.mark.parametrize("language", ["en", "it", "el", "sr-latn"])
@pytest.mark.parametrize(
    "path", ["/", "/about/", "/directory/", "/directory/a-company/", "/events/2026/", "/nowhere/"]
)
def test_the_navigation_is_the_markup_of_the_include_it_replaced(language, path):
    with translation.override(language):
        prefix = "" if language == "en" else f"/{language}"
        request = RequestFactory().get(prefix + path)
        assert _normalised(_with_the_tag(request)) == _normalised(_with_the_include(request))


def test_the_current_section_is_marked_and_home_only_on_its_own_path():
    with translation.override("it"):
        directory = reverse("clusters:directory")
        profile = _with_the_tag(RequestFactory().get(directory + "x-company/"))
        home = _with_the_tag(RequestFactory().get(reverse("portal:home")))
    active = re.compile(r'class="nav-link active" aria-current="page" href="([^"]+)"')
    assert active.findall(profile) == [directory]
    assert active.findall(home) == ["/it/"]
    assert "Questionario" in home  # labels in the page's language
