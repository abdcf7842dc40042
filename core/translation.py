"""Per-language columns of the site pages (django-modeltranslation; README: content
translations): `title` reads the active language with English fallback."""

from modeltranslation.translator import TranslationOptions, register

from .models import SitePage


@register(SitePage)
class SitePageTranslationOptions(TranslationOptions):
    fields = ("title", "lead", "body")
