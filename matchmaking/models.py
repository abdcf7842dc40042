"""B2B matchmaking: programmes on events, participants, opportunities, requests and meetings.

One account is one person (Person) of one organisation (Organisation), kept across events;
a Participant is that person taking part in one event's programme. No double booking is
enforced by the database itself: a table holds at most one scheduled meeting per slot
(Meeting), and a participant sits in at most one scheduled meeting per slot (MeetingSeat).
"""

import datetime
import secrets
import uuid
import zoneinfo

from django.conf import global_settings, settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Greatest, Least
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from events.models import TIME_ZONE_CHOICES

# Languages a participant may speak: the primary ISO 639 codes Django knows, by name.
SPOKEN_LANGUAGE_CHOICES = sorted(
    ((code, name) for code, name in global_settings.LANGUAGES if "-" not in code),
    key=lambda choice: str(choice[1]),
)
SPOKEN_LANGUAGE_CODES = frozenset(code for code, _name in SPOKEN_LANGUAGE_CHOICES)


def new_calendar_token():
    return secrets.token_urlsafe(32)


def validate_spoken_languages(value):
    if not isinstance(value, list) or not all(
        isinstance(code, str) and code in SPOKEN_LANGUAGE_CODES for code in value
    ):
        raise ValidationError(_("Choose languages from the list."))


class Organisation(models.Model):
    class Kind(models.TextChoices):
        MEMBER_SME = "member", _("Member SME of a C2Future cluster")
        COMPANY = "company", _("Company")
        CHAMBER = "chamber", _("Chamber of commerce")
        INSTITUTION = "institution", _("Institution")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=120, blank=True)
    sectors = models.ManyToManyField(
        "clusters.Sector", related_name="b2b_organisations", blank=True, verbose_name=_("sectors")
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), max_length=3000, blank=True)
    # A member SME mirrors its published directory entry (prefilled from it at registration).
    company = models.ForeignKey(
        "clusters.Company",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="matchmaking_organisations",
        verbose_name=_("directory company"),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["company"],
                condition=Q(company__isnull=False),
                name="mm_organisation_one_per_company",
            )
        ]

    def __str__(self):
        return self.name


class Person(models.Model):
    """The person behind an account: one per user, of one organisation, kept across events."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="matchmaking_person",
        verbose_name=_("account"),
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="people")
    full_name = models.CharField(_("full name"), max_length=150)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    # Contact details: shown to the other side only once a meeting is accepted.
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    languages = models.JSONField(
        _("languages spoken"),
        default=list,
        blank=True,
        validators=[validate_spoken_languages],
        help_text=_("ISO 639-1 codes, e.g. en, es, it."),
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, choices=TIME_ZONE_CHOICES, default="Europe/Rome"
    )
    # The language of the emails this person receives.
    preferred_language = models.CharField(
        _("language of emails"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.full_name

    @property
    def email(self):
        return self.user.email

    @property
    def tzinfo(self):
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return timezone.get_default_timezone()


class Programme(models.Model):
    """An event's B2B meetings programme."""

    event = models.OneToOneField(
        "events.Event",
        on_delete=models.CASCADE,
        related_name="b2b_programme",
        verbose_name=_("event"),
    )
    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("What, for whom and how to join.")
    )
    registration_opens = models.DateTimeField(_("registration opens"))
    registration_closes = models.DateTimeField(_("registration closes"))
    slot_minutes = models.PositiveSmallIntegerField(
        _("meeting length (minutes)"),
        default=20,
        validators=[MinValueValidator(5), MaxValueValidator(240)],
    )
    table_count = models.PositiveSmallIntegerField(
        _("tables on site"), default=0, help_text=_("0 when every meeting is online.")
    )
    on_site = models.BooleanField(_("meetings on site"), default=True)
    online = models.BooleanField(_("meetings online"), default=False)
    request_cap = models.PositiveSmallIntegerField(
        _("open requests per participant"),
        default=20,
        validators=[MinValueValidator(1)],
        help_text=_("Unanswered requests a participant may have sent at once."),
    )
    request_expiry_days = models.PositiveSmallIntegerField(
        _("request expiry (days)"), default=5, validators=[MinValueValidator(1)]
    )
    participant_list_public = models.BooleanField(
        _("participant list public"),
        default=True,
        help_text=_("Validated participants are listed on the programme page for everyone."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-event__start"]
        verbose_name = _("B2B programme")
        verbose_name_plural = _("B2B programmes")
        constraints = [
            models.CheckConstraint(
                condition=Q(registration_closes__gt=F("registration_opens")),
                name="mm_programme_registration_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=Q(on_site=True) | Q(online=True),
                name="mm_programme_on_site_or_online",
            ),
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=5), name="mm_programme_slot_minutes_min"
            ),
        ]

    def __str__(self):
        return str(self.event)

    def get_absolute_url(self):
        return reverse("matchmaking:programme", kwargs={"slug": self.event.slug})

    def clean(self):
        if (
            self.registration_opens
            and self.registration_closes
            and self.registration_closes <= self.registration_opens
        ):
            raise ValidationError(
                {"registration_closes": _("Registration must close after it opens.")}
            )
        if not (self.on_site or self.online):
            raise ValidationError(_("Meetings take place on site, online or both."))

    @property
    def tzinfo(self):
        return self.event.tzinfo

    def registration_is_open(self, now=None):
        now = now or timezone.now()
        return self.registration_opens <= now < self.registration_closes


class MeetingBlock(models.Model):
    """A stretch of a meeting day, e.g. 09:00–13:00 in the event's time zone."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="blocks")
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start"))
    end_time = models.TimeField(_("end"))

    class Meta:
        ordering = ["date", "start_time"]
        verbose_name = _("meeting block")
        verbose_name_plural = _("meeting blocks")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")), name="mm_block_ends_after_start"
            ),
            models.UniqueConstraint(
                fields=["programme", "date", "start_time"], name="mm_block_unique_start"
            ),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.start_time:%H:%M}–{self.end_time:%H:%M}"

    def clean(self):
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("A block must end after it starts.")})
        if self.programme_id and self.date and self.start_time and self.end_time:
            overlapping = (
                MeetingBlock.objects.filter(
                    programme_id=self.programme_id,
                    date=self.date,
                    start_time__lt=self.end_time,
                    end_time__gt=self.start_time,
                )
                .exclude(pk=self.pk)
                .first()
            )
            if overlapping is not None:
                raise ValidationError(
                    _("This block overlaps the block %(block)s of the same day.")
                    % {"block": overlapping}
                )

    def local_bounds(self, tzinfo):
        """(start, end) as aware datetimes in the given zone (the event's)."""
        return (
            datetime.datetime.combine(self.date, self.start_time, tzinfo=tzinfo),
            datetime.datetime.combine(self.date, self.end_time, tzinfo=tzinfo),
        )


class Slot(models.Model):
    """A meeting slot, generated from the blocks (matchmaking.services.generate_slots)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="slots")
    block = models.ForeignKey(MeetingBlock, on_delete=models.CASCADE, related_name="slots")
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))

    class Meta:
        ordering = ["start"]
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="mm_slot_ends_after_start"
            ),
            models.UniqueConstraint(fields=["programme", "start"], name="mm_slot_unique_start"),
        ]

    def __str__(self):
        return f"{timezone.localtime(self.start):%Y-%m-%d %H:%M}"


class Table(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="tables")
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    label = models.CharField(_("label"), max_length=60, blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("table")
        verbose_name_plural = _("tables")
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="mm_table_unique_number")
        ]

    def __str__(self):
        return self.label or _("Table %(number)s") % {"number": self.number}


class ParticipantQuerySet(models.QuerySet):
    def validated(self):
        return self.filter(status=Participant.Status.VALIDATED)


class Participant(models.Model):
    """A person taking part in one programme (person × programme)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for validation")
        VALIDATED = "validated", _("Validated")
        REJECTED = "rejected", _("Rejected")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="participations")
    offers = models.ManyToManyField(
        "clusters.Competency",
        related_name="+",
        blank=True,
        verbose_name=_("offers (competencies)"),
    )
    offers_text = models.TextField(_("what we offer"), max_length=2000, blank=True)
    looks_for = models.ManyToManyField(
        "clusters.Competency",
        related_name="+",
        blank=True,
        verbose_name=_("looks for (competencies)"),
    )
    looks_for_text = models.TextField(_("what we look for"), max_length=2000, blank=True)
    target_countries = CountryField(_("target countries"), multiple=True, blank=True)
    # Suggestions leave out the members of the participant's own clusters unless asked.
    suggest_own_cluster = models.BooleanField(_("suggest members of my own cluster"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    rejection_reason = models.TextField(_("reason for rejection"), max_length=1000, blank=True)
    validated_at = models.DateTimeField(_("validated"), null=True, blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("validated by"),
    )
    # The secret of the personal calendar feed; replacing it revokes the old URL.
    calendar_token = models.CharField(
        _("calendar token"), max_length=64, unique=True, default=new_calendar_token, editable=False
    )
    # The digest of unanswered requests goes at most every few days (send_b2b_digests).
    last_digest_at = models.DateTimeField(
        _("last digest sent"), null=True, blank=True, editable=False
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["person__organisation__name", "person__full_name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "person"], name="mm_participant_once_per_programme"
            ),
            models.CheckConstraint(
                condition=Q(status="rejected") | Q(rejection_reason=""),
                name="mm_participant_reason_only_when_rejected",
            ),
        ]
        indexes = [
            models.Index(fields=["programme", "status"], name="mm_participant_prog_status"),
        ]

    def __str__(self):
        return f"{self.person} ({self.person.organisation})"

    def get_absolute_url(self):
        return reverse(
            "matchmaking:participant",
            kwargs={"slug": self.programme.event.slug, "participant_id": self.pk},
        )

    @property
    def is_validated(self):
        return self.status == self.Status.VALIDATED

    def revoke_calendar_token(self):
        self.calendar_token = new_calendar_token()
        self.save(update_fields=["calendar_token", "updated_at"])


class Unavailability(models.Model):
    """A block or a single slot a participant cannot attend. Without any, a participant is
    available for every slot of the programme (the default)."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="unavailabilities"
    )
    block = models.ForeignKey(
        MeetingBlock, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    slot = models.ForeignKey(
        Slot, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("unavailability")
        verbose_name_plural = _("unavailabilities")
        constraints = [
            models.CheckConstraint(
                condition=(Q(block__isnull=False) & Q(slot__isnull=True))
                | (Q(block__isnull=True) & Q(slot__isnull=False)),
                name="mm_unavailability_block_or_slot",
            ),
            models.UniqueConstraint(
                fields=["participant", "block"],
                condition=Q(block__isnull=False),
                name="mm_unavailability_unique_block",
            ),
            models.UniqueConstraint(
                fields=["participant", "slot"],
                condition=Q(slot__isnull=False),
                name="mm_unavailability_unique_slot",
            ),
        ]

    def __str__(self):
        return f"{self.participant}: {self.block or self.slot}"


class Opportunity(models.Model):
    """An offer, request or partnership proposal posted on a programme's marketplace."""

    class Kind(models.TextChoices):
        OFFER = "offer", _("Offer")
        REQUEST = "request", _("Request")
        PARTNERSHIP = "partnership", _("Partnership proposal")

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="opportunities"
    )
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    competencies = models.ManyToManyField(
        "clusters.Competency",
        related_name="b2b_opportunities",
        blank=True,
        verbose_name=_("competencies"),
    )
    sectors = models.ManyToManyField(
        "clusters.Sector", related_name="b2b_opportunities", blank=True, verbose_name=_("sectors")
    )
    countries = CountryField(_("countries"), multiple=True, blank=True)
    created_at = models.DateTimeField(_("posted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        indexes = [models.Index(fields=["participant", "kind"], name="mm_opportunity_part_kind")]

    def __str__(self):
        return self.title


class MeetingRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")
        CANCELLED = "cancelled", _("Cancelled")

    # A pair has at most one live request (pending or accepted) at a time, whoever asked.
    LIVE_STATUSES = (Status.PENDING, Status.ACCEPTED)

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="meeting_requests"
    )
    sender = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="sent_requests")
    recipient = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="received_requests"
    )
    message = models.TextField(_("message"), max_length=2000, blank=True)
    opportunity = models.ForeignKey(
        Opportunity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_requests",
        verbose_name=_("about the opportunity"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decline_reason = models.TextField(_("reason for declining"), max_length=1000, blank=True)
    cancelled_by = models.ForeignKey(
        Participant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cancelled by"),
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        constraints = [
            models.CheckConstraint(
                condition=~Q(sender=F("recipient")), name="mm_request_not_to_self"
            ),
            models.UniqueConstraint(
                Least("sender", "recipient"),
                Greatest("sender", "recipient"),
                condition=Q(status__in=["pending", "accepted"]),
                name="mm_request_one_live_per_pair",
            ),
        ]
        indexes = [
            models.Index(fields=["sender", "status"], name="mm_request_sender_status"),
            models.Index(fields=["recipient", "status"], name="mm_request_recipient_status"),
            models.Index(fields=["status", "expires_at"], name="mm_request_status_expires"),
        ]

    def __str__(self):
        return f"{self.sender} → {self.recipient}"

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING


class Meeting(models.Model):
    """An accepted request placed in a slot (and, on site, at a table)."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    request = models.OneToOneField(MeetingRequest, on_delete=models.CASCADE, related_name="meeting")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="meetings")
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="meetings")
    table = models.ForeignKey(
        Table, on_delete=models.PROTECT, null=True, blank=True, related_name="meetings"
    )
    video_link = models.URLField(_("video link"), blank=True)
    locked = models.BooleanField(
        _("locked"),
        default=False,
        help_text=_("Locked by the organisers: participants cannot move or cancel it."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    # Calendars: a stable UID and a SEQUENCE bumped on every change (matchmaking.calendar).
    uid = models.UUIDField(_("calendar UID"), default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(_("revision"), default=0)
    # The day-before reminder goes once (send_b2b_reminders); rescheduling clears it.
    reminder_sent_at = models.DateTimeField(
        _("reminder sent"), null=True, blank=True, editable=False
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        ordering = ["slot__start", "table__number"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            # A table hosts one scheduled meeting per slot.
            models.UniqueConstraint(
                fields=["slot", "table"],
                condition=Q(status="scheduled", table__isnull=False),
                name="mm_meeting_one_per_slot_table",
            ),
        ]

    def __str__(self):
        return f"{self.request} @ {self.slot}"

    @property
    def is_scheduled(self):
        return self.status == self.Status.SCHEDULED


class MeetingSeat(models.Model):
    """One side of a meeting: a participant in a slot. The slot is copied from the meeting
    (matchmaking.booking keeps them equal) so the database can refuse a participant two
    scheduled meetings in one slot, even under concurrent accepts."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="seats")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="meeting_seats"
    )
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="seats")
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("meeting seat")
        verbose_name_plural = _("meeting seats")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "slot"],
                condition=Q(is_active=True),
                name="mm_seat_one_meeting_per_participant_slot",
            ),
            models.UniqueConstraint(
                fields=["meeting", "participant"], name="mm_seat_once_per_meeting"
            ),
        ]

    def __str__(self):
        return f"{self.participant} @ {self.slot}"
