"""The events archive: events, their programme, speakers and materials."""

import os
import re
import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.content_translations import EnglishOriginalColumn
from core.models import Geolocated

TIME_ZONE_CHOICES = sorted((tz, tz) for tz in zoneinfo.available_timezones())

# Slugs the URLconf uses for feeds under /events/: an event may not take them.
RESERVED_EVENT_SLUGS = {"feed"}

# Video hosts we can embed (CSP frame-src allows exactly these players).
_YOUTUBE_ID = re.compile(
    r"^https?://(?:www\.|m\.)?(?:youtube\.com/(?:watch\?(?:.*&)?v=|embed/|live/)|youtu\.be/)"
    r"([A-Za-z0-9_-]{6,20})"
)
_VIMEO_ID = re.compile(r"^https?://(?:www\.|player\.)?vimeo\.com/(?:video/)?(\d{3,12})")


def embed_url_for(url):
    """The privacy-friendly player URL for a YouTube or Vimeo link, or "" if not embeddable."""
    if match := _YOUTUBE_ID.match(url or ""):
        return f"https://www.youtube-nocookie.com/embed/{match.group(1)}"
    if match := _VIMEO_ID.match(url or ""):
        return f"https://player.vimeo.com/video/{match.group(1)}?dnt=1"
    return ""


class Speaker(models.Model):
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=170, unique=True)
    role = models.CharField(_("role"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    country = CountryField(_("country"), blank=True)
    bio = models.TextField(_("biography"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="speakers/", blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("events:speaker", kwargs={"slug": self.slug})


class Event(EnglishOriginalColumn, Geolocated):
    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("Conference")
        WEBINAR = "webinar", _("Webinar")
        B2B = "b2b", _("B2B meetings")
        WORKSHOP = "workshop", _("Workshop")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=250, unique=True)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(
        _("end"),
        help_text=_("The same as the start when the end time is not published."),
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, choices=TIME_ZONE_CHOICES, default="Europe/Rome"
    )
    is_online = models.BooleanField(_("online"), default=False)
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("address"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = CountryField(_("country"), blank=True)
    organiser = models.ForeignKey(
        "clusters.Cluster",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organised_events",
        verbose_name=_("organising cluster"),
    )
    partner_clusters = models.ManyToManyField(
        "clusters.Cluster",
        related_name="partner_events",
        blank=True,
        verbose_name=_("partner clusters"),
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    attendance = models.PositiveIntegerField(_("attendance"), null=True, blank=True)
    cover_image = models.ImageField(_("cover image"), upload_to="events/covers/", blank=True)
    registration_url = models.URLField(_("registration link"), blank=True)
    recording_url = models.URLField(_("recording link"), blank=True)
    slides_url = models.URLField(_("external slides link"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Calendars: a stable UID that is not the database id, and a SEQUENCE (with the time
    # of the change) that grows when what a calendar or feed shows changes.
    uid = models.UUIDField(_("calendar UID"), default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    changed_at = models.DateTimeField(_("last changed"), null=True, blank=True, editable=False)

    # What a calendar entry or a feed item shows: a change to any of these is a revision.
    REVISED_FIELDS = (
        "kind",
        "title",
        "slug",
        "summary",
        "description",
        "start",
        "end",
        "time_zone",
        "is_online",
        "venue_name",
        "venue_address",
        "city",
        "country",
        "latitude",
        "longitude",
        "organiser_id",
        "registration_url",
        "status",
    )

    class Meta:
        ordering = ["-start"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="event_ends_after_start"
            )
        ]
        indexes = [models.Index(fields=["status", "-start"], name="event_status_start")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The event cannot end before it starts.")})
        if self.slug in RESERVED_EVENT_SLUGS:
            raise ValidationError({"slug": _("This slug is reserved; choose another one.")})

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._remember_revised_values()
        return instance

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        self._remember_revised_values(fields)

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if self.pk and not self._state.adding and self._is_revised(update_fields):
            self.sequence += 1
            self.changed_at = timezone.now()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "sequence", "changed_at"}
        super().save(*args, **kwargs)
        self._remember_revised_values(update_fields)

    def _revised_names(self, fields):
        return [
            name
            for name in self.REVISED_FIELDS
            if fields is None or name.removesuffix("_id") in fields or name in fields
        ]

    def _remember_revised_values(self, fields=None):
        """What the row holds now (as loaded or saved), so that save() can tell a revision
        without reading the row again. Deferred fields are not known."""
        stored = dict(getattr(self, "_revised_values", {}))  # never shared with a copy
        for name in self._revised_names(fields):
            if name in self.__dict__:
                stored[name] = getattr(self, name)
        self._revised_values = stored

    def _is_revised(self, update_fields):
        names = self._revised_names(update_fields)
        stored = dict(getattr(self, "_revised_values", {}))
        unknown = [name for name in names if name not in stored]
        if unknown:  # deferred when loaded, or an instance not read from the database
            row = Event.objects.filter(pk=self.pk).values(*unknown).first()
            if row is None:
                return False
            stored.update(row)
        return any(stored[name] != getattr(self, name) for name in names)

    @property
    def has_end(self):
        """False when the end time is not published (stored as the start time)."""
        return self.end != self.start

    @property
    def tzinfo(self):
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return timezone.get_default_timezone()

    @property
    def local_start(self):
        return timezone.localtime(self.start, self.tzinfo)

    @property
    def local_end(self):
        return timezone.localtime(self.end, self.tzinfo)

    @property
    def is_upcoming(self):
        return self.end >= timezone.now()

    @property
    def recording_embed_url(self):
        return embed_url_for(self.recording_url)


class Session(EnglishOriginalColumn, models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200)
    start = models.DateTimeField(_("start"), null=True, blank=True)
    end = models.DateTimeField(_("end"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "start"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self):
        return self.title


class Talk(EnglishOriginalColumn, models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="talks")
    title = models.CharField(_("title"), max_length=250)
    abstract = models.TextField(_("abstract"), blank=True)
    start = models.DateTimeField(_("start"), null=True, blank=True)
    end = models.DateTimeField(_("end"), null=True, blank=True)
    speakers = models.ManyToManyField(
        Speaker, related_name="talks", blank=True, verbose_name=_("speakers")
    )
    is_placeholder = models.BooleanField(
        _("placeholder"),
        default=False,
        help_text=_("A programme item whose details are not yet known."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "start"]
        verbose_name = _("talk")
        verbose_name_plural = _("talks")

    def __str__(self):
        return self.title


class Material(EnglishOriginalColumn, models.Model):
    class Kind(models.TextChoices):
        PROGRAMME = "programme", _("Programme")
        SLIDES = "slides", _("Slides")
        RECORDING = "recording", _("Recording")
        OTHER = "other", _("Other")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials")
    session = models.ForeignKey(
        Session, on_delete=models.SET_NULL, null=True, blank=True, related_name="materials"
    )
    talk = models.ForeignKey(
        Talk, on_delete=models.SET_NULL, null=True, blank=True, related_name="materials"
    )
    title = models.CharField(_("title"), max_length=250)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to="events/materials/", blank=True)
    file_size = models.PositiveBigIntegerField(
        _("file size"), null=True, blank=True, editable=False
    )
    content_type = models.CharField(_("content type"), max_length=100, blank=True, editable=False)
    external_url = models.URLField(_("external link"), blank=True)
    on_request = models.BooleanField(_("available on request"), default=False)
    download_count = models.PositiveIntegerField(_("downloads"), default=0, editable=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        constraints = [
            # Exactly one of: an uploaded file, an external link, "on request".
            models.CheckConstraint(
                condition=(
                    (~Q(file="") & Q(external_url="") & Q(on_request=False))
                    | (Q(file="") & ~Q(external_url="") & Q(on_request=False))
                    | (Q(file="") & Q(external_url="") & Q(on_request=True))
                ),
                name="material_exactly_one_source",
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        sources = [bool(self.file), bool(self.external_url), self.on_request]
        if sum(sources) != 1:
            raise ValidationError(
                _(
                    "Choose exactly one: upload a file, give an external link, "
                    "or mark the material as available on request."
                )
            )
        if self.session_id and self.event_id and self.session.event_id != self.event_id:
            raise ValidationError({"session": _("This session belongs to another event.")})
        if self.talk_id and self.event_id and self.talk.session.event_id != self.event_id:
            raise ValidationError({"talk": _("This talk belongs to another event.")})

    @property
    def is_file(self):
        return bool(self.file)

    @property
    def file_label(self):
        """A short, human name for the file type (PDF, PPTX...)."""
        from core.validators import DOCUMENT_TYPES

        for extension, content_type in DOCUMENT_TYPES.items():
            if content_type == self.content_type:
                return extension.upper()
        extension = os.path.splitext(self.file.name)[1].lstrip(".") if self.file else ""
        return extension.upper()

    @property
    def embed_url(self):
        return embed_url_for(self.external_url)

    def get_download_url(self):
        return reverse("events:download", kwargs={"slug": self.event.slug, "material_id": self.pk})


class MaterialRequest(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        SENT = "sent", _("Sent")
        DECLINED = "declined", _("Declined")

    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="requests")
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    purpose = models.TextField(_("purpose"), max_length=2000, blank=True)
    consent = models.BooleanField(_("consent to be contacted about this request"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("material request")
        verbose_name_plural = _("material requests")

    def __str__(self):
        return f"{self.name} – {self.material}"
