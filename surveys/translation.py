"""Per-language columns of what respondents read (django-modeltranslation; README: content
translations): a campaign's title and introduction, its extra questions.

`ExtraQuestion.choices` is one choice per line; a translation keeps the English lines'
number and order (the admin checks it) because answers store the English line, so stored
data stays language-independent (ExtraQuestion.choice_pairs).
"""

from modeltranslation.translator import TranslationOptions, register

from .models import ExtraQuestion, Survey


@register(Survey)
class SurveyTranslationOptions(TranslationOptions):
    fields = ("title", "intro")


@register(ExtraQuestion)
class ExtraQuestionTranslationOptions(TranslationOptions):
    fields = ("text", "help_text", "choices")
