"""The competency questionnaire: campaigns, their extra questions and the submissions.

A submission keeps every answer as a JSON snapshot (so nothing asked is ever lost when
the form changes); a few fields are copied out of it for the review queue's filters.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.content_translations import EnglishOriginalColumn, column, language_codes


class Survey(EnglishOriginalColumn, models.Model):
    """A questionnaire campaign: open between two dates."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("Shown on the questionnaire's intro page.")
    )
    opens_at = models.DateTimeField(_("opens at"), default=timezone.now)
    closes_at = models.DateTimeField(
        _("closes at"), null=True, blank=True, help_text=_("Leave empty to keep it open.")
    )

    class Meta:
        ordering = ["-opens_at"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__isnull=True) | Q(closes_at__gt=models.F("opens_at")),
                name="survey_closes_after_it_opens",
            )
        ]

    def __str__(self):
        return self.title

    def is_open_at(self, moment):
        return self.opens_at <= moment and (self.closes_at is None or moment < self.closes_at)

    @property
    def is_open(self):
        return self.is_open_at(timezone.now())


def choice_lines(text):
    """The choices of a question: one per line, blank lines ignored."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class ExtraQuestion(EnglishOriginalColumn, models.Model):
    """A question staff add to one campaign; asked on the last step before review."""

    class Kind(models.TextChoices):
        SHORT_TEXT = "short_text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")
        SINGLE_CHOICE = "single_choice", _("Single choice")
        MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
        SCALE = "scale", _("Scale from 1 to 5")

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="extra_questions", verbose_name=_("survey")
    )
    text = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("help text"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    choices = models.TextField(
        _("choices"), blank=True, help_text=_("One choice per line (choice questions only).")
    )
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["survey", "position", "pk"]
        verbose_name = _("extra question")
        verbose_name_plural = _("extra questions")

    def __str__(self):
        return self.text

    def clean(self):
        # The admin edits the English column (surveys/translation.py); plain forms "choices".
        field = column("choices", "en")
        if not hasattr(self, field):
            field = "choices"
        if self.has_choices and len(self.choice_list) < 2:
            raise ValidationError({field: _("Give at least two choices, one per line.")})
        texts = [self.choices, *(getattr(self, column("choices", c), "") for c in language_codes())]
        if not self.has_choices and any((text or "").strip() for text in texts):
            raise ValidationError({field: _("Only choice questions have choices.")})

    @property
    def key(self):
        """The key of this question's answer in `Submission.answers["extra"]`."""
        return f"q{self.pk}"

    @property
    def choice_list(self):
        """The choices as answers store them: the English lines, whatever the language the
        respondent reads, so stored answers, counts and exports are language-independent."""
        english = getattr(self, column("choices", "en"), None)
        return choice_lines(self.choices if english is None else english)

    @property
    def choice_pairs(self):
        """[(stored value, label in the active language)]: a translation's lines match the
        English ones by position; one with another number of lines is not used."""
        values = self.choice_list
        labels = choice_lines(self.choices)  # the active language, English fallback
        if len(labels) != len(values):
            labels = values
        return list(zip(values, labels, strict=True))

    def choice_label(self, value):
        """The label of a stored choice in the active language (a removed one as stored)."""
        return dict(self.choice_pairs).get(value, value)

    @property
    def has_choices(self):
        return self.kind in {self.Kind.SINGLE_CHOICE, self.Kind.MULTIPLE_CHOICE}


class Submission(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Spam")

    class Kind(models.TextChoices):
        NEW = "new", _("New company")
        UPDATE = "update", _("Update of a published company")

    survey = models.ForeignKey(
        Survey,
        on_delete=models.PROTECT,
        related_name="submissions",
        verbose_name=_("survey"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IN_PROGRESS
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.NEW)
    # The public handle of a draft: signed into resume links, never shown unsigned.
    token = models.UUIDField(_("token"), default=uuid.uuid4, unique=True, editable=False)
    # What opened this draft (a hash of the visitor's session, or of the company and contact an
    # update link names): at most one draft each, so parallel first-step posts or opening
    # the same link twice reuse the draft instead of starting another.
    draft_key = models.CharField(
        _("draft key"), max_length=64, null=True, blank=True, editable=False
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    current_step = models.CharField(_("current step"), max_length=30, default="company")
    company = models.ForeignKey(
        "clusters.Company",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submissions",
        verbose_name=_("company"),
        help_text=_("The company this updates, or the one created when it was approved."),
    )
    # Copied from the answers for the review queue's search and filters.
    company_name = models.CharField(_("company name"), max_length=200, blank=True)
    country = CountryField(_("country"), blank=True)
    clusters = models.ManyToManyField(
        "clusters.Cluster",
        related_name="submissions",
        blank=True,
        verbose_name=_("clusters"),
    )
    contact_email = models.EmailField(_("respondent email"), blank=True)
    # The language the respondent answered in (the last step's): their emails use it, and
    # the description they wrote is marked with it when it reaches the directory.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_submissions",
        verbose_name=_("reviewed by"),
    )
    review_note = models.TextField(_("review note"), blank=True)
    erased_at = models.DateTimeField(_("respondent data erased"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-updated_at"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["draft_key"],
                condition=Q(status="in_progress", draft_key__isnull=False),
                name="submission_one_draft_per_key",
            )
        ]
        indexes = [
            models.Index(fields=["status", "-submitted_at"], name="submission_status_submitted"),
            models.Index(fields=["status", "updated_at"], name="submission_status_updated"),
            models.Index(fields=["contact_email"], name="submission_contact_email"),
        ]

    def __str__(self):
        return self.company_name or _("Submission #%(pk)s") % {"pk": self.pk}

    @property
    def is_draft(self):
        return self.status == self.Status.IN_PROGRESS
