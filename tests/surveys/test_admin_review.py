"""The admin review page's "Mark as spam" button asks for confirmation first."""

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

from .factories import SubmissionFactory

pytestmark = pytest.mark.django_db


def test_mark_as_spam_button_confirms_with_a_script_the_review_page_loads(admin_client):
    submission = SubmissionFactory()
    response = admin_client.get(reverse("admin:surveys_submission_review", args=[submission.pk]))
    page = response.content.decode()
    assert 'data-confirm="Mark this submission as spam?"' in page
    script = static("js/site.js")
    assert f'<script src="{script}" defer></script>' in page
    with open(finders.find("js/site.js"), encoding="utf-8") as handle:
        source = handle.read()
    assert "[data-confirm]" in source and "window.confirm" in source
