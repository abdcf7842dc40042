"""Existing values into the English columns of the translated fields (events/translation.py).

Fresh and existing databases alike: only empty English columns are filled.
"""

from django.db import migrations

TRANSLATED = {
    "Event": ("title", "summary", "description"),
    "Session": ("title",),
    "Talk": ("title", "abstract"),
    "Material": ("title",),
}


def forwards(apps, schema_editor):
    from core.content_translations import copy_to_default_language

    copy_to_default_language(apps, "events", TRANSLATED)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0005_content_translations"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
