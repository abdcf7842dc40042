import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from events.models import MaterialRequest
from tests.browser.helpers import serious_violations
from tests.events.factories import EventFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FINAL_EVENT = "/events/c2future-final-event/"


def test_visitor_reads_downloads_and_requests_then_staff_see_the_request(
    page, site, console_messages, django_user_model
):
    page.goto(site + "/events/")
    page.get_by_role("link", name="C2Future Final Event").click()
    expect(page).to_have_url(re.compile(FINAL_EVENT + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("C2Future Final Event")
    expect(page.locator(".event-when")).to_contain_text("Wednesday 29 June 2022, 10:00")
    expect(page.locator(".event-when")).to_contain_text("18:00")

    # The programme, by session.
    programme = page.locator("#programme")
    expect(programme.get_by_role("heading", name="Programme")).to_be_visible()
    expect(programme.get_by_role("heading", name="Morning session")).to_be_visible()
    expect(programme.get_by_role("heading", name="Afternoon session")).to_be_visible()
    expect(programme.locator(".is-placeholder").first).to_contain_text("Placeholder")

    # Download the programme PDF.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download Programme (Annex 1)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"

    # Request the on-request slides.
    form = page.locator("#request form")
    form.get_by_label("Material").select_option(label="Afternoon session presentations (Annex 3)")
    form.get_by_label("Your name").fill("Ada Visitor")
    form.get_by_label("Email").fill("ada.visitor@example.com")
    form.get_by_label("Organisation").fill("Example SME (demo)")
    form.get_by_label("What will you use it for?").fill("Preparing a market study.")
    form.get_by_label("I agree").check()
    form.get_by_role("button", name="Send the request").click()
    expect(page.locator(".messages")).to_contain_text("has been sent to the secretariat")
    assert MaterialRequest.objects.get().material.title.startswith("Afternoon session")
    recipients = [message.to for message in mail.outbox]
    assert len(recipients) == 2 and ["ada.visitor@example.com"] in recipients
    assert console_messages == []

    # Staff log in through the admin login form and find the request in the queue.
    django_user_model.objects.create_superuser("staff", "staff@example.com", "a-long-pass-123")
    page.goto(site + "/admin/")
    page.get_by_label("Username").fill("staff")
    page.get_by_label("Password").fill("a-long-pass-123")
    page.get_by_role("button", name="Log in").click()
    page.goto(site + "/admin/events/materialrequest/")
    row = page.locator("#result_list tbody tr").first
    expect(row).to_contain_text("Ada Visitor")
    expect(row).to_contain_text("ada.visitor@example.com")
    expect(row).to_contain_text("Afternoon session presentations (Annex 3)")
    expect(row).to_contain_text("New")


def test_map_and_recording_make_no_third_party_request_before_a_click(
    page, live_server, console_messages
):
    event = EventFactory(
        recording_url="https://www.youtube.com/watch?v=abcDEF12345",
        latitude="45.464000",
        longitude="9.190000",
    )
    third_party = []
    page.on(
        "request",
        lambda request: (
            third_party.append(request.url) if not request.url.startswith(live_server.url) else None
        ),
    )
    # Answer the player locally: the test must not depend on the network.
    page.route(
        "https://www.youtube-nocookie.com/**",
        lambda route: route.fulfill(
            body="<html><body>player</body></html>", content_type="text/html"
        ),
    )
    page.goto(live_server.url + event.get_absolute_url())
    expect(page.locator(".recording-placeholder")).to_be_visible()
    expect(page.locator("#event-map .leaflet-interactive")).to_have_count(1)
    assert page.locator("iframe").count() == 0
    assert third_party == []
    page.get_by_role("button", name="Load and play the recording").click()
    frame = page.locator("iframe.recording-frame")
    expect(frame).to_have_attribute("src", "https://www.youtube-nocookie.com/embed/abcDEF12345")
    expect(page.locator(".recording-placeholder")).to_have_count(0)
    assert console_messages == []


@pytest.mark.parametrize(
    "path", ["/events/", FINAL_EVENT, "/speakers/sergio-augusto-chan-peniche/"]
)
def test_no_serious_accessibility_violations(page, site, axe, path):
    page.goto(site + path)
    assert serious_violations(axe.run(page)) == []


def test_failed_request_lands_on_the_form_with_focus_on_the_first_error(page, site):
    page.goto(site + FINAL_EVENT)
    # "On request" beside a material preselects it in the form.
    page.locator("#materials a[href^='?material=']", has_text="presentations (Annex 3)").click()
    expect(page).to_have_url(re.compile(r"\?material=\d+#request$"))
    form = page.locator("#request form")
    expect(form.get_by_label("Material")).to_have_value(
        re.compile(r"^\d+$")
    )  # not the empty choice
    selected = form.get_by_label("Material").evaluate("select => select.selectedOptions[0].text")
    assert selected == "Afternoon session presentations (Annex 3)"

    form.get_by_label("Email").fill("not-an-email")
    form.get_by_role("button", name="Send the request").click()
    expect(page).to_have_url(re.compile(r"/request/#request$"))
    expect(page.locator("#request .alert-danger")).to_contain_text("Please correct the errors")
    # The first wrong field (the name) has the focus; the form is in view.
    expect(page.locator("#id_name")).to_be_focused()
    expect(page.locator("#request")).to_be_in_viewport()
    expect(form.get_by_label("Email")).to_have_value("not-an-email")

    # Reopening that address (a new tab, a bookmark) goes back to the form, not to a 405.
    reopened = page.context.new_page()
    response = reopened.goto(page.url)
    assert response.status == 200
    expect(reopened).to_have_url(re.compile(FINAL_EVENT + "#request$"))
    expect(reopened.locator("#request form")).to_be_visible()
