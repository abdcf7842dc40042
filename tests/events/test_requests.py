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
    assert response.status_code == 400
    assert field in response.context["request_form"].errors
    assert "Please correct the errors below." in response.content.decode()
    assert MaterialRequest.objects.count() == 0
    assert mail.outbox == []


def test_only_on_request_materials_of_this_event_can_be_requested(client, on_request_material):
    file_material = on_request_material.event.materials.exclude(on_request=True).get()
    other = MaterialFactory(file=None, on_request=True)
    for material in (file_material, other):
        response = post(client, on_request_material, material_request_data(material))
        assert response.status_code == 400
    assert MaterialRequest.objects.count() == 0


def test_honeypot_refuses_bots(client, on_request_material):
    data = material_request_data(on_request_material, website_url="http://spam.example")
    response = post(client, on_request_material, data)
    assert response.status_code == 400
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


def test_request_url_refuses_get(client, on_request_material):
    url = reverse("events:request", args=[on_request_material.event.slug])
    assert client.get(url).status_code == 405
