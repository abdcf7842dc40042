"""Existing values into the English columns; the seeded taxonomy and sectors translated.

Runs on a fresh database (after 0004 seeded the taxonomy) and on an existing one alike:
only empty columns are filled (clusters/taxonomy_translations.py), staff edits stay.
"""

from django.db import migrations

TRANSLATED = {
    "Sector": ("name",),
    "CompetencyArea": ("name", "description"),
    "Competency": ("name", "description"),
    "Cluster": ("description",),
}


def forwards(apps, schema_editor):
    from clusters.taxonomy import fill_taxonomy_translations
    from core.content_translations import copy_to_default_language

    copy_to_default_language(apps, "clusters", TRANSLATED)
    fill_taxonomy_translations(
        apps.get_model("clusters", "CompetencyArea"),
        apps.get_model("clusters", "Competency"),
        apps.get_model("clusters", "Sector"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("clusters", "0011_content_translations"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
