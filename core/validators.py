"""Upload validation by content, not by file name.

Documents must really be PDF, PPTX, DOCX or ODP; images are decoded and re-encoded by
Pillow (which drops anything hidden in them) under a pixel limit that refuses
decompression bombs. Every rejection is a ValidationError with a message for the form.
"""

import io
import os
import re
import unicodedata
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

MAX_DOCUMENT_SIZE = 50 * 1024 * 1024
MAX_IMAGE_SIZE = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 25_000_000  # about 5000 × 5000

DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
IMAGE_FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}


def safe_filename(name, extension):
    """An ASCII file name of letters, digits, dots and dashes with the given extension."""
    stem = os.path.splitext(os.path.basename(name or ""))[0]
    stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-_")[:80] or "file"
    return f"{stem}.{extension}"


def _read_head(upload, size=8):
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def detect_document_type(upload):
    """The document kind ('pdf', 'pptx', 'docx', 'odp') found in the bytes, or None."""
    head = _read_head(upload, 8)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                # ODF stores exactly the MIME type here, no padding. Read a bounded
                # prefix: a zip bomb may hide in this entry.
                expected = DOCUMENT_TYPES["odp"].encode()
                with archive.open("mimetype") as entry:
                    mimetype = entry.read(len(expected) + 1)
                if mimetype == expected:
                    return "odp"
                return None
            if "[Content_Types].xml" in names:
                if any(name.startswith("ppt/") for name in names):
                    return "pptx"
                if any(name.startswith("word/") for name in names):
                    return "docx"
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
        return None
    finally:
        upload.seek(0)
    return None


def validate_document(upload):
    """Refuse anything that is not a PDF, PPTX, DOCX or ODP of at most 50 MB."""
    if upload.size > MAX_DOCUMENT_SIZE:
        raise ValidationError(
            _("The file is too large (%(size)s MB); the limit is 50 MB."),
            params={"size": round(upload.size / 1024 / 1024, 1)},
            code="too_large",
        )
    kind = detect_document_type(upload)
    if kind is None:
        raise ValidationError(
            _(
                "This file is not a PDF, PowerPoint (PPTX), Word (DOCX) or "
                "OpenDocument presentation (ODP), whatever its name says."
            ),
            code="bad_type",
        )
    upload.name = safe_filename(upload.name, kind)
    return kind


def reencode_image(upload):
    """Decode an uploaded image and return a freshly encoded copy (or raise)."""
    if upload.size > MAX_IMAGE_SIZE:
        raise ValidationError(_("The image is too large; the limit is 5 MB."), code="too_large")
    try:
        upload.seek(0)
        # Pillow refuses images over twice its own pixel limit while opening; those
        # are bombs too and get the same message as the ones caught below.
        with Image.open(upload) as probe:
            width, height = probe.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ValidationError(
                    _("The image has too many pixels (%(w)s × %(h)s); the limit is 25 megapixels."),
                    params={"w": width, "h": height},
                    code="too_many_pixels",
                )
            image_format = probe.format
            if image_format not in IMAGE_FORMATS:
                raise ValidationError(_("Upload a JPEG, PNG or WebP image."), code="bad_type")
            probe.load()
            image = probe.copy()
    except ValidationError:
        raise
    except Image.DecompressionBombError:
        raise ValidationError(
            _("The image has too many pixels; the limit is 25 megapixels."),
            code="too_many_pixels",
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("This file is not a valid image (JPEG, PNG or WebP)."), code="invalid"
        ) from None
    finally:
        upload.seek(0)
    extension, content_type = IMAGE_FORMATS[image_format]
    if image_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    # Pillow re-writes some metadata (JPEG comments, ICC profiles, XMP) from .info:
    # keep only what the pixels need, so nothing hidden in the upload survives.
    image.info = {key: value for key, value in image.info.items() if key == "transparency"}
    buffer = io.BytesIO()
    image.save(buffer, format=image_format)
    size = buffer.tell()
    buffer.seek(0)
    return InMemoryUploadedFile(
        buffer,
        getattr(upload, "field_name", None),
        safe_filename(upload.name, extension),
        content_type,
        size,
        None,
    )


class ImageUploadMixin:
    """For forms: `clean_<field>` helpers re-encode images named in `image_fields`."""

    image_fields = ()

    def _post_clean(self):
        for name in self.image_fields:
            value = self.cleaned_data.get(name)
            # Only new uploads have a content_type; existing files are left alone.
            if value and hasattr(value, "content_type"):
                try:
                    self.cleaned_data[name] = reencode_image(value)
                except ValidationError as error:
                    self.add_error(name, error)
        super()._post_clean()


# ---- Single-line text ---------------------------------------------------------------------

# Control characters (C0, DEL, C1) and the Unicode line and paragraph separators: in a
# name, an email address or a subject they break email headers and CSV rows.
_CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def single_line(value):
    """Text for a one-line field: each run of line breaks, tabs or other control
    characters becomes one space, and the ends are trimmed. None stays None."""
    if value is None:
        return None
    return _CONTROL_CHARACTERS.sub(" ", str(value)).strip()


def has_control_characters(value):
    return bool(_CONTROL_CHARACTERS.search(value or ""))
