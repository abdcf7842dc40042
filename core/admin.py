from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from .content_translations import MissingTranslationsColumnMixin, translated_form
from .forms import SingleLineModelForm
from .models import FailedEmail, SitePage


@admin.register(SitePage)
class SitePageAdmin(MissingTranslationsColumnMixin, TranslationAdmin):
    # Title, lead and body per language, side by side (core/translation.py).
    form = translated_form(SingleLineModelForm)
    list_display = ["title", "slug", "updated_at", "missing_translations"]
    search_fields = ["title", "lead", "body"]
    readonly_fields = ["updated_at"]


@admin.register(FailedEmail)
class FailedEmailAdmin(admin.ModelAdmin):
    """Emails given up on (core.tasks): read-only; delete a row once it is dealt with."""

    form = SingleLineModelForm

    list_display = ["failed_at", "subject", "recipients", "attempts", "short_error"]
    search_fields = ["subject", "recipients", "error"]
    date_hierarchy = "failed_at"
    readonly_fields = [
        "failed_at",
        "subject",
        "recipients",
        "reply_to",
        "body",
        "error",
        "attempts",
    ]

    @admin.display(description=_("error"))
    def short_error(self, obj):
        return obj.error[:120]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
