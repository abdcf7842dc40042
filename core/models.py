from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .content_translations import EnglishOriginalColumn


class SitePage(EnglishOriginalColumn, models.Model):
    """Editable page content (home introduction, about page) kept out of templates."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=200)
    lead = models.TextField(_("lead"), blank=True, help_text=_("Short introduction."))
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_(
            "Plain text. Blank lines separate paragraphs; lines starting "
            "with '- ' become list items."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("site page")
        verbose_name_plural = _("site pages")

    def __str__(self):
        return self.title


class Geolocated(models.Model):
    """Coordinates for a map pin; both empty when the place is not known."""

    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    class Meta:
        abstract = True

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None


class FailedEmail(models.Model):
    """An email that could not be sent and will not be retried: staff see it in the admin
    and can act on it (fix the address or the text, write by hand)."""

    subject = models.CharField(_("subject"), max_length=998)
    recipients = models.TextField(_("recipients"))
    reply_to = models.TextField(_("reply to"), blank=True)
    body = models.TextField(_("body"))
    error = models.TextField(_("error"))
    attempts = models.PositiveSmallIntegerField(_("attempts"))
    failed_at = models.DateTimeField(_("failed at"), auto_now_add=True)

    class Meta:
        ordering = ["-failed_at"]
        verbose_name = _("failed email")
        verbose_name_plural = _("failed emails")

    def __str__(self):
        return self.subject
