"""Existing values into the English columns of the translated fields (core/translation.py).

Fresh and existing databases alike: only empty English columns are filled.
"""

from django.db import migrations

TRANSLATED = {
    "SitePage": ("title", "lead", "body"),
}


def forwards(apps, schema_editor):
    from core.content_translations import copy_to_default_language

    copy_to_default_language(apps, "core", TRANSLATED)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_content_translations"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
