"""SQLite only: an FTS5 index of the companies for the quick start's search (see
clusters.sqlite_fts). PostgreSQL keeps its own search vector and is left untouched."""

from django.db import migrations


def create_index(apps, schema_editor):
    from clusters.sqlite_fts import ensure_index

    ensure_index(schema_editor.connection)


def drop_index(apps, schema_editor):
    from clusters.sqlite_fts import drop_index

    drop_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("clusters", "0008_company_location_approximate"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
