"""Curators in the admin review: "Mark as spam" asks first, in a real browser."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from surveys.models import Submission
from tests.surveys.factories import SubmissionFactory

pytestmark = pytest.mark.browser

PASSWORD = "Vision-Zero-2022!"


def _sign_in(page, site):
    page.goto(site + "/admin/login/")
    page.get_by_label("Username").fill("curator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#logout-form")).to_be_attached()  # signed in


def test_mark_as_spam_asks_first_and_dismissing_keeps_the_submission(
    page, site, django_user_model, console_messages
):
    django_user_model.objects.create_superuser("curator", "c@example.org", PASSWORD)
    submission = SubmissionFactory(status=Submission.Status.SUBMITTED)
    _sign_in(page, site)
    page.goto(site + reverse("admin:surveys_submission_review", args=[submission.pk]))

    dialogs = []

    def dismiss(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.get_by_role("button", name="Mark as spam").click()
    # The click was cancelled: still on the review page, nothing changed.
    expect(page.get_by_role("button", name="Mark as spam")).to_be_visible()
    assert dialogs == ["Mark this submission as spam?"]
    submission.refresh_from_db()
    assert submission.status == Submission.Status.SUBMITTED

    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        page.get_by_role("button", name="Mark as spam").click()
    expect(page.get_by_text("Marked as spam.")).to_be_visible()
    submission.refresh_from_db()
    assert submission.status == Submission.Status.SPAM
    assert console_messages == []
