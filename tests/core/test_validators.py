"""Upload validation by content: documents, images and file names (core.validators)."""

import io
import struct
import zipfile
import zlib

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, PngImagePlugin

from core import validators
from core.validators import ImageUploadMixin, reencode_image, safe_filename, validate_document

# ---- Tiny but valid documents, built in memory -------------------------------------------

MINIMAL_PDF = (
    b"%PDF-1.4\n"
    b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
    b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n"
    b"0000000058 00000 n \n0000000115 00000 n \n"
    b"trailer << /Size 4 /Root 1 0 R >>\nstartxref\n188\n%%EOF\n"
)

CONTENT_TYPES_XML = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="{part}" ContentType="{content_type}"/>'
    "</Types>"
)


def _zip(entries, first_stored=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if first_stored:
            name, data = first_stored
            archive.writestr(name, data, compress_type=zipfile.ZIP_STORED)
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def make_pptx():
    return _zip(
        {
            "[Content_Types].xml": CONTENT_TYPES_XML.format(
                part="/ppt/presentation.xml",
                content_type="application/vnd.openxmlformats-officedocument."
                "presentationml.presentation.main+xml",
            ),
            "_rels/.rels": "<Relationships/>",
            "ppt/presentation.xml": "<p:presentation/>",
        }
    )


def make_docx():
    return _zip(
        {
            "[Content_Types].xml": CONTENT_TYPES_XML.format(
                part="/word/document.xml",
                content_type="application/vnd.openxmlformats-officedocument."
                "wordprocessingml.document.main+xml",
            ),
            "_rels/.rels": "<Relationships/>",
            "word/document.xml": "<w:document/>",
        }
    )


def make_odp():
    # ODF requires an uncompressed `mimetype` entry first in the archive.
    return _zip(
        {
            "content.xml": "<office:document-content/>",
            "META-INF/manifest.xml": "<manifest:manifest/>",
        },
        first_stored=("mimetype", "application/vnd.oasis.opendocument.presentation"),
    )


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


# ---- Documents -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("Programme (Annex 1).pdf", MINIMAL_PDF, "pdf"),
        ("slides.pptx", make_pptx(), "pptx"),
        ("minutes.docx", make_docx(), "docx"),
        ("talk.odp", make_odp(), "odp"),
    ],
)
def test_real_documents_are_accepted_and_renamed_safely(name, data, kind):
    document = upload(name, data)
    assert validate_document(document) == kind
    assert document.name.endswith(f".{kind}")
    assert " " not in document.name and "(" not in document.name
    # The validator leaves the file readable from the start for the storage.
    assert document.read() == data


def test_document_kind_comes_from_content_not_from_the_name():
    document = upload("slides.pdf", make_pptx())
    assert validate_document(document) == "pptx"
    assert document.name == "slides.pptx"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("invoice.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("invoice.pdf", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        ("archive.pptx", _zip({"readme.txt": "just a zip"})),
        ("sheet.docx", _zip({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<x/>"})),
        (
            "text.odp",
            _zip({"content.xml": "<x/>"}, ("mimetype", "application/vnd.oasis.opendocument.text")),
        ),
        ("broken.pptx", b"PK\x03\x04" + b"\x00" * 40),
        ("empty.pdf", b""),
        ("program.pdf", b"MZ\x90\x00\x03\x00\x00\x00"),
    ],
    ids=["html-as-pdf", "svg-as-pdf", "plain-zip", "xlsx", "odt", "corrupt-zip", "empty", "exe"],
)
def test_files_that_are_not_accepted_documents_are_refused(name, data):
    with pytest.raises(ValidationError) as excinfo:
        validate_document(upload(name, data))
    assert excinfo.value.code == "bad_type"
    assert "whatever its name says" in str(excinfo.value.messages[0])


def test_oversize_document_is_refused_with_the_limit_in_the_message():
    document = upload("big.pdf", b"%PDF-1.4\n" + b"0" * validators.MAX_DOCUMENT_SIZE)
    with pytest.raises(ValidationError) as excinfo:
        validate_document(document)
    assert excinfo.value.code == "too_large"
    assert "50 MB" in excinfo.value.messages[0]


def test_document_exactly_at_the_limit_is_accepted():
    data = MINIMAL_PDF + b"%" * (validators.MAX_DOCUMENT_SIZE - len(MINIMAL_PDF))
    assert validate_document(upload("max.pdf", data)) == "pdf"


def test_odp_with_a_padded_huge_mimetype_entry_is_refused():
    # A zip bomb hiding in the `mimetype` entry must not be inflated in memory.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "mimetype", b"application/vnd.oasis.opendocument.presentation" + b" " * 50_000_000
        )
    bomb = buffer.getvalue()
    assert len(bomb) < 200_000
    with pytest.raises(ValidationError):
        validate_document(upload("bomb.odp", bomb))


# ---- Images --------------------------------------------------------------------------------


def _image_bytes(image_format, **save_options):
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **save_options)
    return buffer.getvalue()


def _jpeg_with_metadata():
    exif = Image.Exif()
    exif[0x010F] = "SecretCameraMaker"  # Make
    exif[0x8825] = {2: (45.0, 27.0, 50.0)}  # GPSInfo: a latitude
    return _image_bytes("JPEG", exif=exif.tobytes(), comment=b"secret comment")


def _png_with_metadata():
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "secret author")
    return _image_bytes("PNG", pnginfo=text, icc_profile=b"secret icc profile bytes")


def test_jpeg_is_reencoded_without_metadata():
    original = _jpeg_with_metadata()
    assert b"SecretCameraMaker" in original and b"secret comment" in original
    cleaned = reencode_image(upload("../holiday photo.JPG", original, "image/jpeg"))
    data = cleaned.read()
    assert data != original
    assert b"SecretCameraMaker" not in data
    assert b"secret comment" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG"
        assert image.size == (40, 30)
        assert not image.getexif()
        assert "comment" not in image.info
    assert cleaned.name == "holiday-photo.jpg"
    assert cleaned.content_type == "image/jpeg"
    assert cleaned.size == len(data)


def test_png_is_reencoded_without_metadata():
    original = _png_with_metadata()
    assert b"secret author" in original
    cleaned = reencode_image(upload("logo.png", original, "image/png"))
    data = cleaned.read()
    assert b"secret author" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG"
        assert image.size == (40, 30)
        assert "icc_profile" not in image.info
        assert "Author" not in image.info
    assert cleaned.name == "logo.png"


def test_png_transparency_survives_reencoding():
    image = Image.new("P", (10, 10), 0)
    image.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", transparency=0)
    cleaned = reencode_image(upload("icon.png", buffer.getvalue(), "image/png"))
    with Image.open(cleaned) as reopened:
        assert reopened.info.get("transparency") == 0


def test_image_type_is_taken_from_content_not_name():
    cleaned = reencode_image(upload("photo.png", _image_bytes("JPEG"), "image/png"))
    assert cleaned.name == "photo.jpg"
    assert cleaned.content_type == "image/jpeg"


def test_cmyk_jpeg_is_converted_to_rgb():
    image = Image.new("CMYK", (8, 8), (0, 0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG")
    cleaned = reencode_image(upload("print.jpg", buffer.getvalue()))
    with Image.open(cleaned) as reopened:
        assert reopened.mode == "RGB"


@pytest.mark.parametrize(
    "data",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b"<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>",
    ],
    ids=["svg-with-script", "plain-svg"],
)
def test_svg_is_refused(data):
    with pytest.raises(ValidationError) as excinfo:
        reencode_image(upload("logo.svg", data, "image/svg+xml"))
    assert excinfo.value.messages == ["This file is not a valid image (JPEG, PNG or WebP)."]


def test_gif_is_refused_as_unsupported_format():
    with pytest.raises(ValidationError) as excinfo:
        reencode_image(upload("anim.gif", _image_bytes("GIF"), "image/gif"))
    assert excinfo.value.code == "bad_type"


@pytest.mark.parametrize("image_format", ["JPEG", "PNG"])
def test_truncated_image_is_refused(image_format):
    data = _image_bytes(image_format)
    with pytest.raises(ValidationError) as excinfo:
        reencode_image(upload("cut.img", data[: len(data) // 2]))
    assert excinfo.value.code == "invalid"


def test_html_renamed_as_image_is_refused():
    with pytest.raises(ValidationError):
        reencode_image(upload("photo.jpg", b"<html><body>hi</body></html>", "image/jpeg"))


def _png_header_claiming(width, height):
    """A small PNG whose header claims a huge canvas: a decompression bomb."""

    def chunk(kind, payload):
        return (
            struct.pack(">I", len(payload))
            + kind
            + payload
            + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    # One compressed row: the pixels would only appear when decoding.
    pixels = zlib.compress(b"\x00" + b"\x00" * width)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(("width", "height"), [(20000, 20000), (6000, 6000), (100_000, 300)])
def test_decompression_bomb_is_refused_with_a_pixel_message(width, height):
    data = _png_header_claiming(width, height)
    assert len(data) < validators.MAX_IMAGE_SIZE
    with pytest.raises(ValidationError) as excinfo:
        reencode_image(upload("bomb.png", data, "image/png"))
    assert excinfo.value.code == "too_many_pixels"
    assert "25 megapixels" in excinfo.value.messages[0]


def test_oversize_image_is_refused():
    data = _image_bytes("PNG") + b"\x00" * validators.MAX_IMAGE_SIZE
    with pytest.raises(ValidationError) as excinfo:
        reencode_image(upload("huge.png", data, "image/png"))
    assert excinfo.value.code == "too_large"
    assert "5 MB" in excinfo.value.messages[0]


class LogoForm(ImageUploadMixin, forms.Form):
    image_fields = ("logo",)
    logo = forms.FileField()


def test_image_upload_mixin_replaces_the_upload_with_the_clean_copy():
    form = LogoForm(data={}, files={"logo": upload("my logo.jpg", _jpeg_with_metadata())})
    assert form.is_valid(), form.errors
    cleaned = form.cleaned_data["logo"]
    assert cleaned.name == "my-logo.jpg"
    assert b"SecretCameraMaker" not in cleaned.read()


def test_image_upload_mixin_reports_a_bad_image_on_its_field():
    form = LogoForm(data={}, files={"logo": upload("logo.svg", b"<svg/>")})
    assert not form.is_valid()
    assert form.errors["logo"] == ["This file is not a valid image (JPEG, PNG or WebP)."]


# ---- File names ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "passwd.pdf"),
        ("/var/www/../../.ssh/authorized_keys", "authorized_keys.pdf"),
        ("..\\..\\windows\\system32\\evil.pdf", "windows-system32-evil.pdf"),
        ("Programme (Annex 1).pdf", "Programme-Annex-1.pdf"),
        ("Città del futuro – 2022.pptx", "Citta-del-futuro-2022.pdf"),
        ("report.final.v2.docx", "report-final-v2.pdf"),
        ("nul\x00byte.pdf", "nul-byte.pdf"),
        ("<script>alert(1)</script>.pdf", "script.pdf"),
        ("...", "file.pdf"),
        ("", "file.pdf"),
        (None, "file.pdf"),
        ("日本語.pdf", "file.pdf"),
        ("a" * 300 + ".pdf", "a" * 80 + ".pdf"),
    ],
)
def test_safe_filename_sanitises_paths_and_odd_characters(name, expected):
    result = safe_filename(name, "pdf")
    assert result == expected
    assert "/" not in result and "\\" not in result and ".." not in result
