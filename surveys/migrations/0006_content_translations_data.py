"""Existing values into the English columns of the translated fields (surveys/translation.py).

Fresh and existing databases alike: only empty English columns are filled.
"""

from django.db import migrations

TRANSLATED = {
    "Survey": ("title", "intro"),
    "ExtraQuestion": ("text", "help_text", "choices"),
}


def forwards(apps, schema_editor):
    from core.content_translations import copy_to_default_language

    copy_to_default_language(apps, "surveys", TRANSLATED)


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0005_content_translations"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
