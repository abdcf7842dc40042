"""Helpers for the per-language columns of staff-entered content (django-modeltranslation).

Each app registers its translated fields in its own `translation.py`; `name` then reads the
active language with English fallback and `name_en` … `name_sr_latn` are the columns. This
module holds what the apps share: the column names, the "missing translations" check the
admin shows, and the data-migration step that copies existing values into the English
columns. It imports no project app.
"""

from django.conf import settings
from django.contrib import admin
from django.db.models import F, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _


def default_language():
    return getattr(settings, "MODELTRANSLATION_DEFAULT_LANGUAGE", "en")


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def column(field, language):
    """The column of one language: ("name", "sr-latn") → "name_sr_latn"."""
    return f"{field}_{language.replace('-', '_')}"


def translated_fields(model):
    """The model's registered translated fields (empty when it has none)."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        return tuple(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return ()


def missing_languages(obj, fields=None):
    """The languages (codes) in which some field, filled in English, has no translation."""
    fields = fields or translated_fields(type(obj))
    base = default_language()
    missing = []
    for language in language_codes():
        if language == base:
            continue
        for field in fields:
            if getattr(obj, column(field, base)) and not getattr(obj, column(field, language)):
                missing.append(language)
                break
    return missing


def copy_to_default_language(apps, app_label, model_fields):
    """Data-migration step: the English column takes the original column's value where empty.

    `model_fields` is {model name: (field, ...)}. The historical models of a migration have
    no translation descriptors, so `name` there is the original column itself.
    """
    base = default_language()
    for model_name, fields in model_fields.items():
        model = apps.get_model(app_label, model_name)
        for field in fields:
            target = column(field, base)
            empty = Q(**{f"{target}__isnull": True}) | Q(**{target: ""})
            model.objects.filter(empty).update(**{target: F(field)})  # one query per field


class EnglishOriginalColumn:
    """Model mixin: the original column (`name`) is written with the English value.

    modeltranslation's descriptor returns the active language's value, and Django saves
    what the descriptor returns, so a save in an Italian admin session would put Italian
    into the original column. Raw SQL, exports and the API read that column as English.
    """

    def _save_table(self, *args, **kwargs):
        with translation.override(default_language()):
            return super()._save_table(*args, **kwargs)


# ---- Admin -------------------------------------------------------------------------------

MISSING_CSS_CLASS = "mt-missing"


class MarkMissingTranslationsMixin:
    """Form mixin: an empty translation of a filled English field is marked (CSS class and
    help text) so staff see at a glance what is left to translate. Put it first among the
    bases; works for admin pages and inline rows alike."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is None or instance.pk is None:
            return
        base = default_language()
        for field in translated_fields(type(instance)):
            if not getattr(instance, column(field, base), None):
                continue
            for language in language_codes():
                name = column(field, language)
                if language == base or name not in self.fields or getattr(instance, name):
                    continue
                form_field = self.fields[name]
                classes = form_field.widget.attrs.get("class", "").split()
                form_field.widget.attrs["class"] = " ".join([*classes, MISSING_CSS_CLASS])
                form_field.help_text = _("Not translated yet: visitors see the English text.")


class MissingTranslationsColumnMixin:
    """ModelAdmin mixin: a "Missing translations" column listing the languages in which
    some filled English field has no translation yet, the admin style that marks the
    empty translation fields on the change page (a local file: no CDN under the CSP), and
    the search of translated fields in every language."""

    def _get_declared_fieldsets(self, request, obj=None):
        # modeltranslation copies the form's Meta.fields into `fields` when the admin has
        # none; with `fieldsets` declared too, the next system check fails (admin.E005).
        if self.fieldsets:
            return self._patch_fieldsets(self.fieldsets)
        return super()._get_declared_fieldsets(request, obj)

    def get_search_fields(self, request):
        # A translated field is searched in every language: staff find a term by its
        # Italian name from an English admin, and an untranslated one from an Italian admin.
        translated = translated_fields(self.model)
        expanded = []
        for name in super().get_search_fields(request):
            if name in translated:
                expanded += [column(name, code) for code in language_codes()]
            else:
                expanded.append(name)
        return expanded

    @admin.display(description=_("Missing translations"))
    def missing_translations(self, obj):
        missing = missing_languages(obj)
        return ", ".join(code.upper() for code in missing) if missing else "—"

    class Media:
        css = {"all": ["css/admin_translations.css"]}


def changed_any(form, fields):
    """Whether the form changed one of these fields, in any language."""
    names = {column(field, language) for field in fields for language in language_codes()}
    return bool(names.union(fields).intersection(form.changed_data))


def translated_form(form_class):
    """The form class with the missing-translation marks (for admins with their own form)."""
    return type(form_class.__name__, (MarkMissingTranslationsMixin, form_class), {})


def english(obj, field):
    """A translated field's English value whatever the active language (the API and open
    data publish English; the original column holds it too)."""
    value = getattr(obj, column(field, default_language()), None)
    return getattr(obj, field) if value is None else value


def localized(path):
    """A query expression for a translated field reached through a model modeltranslation
    does not manage (a many-to-many through table): the active language's column, English
    where it is empty. `localized("sector__name")` in `.values(label=...)`."""
    from django.db.models import TextField, Value
    from django.db.models.functions import Coalesce, NullIf

    base = default_language()
    english = F(column(path, base))
    language = translation.get_language()
    if language == base or language not in language_codes():
        return english
    return Coalesce(NullIf(F(column(path, language)), Value("")), english, output_field=TextField())
