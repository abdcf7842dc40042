import datetime
import importlib
import io
import zoneinfo

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from events.models import Event, Material, MaterialRequest, Speaker
from tests.events.factories import (
    PDF_BYTES,
    EventFactory,
    MaterialFactory,
    MaterialRequestFactory,
    SessionFactory,
    SpeakerFactory,
    TalkFactory,
)

pytestmark = pytest.mark.django_db

MEXICO = zoneinfo.ZoneInfo("America/Mexico_City")


def _run_group_migration():
    from django.apps import apps

    migration = importlib.import_module("events.migrations.0002_event_editor_group")
    migration.create_event_editor_group(apps, None)


@pytest.fixture
def editor(django_user_model):
    # Transactional tests elsewhere flush the tables (and this migration's rows); a reused
    # test database may therefore lack the group: recreate it the way the migration does.
    _run_group_migration()
    user = django_user_model.objects.create_user(
        "editor", "editor@example.com", "pw", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Event editor"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def event_form_data(**changes):
    # The admin edits the English column and its translations side by side.
    data = {
        "title_en": "Mobility in Mexico",
        "slug": "mobility-in-mexico",
        "kind": "webinar",
        "status": "published",
        "start_0": "2021-10-14",
        "start_1": "16:00:00",
        "end_0": "2021-10-14",
        "end_1": "17:30:00",
        "time_zone": "America/Mexico_City",
        "is_online": "on",
        "language": "en",
    }
    for prefix in ("sessions", "materials"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(changes)
    return data


def with_material(data, **fields):
    data = {**data, "materials-TOTAL_FORMS": "1"}
    defaults = {"title_en": "Programme", "kind": "programme", "position": "0", "external_url": ""}
    data.update({f"materials-0-{key}": value for key, value in {**defaults, **fields}.items()})
    return data


def test_event_editor_group_migration_works_on_a_fresh_database():
    # A fresh database has no permissions yet when migrations run.
    Group.objects.filter(name="Event editor").delete()
    Permission.objects.filter(content_type__app_label="events").delete()
    _run_group_migration()
    group = Group.objects.get(name="Event editor")
    expected = Permission.objects.filter(content_type__app_label="events")
    assert expected.count() == 24  # 6 models × add/change/delete/view
    assert set(group.permissions.all()) == set(expected)


def test_event_editor_can_change_events(editor_client, editor):
    event = EventFactory()
    assert editor_client.get(reverse("admin:events_event_changelist")).status_code == 200
    assert (
        editor_client.get(reverse("admin:events_event_change", args=[event.pk])).status_code == 200
    )
    assert editor_client.get(reverse("admin:events_materialrequest_changelist")).status_code == 200
    assert editor.has_perm("events.change_event")
    response = editor_client.post(
        reverse("admin:events_event_change", args=[event.pk]),
        event_form_data(title_en="Renamed by the editor", slug=event.slug),
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Renamed by the editor"


def test_event_editor_cannot_open_clusters_or_surveys_admin(editor_client, editor):
    for app_label in ("clusters", "surveys", "auth"):
        assert not editor.has_module_perms(app_label)
        assert editor_client.get(f"/admin/{app_label}/").status_code in (403, 404)
        for model in admin.site._registry:
            if model._meta.app_label == app_label:
                url = reverse(f"admin:{app_label}_{model._meta.model_name}_changelist")
                assert editor_client.get(url).status_code == 403, url
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_admin_times_are_entered_in_the_event_time_zone(admin_client):
    response = admin_client.post(reverse("admin:events_event_add"), event_form_data())
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get(slug="mobility-in-mexico")
    assert event.start == datetime.datetime(2021, 10, 14, 16, tzinfo=MEXICO)
    change = admin_client.get(reverse("admin:events_event_change", args=[event.pk]))
    assert 'value="16:00:00"' in change.content.decode()


def test_session_times_are_entered_in_the_event_time_zone(admin_client):
    data = event_form_data(
        **{
            "sessions-TOTAL_FORMS": "1",
            "sessions-0-title_en": "Keynote",
            "sessions-0-start_0": "2021-10-14",
            "sessions-0-start_1": "16:00:00",
            "sessions-0-position": "0",
        }
    )
    response = admin_client.post(reverse("admin:events_event_add"), data)
    assert response.status_code == 302
    session = Event.objects.get().sessions.get()
    assert session.start == datetime.datetime(2021, 10, 14, 16, tzinfo=MEXICO)
    changelist = admin_client.get(reverse("admin:events_event_changelist")).content.decode()
    assert "2021-10-14 16:00 CDT" in changelist


def test_talk_times_on_the_session_page_use_the_event_time_zone(admin_client):
    event = EventFactory(
        time_zone="America/Mexico_City",
        start=datetime.datetime(2021, 10, 14, 9, tzinfo=MEXICO),
    )
    session = SessionFactory(event=event, title="Morning")
    url = reverse("admin:events_session_change", args=[session.pk])
    data = {
        "event": str(event.pk),
        "title_en": "Morning",
        "start_0": "2021-10-14",
        "start_1": "09:00:00",
        "position": "0",
        "talks-TOTAL_FORMS": "1",
        "talks-INITIAL_FORMS": "0",
        "talks-MIN_NUM_FORMS": "0",
        "talks-MAX_NUM_FORMS": "1000",
        "talks-0-title_en": "Opening",
        "talks-0-start_0": "2021-10-14",
        "talks-0-start_1": "09:15:00",
        "talks-0-position": "0",
    }
    assert admin_client.post(url, data).status_code == 302
    session.refresh_from_db()
    assert session.start == datetime.datetime(2021, 10, 14, 9, tzinfo=MEXICO)
    assert session.talks.get().start == datetime.datetime(2021, 10, 14, 9, 15, tzinfo=MEXICO)
    assert 'value="09:15:00"' in admin_client.get(url).content.decode()


def test_admin_refuses_an_event_ending_before_it_starts(admin_client):
    response = admin_client.post(
        reverse("admin:events_event_add"), event_form_data(end_1="15:00:00")
    )
    assert response.status_code == 200
    assert "The event cannot end before it starts." in response.content.decode()
    assert not Event.objects.exists()


def test_admin_refuses_the_reserved_feed_slug(admin_client):
    response = admin_client.post(reverse("admin:events_event_add"), event_form_data(slug="feed"))
    assert "This slug is reserved" in response.content.decode()


def test_uploaded_document_is_checked_by_content(admin_client):
    fake = SimpleUploadedFile("slides.pdf", b"<html><script>alert(1)</script></html>")
    data = with_material(event_form_data(), file=fake)
    response = admin_client.post(reverse("admin:events_event_add"), data)
    assert response.status_code == 200
    assert "whatever its name says" in response.content.decode()
    assert not Material.objects.exists()


def test_uploaded_document_stores_type_size_and_a_safe_name(admin_client):
    upload = SimpleUploadedFile("../Programme (final)!.PDF", PDF_BYTES)
    data = with_material(event_form_data(), file=upload)
    response = admin_client.post(reverse("admin:events_event_add"), data)
    assert response.status_code == 302
    material = Material.objects.get()
    assert material.content_type == "application/pdf"
    assert material.file_size == len(PDF_BYTES)
    assert material.file.name.startswith("events/materials/Programme-final")
    assert material.file.name.endswith(".pdf")


def test_material_needs_exactly_one_source_in_the_admin(admin_client):
    data = with_material(event_form_data())  # no file, no link, not on request
    response = admin_client.post(reverse("admin:events_event_add"), data)
    assert "Choose exactly one" in response.content.decode()


def _png(size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, format="PNG")
    return buffer.getvalue()


def speaker_data(**changes):
    return {"name": "Ada Lovelace", "slug": "ada-lovelace", "country": "", **changes}


def test_speaker_photo_is_reencoded(admin_client):
    photo = SimpleUploadedFile("me.png", _png(), content_type="image/png")
    response = admin_client.post(reverse("admin:events_speaker_add"), speaker_data(photo=photo))
    assert response.status_code == 302
    speaker = Speaker.objects.get()
    with Image.open(speaker.photo) as image:
        assert image.format == "PNG" and image.size == (40, 30)


def test_speaker_photo_that_is_not_an_image_is_refused(admin_client):
    photo = SimpleUploadedFile("me.png", b"<svg onload=alert(1)>", content_type="image/png")
    response = admin_client.post(reverse("admin:events_speaker_add"), speaker_data(photo=photo))
    assert response.status_code == 200
    assert not Speaker.objects.exists()


def test_duplicate_event_copies_programme_and_materials_as_a_draft(admin_client):
    event = EventFactory(slug="final-event")
    session = SessionFactory(event=event, title="Morning")
    speaker = SpeakerFactory()
    TalkFactory(session=session, title="Opening", speakers=[speaker])
    MaterialFactory(event=event, session=session, title="Slides", download_count=7)
    MaterialRequestFactory(material=MaterialFactory(event=event, file=None, on_request=True))
    response = admin_client.post(
        reverse("admin:events_event_changelist"),
        {"action": "duplicate_events", "_selected_action": [event.pk]},
    )
    assert response.status_code == 302
    copy = Event.objects.exclude(pk=event.pk).get()
    assert copy.status == Event.Status.DRAFT
    assert copy.slug == "final-event-copy"
    copied_session = copy.sessions.get()
    assert copied_session.title == "Morning"
    assert list(copied_session.talks.get().speakers.all()) == [speaker]
    slides = copy.materials.get(title="Slides")
    assert slides.session == copied_session and slides.download_count == 0
    assert slides.file.name == event.materials.get(title="Slides").file.name
    assert MaterialRequest.objects.filter(material__event=copy).count() == 0
    # The original is untouched.
    assert event.sessions.count() == 1 and event.materials.count() == 2


def test_duplicating_twice_gives_unique_slugs(admin_client):
    event = EventFactory(slug="webinar")
    for _ in range(2):
        admin_client.post(
            reverse("admin:events_event_changelist"),
            {"action": "duplicate_events", "_selected_action": [event.pk]},
        )
    assert Event.objects.filter(slug__startswith="webinar-copy").count() == 2


def test_request_queue_shows_requester_and_marks_who_handled_it(admin_client, admin_user):
    request = MaterialRequestFactory(name="Ada Requester", organisation="Example SME")
    changelist = reverse("admin:events_materialrequest_changelist")
    content = admin_client.get(changelist).content.decode()
    assert "Ada Requester" in content and "Example SME" in content and "ada@example.com" in content
    admin_client.post(changelist, {"action": "mark_sent", "_selected_action": [request.pk]})
    request.refresh_from_db()
    assert request.status == MaterialRequest.Status.SENT
    assert request.handled_by == admin_user
    assert request.handled_at is not None


def test_request_can_be_declined(admin_client, admin_user):
    request = MaterialRequestFactory()
    admin_client.post(
        reverse("admin:events_materialrequest_changelist"),
        {"action": "mark_declined", "_selected_action": [request.pk]},
    )
    request.refresh_from_db()
    assert (request.status, request.handled_by) == (MaterialRequest.Status.DECLINED, admin_user)


def test_admin_change_pages_render(admin_client):
    event = EventFactory()
    session = SessionFactory(event=event)
    TalkFactory(session=session)
    MaterialFactory(event=event)
    request = MaterialRequestFactory(material__event=event)
    for url in [
        reverse("admin:events_event_change", args=[event.pk]),
        reverse("admin:events_session_change", args=[session.pk]),
        reverse("admin:events_speaker_add"),
        reverse("admin:events_materialrequest_change", args=[request.pk]),
        reverse("admin:events_event_changelist") + "?q=event",
    ]:
        assert admin_client.get(url).status_code == 200, url


def test_admin_edit_and_publish_are_calendar_revisions(admin_client):
    response = admin_client.post(reverse("admin:events_event_add"), event_form_data())
    assert response.status_code == 302
    event = Event.objects.get(slug="mobility-in-mexico")
    assert event.sequence == 0
    response = admin_client.post(
        reverse("admin:events_event_changelist"),
        {"action": "unpublish", "_selected_action": [event.pk]},
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.sequence == 1 and event.changed_at is not None
    change = admin_client.get(reverse("admin:events_event_change", args=[event.pk]))
    content = change.content.decode()
    assert str(event.uid) in content  # shown read-only in History
