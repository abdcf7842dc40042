"""Per-language columns for the staff-entered clusters content (django-modeltranslation).

`name` reads the active language and falls back to English; `name_en` … `name_sr_latn` are
the columns. Company names and descriptions and cluster names stay as written (proper
names, and an SME's own words; `Company.description_language` says which language).
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Cluster, Competency, CompetencyArea, Sector


class UniqueNameOptions(TranslationOptions):
    # Names are unique: a missing translation is stored as NULL, not "", so two terms
    # without an Italian name do not collide.
    empty_values = {"name": None}


@register(Sector)
class SectorTranslationOptions(UniqueNameOptions):
    fields = ("name",)


@register(CompetencyArea)
class CompetencyAreaTranslationOptions(UniqueNameOptions):
    fields = ("name", "description")


@register(Competency)
class CompetencyTranslationOptions(UniqueNameOptions):
    fields = ("name", "description")


@register(Cluster)
class ClusterTranslationOptions(TranslationOptions):
    fields = ("description",)
