"""Per-language columns of the events archive (django-modeltranslation; README: content
translations): `title` reads the active language with English fallback.

`Event.language` is something else: the language the event itself is held in. Speakers'
names, roles and biographies stay as written.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Event, Material, Session, Talk


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "description")


@register(Session)
class SessionTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Talk)
class TalkTranslationOptions(TranslationOptions):
    fields = ("title", "abstract")


@register(Material)
class MaterialTranslationOptions(TranslationOptions):
    fields = ("title",)
