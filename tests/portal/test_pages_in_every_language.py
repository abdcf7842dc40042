"""Every public page, rendered in every language, shows none of the project's English
sentences that have a translation (what a visitor reads, attributes such as aria-label and
placeholder included)."""

import html as html_module
import re
from functools import cache
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation import to_locale

from clusters.models import Cluster, Company
from events.models import Event, Speaker

TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
MIN_WORDS = 4
# Template variables and Python placeholders split a message into the parts a page shows.
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|\{\{.*?\}\}|\{[a-z_]+\}|<[^>]+>")
# The project's official name: some languages translate it in the interface, while the site
# pages' own text (content, not a message) quotes it in English as the partnership does.
PROPER_NAMES = {"Clusters for the City of the Future"}
VISIBLE_ATTRIBUTES = re.compile(r'\b(?:aria-label|placeholder|title|alt|content)="([^"]*)"')


@cache
def english_sentences(code):
    """Parts of English messages, four words or longer, that this language translates."""
    path = Path(settings.BASE_DIR) / "locale" / to_locale(code) / "LC_MESSAGES" / "django.po"
    sentences = set()
    for entry in polib.pofile(str(path)).translated_entries():
        if entry.msgid_plural:
            continue  # the page shows the form for its count; checked through the singular's words
        if entry.msgstr.strip() == entry.msgid.strip() or entry.msgid in PROPER_NAMES:
            continue  # the same in both (a proper name)
        for part in PLACEHOLDER.split(entry.msgid):
            part = " ".join(part.split()).strip(" .,:;–-")
            if len(re.findall(r"[A-Za-z]+", part)) >= MIN_WORDS:
                sentences.add(part)
    return sentences


def visible_text(page):
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    attributes = " | ".join(VISIBLE_ATTRIBUTES.findall(body))
    text = re.sub(r"<[^>]+>", " ", body)
    return " ".join(html_module.unescape(f"{text} | {attributes}").split())


def public_paths():
    company = Company.objects.filter(status=Company.Status.PUBLISHED).order_by("pk").first()
    cluster = Cluster.objects.order_by("pk").first()
    event = Event.objects.filter(status=Event.Status.PUBLISHED).order_by("-start").first()
    speaker = Speaker.objects.filter(talks__session__event=event).first()
    paths = [
        "/",
        "/about/",
        "/clusters/",
        f"/clusters/{cluster.slug}/",
        "/directory/",
        "/directory/?q=zzzznothing",
        f"/directory/?country={company.country}",
        f"/directory/{company.slug}/",
        "/skills-map/",
        "/events/",
        f"/events/{event.slug}/",
        "/questionnaire/",
        "/questionnaire/step/company/",
        "/open-data/",
        "/search/?q=energy",
        "/search/?q=zzzznothing",
        f"/embed/directory/?cluster={cluster.slug}",
        f"/embed/events/?cluster={cluster.slug}",
        "/no-such-page/",
    ]
    if speaker is not None:
        paths.append(f"/speakers/{speaker.slug}/")
    b2b = Event.objects.filter(status=Event.Status.PUBLISHED, b2b_programme__isnull=False).first()
    if b2b is not None:
        paths += [f"/events/{b2b.slug}/b2b/", f"/events/{b2b.slug}/b2b/opportunities/"]
    return paths


@pytest.mark.django_db
@pytest.mark.parametrize("code", TRANSLATED)
def test_no_english_sentence_on_any_public_page(client, demo_content, code):
    sentences = english_sentences(code)
    assert len(sentences) > 300
    leaks = {}
    for path in public_paths():
        response = client.get(f"/{code}{path}")
        assert response.status_code in (200, 404), (path, response.status_code)
        text = visible_text(response.content.decode())
        found = sorted(sentence for sentence in sentences if sentence in text)
        if found:
            leaks[path] = found[:5]
    assert not leaks, f"English on {code} pages: {leaks}"
