"""Every upload field staff can use checks content (core.validators): documents by their
bytes, images re-encoded without metadata. Checked through each admin's own form."""

import io

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from PIL import Image

from clusters.models import Company
from events.forms import EventAdminForm, MaterialAdminForm, SpeakerAdminForm
from events.models import Event, Material
from tests.clusters.factories import CompanyFactory, UserFactory
from tests.core.test_validators import (
    MINIMAL_PDF,
    _jpeg_with_metadata,
    _png_header_claiming,
    make_pptx,
)
from tests.events.factories import EventFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

HTML_AS_PDF = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def assert_clean_jpeg(stored):
    stored.seek(0)
    data = stored.read()
    assert b"SecretCameraMaker" not in data
    assert b"secret comment" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif()


# ---- Event materials -----------------------------------------------------------------------


def material_form(event, file):
    data = {"event": event.pk, "title": "Programme", "kind": Material.Kind.PROGRAMME}
    data.update({"position": 0, "external_url": ""})
    return MaterialAdminForm(data=data, files={"file": file})


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("programme.pdf", MINIMAL_PDF, "application/pdf"),
        (
            "slides.pptx",
            make_pptx(),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
    ],
)
def test_material_upload_accepts_real_documents(name, data, content_type):
    form = material_form(EventFactory(), upload(name, data))
    assert form.is_valid(), form.errors
    material = form.save()
    assert material.content_type == content_type
    assert material.file_size == len(data)


@pytest.mark.parametrize(
    ("name", "data"),
    [("programme.pdf", HTML_AS_PDF), ("logo.pdf", SVG), ("notes.pptx", b"PK\x03\x04broken")],
)
def test_material_upload_refuses_disguised_files(name, data):
    form = material_form(EventFactory(), upload(name, data, "application/pdf"))
    assert not form.is_valid()
    assert "whatever its name says" in str(form.errors["file"])


# ---- Images on events and speakers ---------------------------------------------------------


def form_data(unbound, skip):
    """POST data reproducing an unbound form's current values (minus the upload field)."""
    data = {}
    for name in unbound.fields:
        value = unbound[name].value()
        if value is None or name == skip:
            continue
        if isinstance(value, list | tuple):
            value = [item.pk if hasattr(item, "pk") else item for item in value]
        data[name] = value
    return data


def event_form_data(event):
    return form_data(EventAdminForm(instance=event), skip="cover_image")


def test_event_cover_image_is_reencoded_without_metadata():
    event = EventFactory(status=Event.Status.DRAFT)
    form = EventAdminForm(
        data=event_form_data(event),
        files={"cover_image": upload("cover.jpg", _jpeg_with_metadata(), "image/jpeg")},
        instance=event,
    )
    assert form.is_valid(), form.errors
    saved = form.save()
    assert_clean_jpeg(saved.cover_image)


@pytest.mark.parametrize(
    "data", [SVG, HTML_AS_PDF, _png_header_claiming(20000, 20000)], ids=["svg", "html", "bomb"]
)
def test_event_cover_image_refuses_non_images_and_bombs(data):
    event = EventFactory(status=Event.Status.DRAFT)
    form = EventAdminForm(
        data=event_form_data(event),
        files={"cover_image": upload("cover.png", data, "image/png")},
        instance=event,
    )
    assert not form.is_valid()
    assert "cover_image" in form.errors


def test_speaker_photo_is_reencoded_and_svg_refused():
    speaker = SpeakerFactory()
    data = {"name": speaker.name, "slug": speaker.slug, "role": "", "organisation": ""}
    data.update({"country": "", "bio": ""})
    form = SpeakerAdminForm(
        data=data,
        files={"photo": upload("me.jpg", _jpeg_with_metadata(), "image/jpeg")},
        instance=speaker,
    )
    assert form.is_valid(), form.errors
    assert_clean_jpeg(form.save().photo)

    form = SpeakerAdminForm(data=data, files={"photo": upload("me.svg", SVG)}, instance=speaker)
    assert not form.is_valid()


# ---- Company logos -------------------------------------------------------------------------


def company_admin_form(company, logo):
    user = UserFactory(username="logo-curator", is_superuser=True)
    request = RequestFactory().get("/admin/")
    request.user = user
    model_admin = admin.site._registry[Company]
    form_class = model_admin.get_form(request, obj=company, change=True)
    data = form_data(form_class(instance=company), skip="logo")
    return form_class(data=data, files={"logo": logo}, instance=company)


@pytest.mark.parametrize(
    "data", [SVG, HTML_AS_PDF, _png_header_claiming(20000, 20000)], ids=["svg", "html", "bomb"]
)
def test_company_logo_refuses_non_images_and_bombs(data):
    company = CompanyFactory(name="Logo Demo Srl")
    form = company_admin_form(company, upload("logo.png", data, "image/png"))
    assert not form.is_valid()
    assert "logo" in form.errors


def test_company_logo_is_reencoded_without_metadata():
    company = CompanyFactory(name="Logo Metadata Srl")
    form = company_admin_form(company, upload("logo.jpg", _jpeg_with_metadata(), "image/jpeg"))
    assert form.is_valid(), form.errors
    saved = form.save()
    assert saved.logo.name.endswith(".jpg")
    with saved.logo.open("rb") as stored:
        assert_clean_jpeg(stored)
