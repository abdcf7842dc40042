from django.db import models
from django.utils.translation import gettext_lazy as _


class SitePage(models.Model):
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
