import re

import pytest
from django.core import mail
from django.urls import reverse

from events.models import MaterialRequest
from tests.events.factories import (
    ClusterFactory,
    EventFactory,
    MaterialFactory,
    material_request_data,
)

# Emails are queued on commit: the transactional database makes on_commit fire.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def on_request_material():
    organiser = ClusterFactory(contact_email="events@clm.example")
    event = EventFactory(title="Final Event", slug="final-event", organiser=organiser)
    MaterialFactory(event=event, title="Programme")
    return MaterialFactory(event=event, title="Afternoon slides", file=None, on_request=True)


def post(client, material, data, slug=None):
    return client.post(reverse("events:request", args=[slug or material.event.slug]), data)


def test_request_is_saved_staff_emailed_and_requester_acknowledged(
    client, on_request_material, settings
):
    response = post(client, on_request_material, material_request_data(on_request_material))
    assert response.status_code == 302
    assert response["Location"] == "/events/final-event/"
    saved = MaterialRequest.objects.get()
    assert (saved.material, saved.email, saved.status) == (
        on_request_material,
        "ada@example.com",
        MaterialRequest.Status.NEW,
    )
    staff, acknowledgement = sorted(mail.outbox, key=lambda message: len(message.to), reverse=True)
    assert staff.to == [settings.SECRETARIAT_EMAIL, "events@clm.example"]
    assert staff.reply_to == ["ada@example.com"]
    assert "Afternoon slides" in staff.subject
    assert "Example SME" in staff.body and f"/materialrequest/{saved.pk}/change/" in staff.body
    assert acknowledgement.to == ["ada@example.com"]
    assert "Dear Ada Requester" in acknowledgement.body
    followed = client.get(response["Location"])
    assert "has been sent to the secretariat" in followed.content.decode()


def test_emails_are_queued_off_the_request_path(client, on_request_material, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    response = post(client, on_request_material, material_request_data(on_request_material))
    assert response.status_code == 302
    assert mail.outbox == []  # nothing is sent inside the request
    assert DBTaskResult.objects.count() == 2  # the worker sends (and retries) them
    assert MaterialRequest.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"consent": ""}, "consent"),
        ({"email": "not-an-email"}, "email"),
        ({"name": ""}, "name"),
        ({"name": "x" * 5000}, "name"),
        ({"purpose": "x" * 5000}, "purpose"),
        ({"name": "Ada\x00"}, "name"),
        ({"material": "abc"}, "material"),
        ({"material": "99999999999999999999"}, "material"),
    ],
)
def test_invalid_requests_show_errors_and_save_nothing(client, on_request_material, changes, field):
    response = post(
        client, on_request_material, material_request_data(on_request_material, **changes)
    )
    # The event page again, at the form (see test_failed_request_lands_on_the_form).
    assert response.status_code == 200
    assert field in response.context["request_form"].errors
    assert "Please correct the errors below." in response.content.decode()
    assert MaterialRequest.objects.count() == 0
    assert mail.outbox == []


def test_only_on_request_materials_of_this_event_can_be_requested(client, on_request_material):
    file_material = on_request_material.event.materials.exclude(on_request=True).get()
    other = MaterialFactory(file=None, on_request=True)
    for material in (file_material, other):
        response = post(client, on_request_material, material_request_data(material))
        assert response.status_code == 200
        assert "material" in response.context["request_form"].errors
    assert MaterialRequest.objects.count() == 0


def test_honeypot_refuses_bots(client, on_request_material):
    data = material_request_data(on_request_material, website_url="http://spam.example")
    response = post(client, on_request_material, data)
    assert response.status_code == 200
    assert "website_url" in response.context["request_form"].errors
    assert MaterialRequest.objects.count() == 0
    assert mail.outbox == []


def test_honeypot_is_hidden_from_people_and_screen_readers(client, on_request_material):
    content = client.get(on_request_material.event.get_absolute_url()).content.decode()
    assert '<div class="honeypot" aria-hidden="true">' in content
    assert 'name="website_url"' in content


def test_requests_are_rate_limited_per_ip(client, on_request_material):
    for _ in range(5):
        assert (
            post(
                client, on_request_material, material_request_data(on_request_material)
            ).status_code
            == 302
        )
    response = post(client, on_request_material, material_request_data(on_request_material))
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
    assert MaterialRequest.objects.count() == 5


def test_requests_for_unknown_draft_or_requestless_events_are_404(client):
    assert client.post("/events/nothing/request/", {}).status_code == 404
    plain = EventFactory()
    MaterialFactory(event=plain)
    assert client.post(f"/events/{plain.slug}/request/", {}).status_code == 404
    draft = MaterialFactory(event=EventFactory(status="draft"), file=None, on_request=True)
    assert post(client, draft, material_request_data(draft)).status_code == 404


def test_reopening_the_request_url_goes_back_to_the_form(client, on_request_material):
    # After a failed request the browser shows .../request/: reopening it is no 405.
    url = reverse("events:request", args=[on_request_material.event.slug])
    for method in (client.get, client.head):
        response = method(url)
        assert response.status_code == 302
        assert response["Location"] == "/events/final-event/#request"
    assert client.put(url).status_code == 405
    assert client.options(url).status_code == 405
    assert MaterialRequest.objects.count() == 0


def two_on_request(on_request_material):
    return MaterialFactory(
        event=on_request_material.event, title="Morning slides", file=None, on_request=True
    )


def test_failed_request_lands_on_the_form_with_the_first_error_focused(client, on_request_material):
    data = material_request_data(on_request_material, name="", email="not-an-email")
    response = post(client, on_request_material, data)
    # The event page itself (no redirect to an address that answers 405), with a form
    # that posts to ...#request so the browser lands on it.
    assert response.status_code == 200
    content = response.content.decode()
    assert 'action="/events/final-event/request/#request"' in content
    assert '<section aria-labelledby="request-title"' in content and 'id="request"' in content
    # The wrong fields say so to assistive technology; the first of them (what events.js
    # focuses) is the name, and the honeypot is never marked.
    invalid = re.findall(r'<(?:input|select|textarea)[^>]*aria-invalid="true"[^>]*>', content)
    assert [re.search(r'name="(\w+)"', tag).group(1) for tag in invalid] == ["name", "email"]
    assert 'aria-describedby="id_name_error"' in invalid[0]
    assert 'id="id_name_error"' in content and 'id="id_email_error"' in content
    # What was typed is kept.
    assert 'value="not-an-email"' in content
    assert MaterialRequest.objects.count() == 0


def test_missing_consent_focuses_the_checkbox(client, on_request_material):
    response = post(
        client, on_request_material, material_request_data(on_request_material, consent="")
    )
    content = response.content.decode()
    invalid = re.findall(r'<(?:input|select|textarea)[^>]*aria-invalid="true"[^>]*>', content)
    assert len(invalid) == 1 and invalid[0].startswith('<input type="checkbox"')
    assert 'aria-describedby="id_consent_error"' in invalid[0]
    assert 'id="id_consent_error"' in content


def test_material_select_starts_with_an_empty_choice(client, on_request_material):
    two_on_request(on_request_material)
    content = client.get(on_request_material.event.get_absolute_url()).content.decode()
    select = re.search(r'<select name="material".*?</select>', content, re.S).group(0)
    options = re.findall(r"<option[^>]*>[^<]*</option>", select)
    assert options[0] == '<option value="" selected>Choose a material</option>'
    assert len(options) == 3
    # Sending the empty choice is an error on the field, not a crash.
    response = post(
        client, on_request_material, material_request_data(on_request_material, material="")
    )
    assert "material" in response.context["request_form"].errors


def test_on_request_link_preselects_that_material(client, on_request_material):
    morning = two_on_request(on_request_material)
    url = on_request_material.event.get_absolute_url()
    content = client.get(url).content.decode()
    assert f'href="?material={morning.pk}#request"' in content
    assert f'href="?material={on_request_material.pk}#request"' in content
    chosen = client.get(url, {"material": morning.pk})
    assert chosen.status_code == 200
    assert f'<option value="{morning.pk}" selected>' in chosen.content.decode()
    assert '<option value="" selected>' not in chosen.content.decode()
    # Unknown, foreign or junk values preselect nothing and never fail.
    other = MaterialFactory(file=None, on_request=True)
    for value in (str(other.pk), "abc", "9" * 40, "-1", "", "²", "٣"):
        response = client.get(url, {"material": value})
        assert response.status_code == 200
        assert '<option value="" selected>' in response.content.decode(), value


def test_line_breaks_in_single_line_fields_never_reach_the_emails(
    client, on_request_material, settings
):
    data = material_request_data(
        on_request_material,
        name="Ada\r\nBcc: victim@example.com",
        organisation="Example\tSME\x0b",
    )
    response = post(client, on_request_material, data)
    assert response.status_code == 302
    saved = MaterialRequest.objects.get()
    assert saved.name == "Ada Bcc: victim@example.com"
    assert saved.organisation == "Example SME"
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert "victim@example.com" not in message.to + message.cc + message.bcc


def test_email_with_a_line_break_is_refused(client, on_request_material):
    data = material_request_data(on_request_material, email="ada@example.com\nBcc: x@evil.test")
    response = post(client, on_request_material, data)
    assert response.status_code == 200
    assert "email" in response.context["request_form"].errors
    assert MaterialRequest.objects.count() == 0


def test_material_title_with_a_line_break_still_notifies_staff(client, on_request_material):
    # Saved before single-line cleaning existed (or by a bulk import): the subject is
    # put on one line when the email is queued, so the notification goes out.
    type(on_request_material).objects.filter(pk=on_request_material.pk).update(
        title="Afternoon\r\nslides"
    )
    response = post(client, on_request_material, material_request_data(on_request_material))
    assert response.status_code == 302
    subjects = sorted(message.subject for message in mail.outbox)
    assert len(subjects) == 2
    assert all("\n" not in subject and "\r" not in subject for subject in subjects)
    assert "Material request: Afternoon slides" in subjects
