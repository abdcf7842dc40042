"""Seed the smart-city competency taxonomy (clusters/taxonomy.py); staff extend it later."""

from django.db import migrations


def seed_taxonomy(apps, schema_editor):
    from clusters.taxonomy import ensure_taxonomy

    ensure_taxonomy(
        apps.get_model("clusters", "CompetencyArea"), apps.get_model("clusters", "Competency")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("clusters", "0003_search_indexes"),
    ]

    operations = [
        migrations.RunPython(seed_taxonomy, migrations.RunPython.noop),
    ]
