"""`{% once_per_language %}`: the shell's static pieces are rendered once per language and
are the same markup whatever page first rendered them."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.utils import translation

from core.templatetags import shell_tags

PAGES = ["/", "/directory/?q=parking", "/events/", "/about/", "/search/?q=x", "/nowhere/"]


@pytest.fixture
def empty_store():
    shell_tags._kept.clear()
    yield
    shell_tags._kept.clear()


def _page(client, path):
    return client.get(path, HTTP_ACCEPT_ENCODING="identity").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["", "/it", "/el"])
def test_every_page_is_the_same_as_with_nothing_kept(client, empty_store, language):
    fresh = {}
    for path in PAGES:
        shell_tags._kept.clear()
        fresh[path] = _page(client, language + path)
    assert shell_tags._kept  # the last page kept its pieces
    shell_tags._kept.clear()
    for path in reversed(PAGES):  # each page now gets pieces another page rendered
        assert _page(client, language + path) == fresh[path], path


@pytest.mark.django_db
def test_each_language_gets_its_own_pieces(client, empty_store):
    english, italian = _page(client, "/"), _page(client, "/it/")
    assert "Skip to main content" in english and 'action="/search/"' in english
    assert 'action="/it/search/"' in italian
    assert english.count("C2Future events (Atom)") == 1
    assert "C2Future events (Atom)" not in italian


def test_a_piece_is_rendered_once_per_language(empty_store):
    piece = Template(
        "{% load shell_tags i18n %}{% once_per_language %}{% translate 'Events' %}"
        "{{ value }}{% endonce_per_language %}"
    )
    assert piece.render(Context({"value": 1})) == "Events1"
    assert piece.render(Context({"value": 2})) == "Events1"  # kept, as the first time
    with translation.override("it"):
        assert piece.render(Context({"value": 3})) == "Eventi3"


def test_settings_changes_forget_the_pieces(empty_store, settings):
    piece = Template(
        "{% load shell_tags %}{% once_per_language %}{{ v }}{% endonce_per_language %}"
    )
    assert piece.render(Context({"v": "a"})) == "a"
    settings.SECRETARIAT_EMAIL = "changed@example.eu"
    assert piece.render(Context({"v": "b"})) == "b"


def test_two_templates_never_share_a_piece(empty_store):
    first = Template("{% load shell_tags %}{% once_per_language %}one{% endonce_per_language %}")
    second = Template("{% load shell_tags %}{% once_per_language %}two{% endonce_per_language %}")
    assert (first.render(Context()), second.render(Context())) == ("one", "two")


def test_a_block_inside_is_refused():
    with pytest.raises(TemplateSyntaxError, match="block"):
        Template(
            "{% load shell_tags %}{% once_per_language %}{% block x %}{% endblock %}"
            "{% endonce_per_language %}"
        )
