"""Trigram indexes for the admin's company search (PostgreSQL only).

The admin searches name, VAT number, city and slug with `icontains`, which PostgreSQL runs
as `UPPER(column) LIKE UPPER('%term%')`: without an index on each of them, every search
of the company list scanned the whole table (about 150 ms at 100k companies). With one
per column the planner ORs four index scans. The SQLite quick start needs none.
"""

from django.db import migrations

COLUMNS = ("name", "vat_number", "city", "slug")


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS company_{column}_upper_trgm "
            f"ON clusters_company USING GIN ((UPPER({column}::text)) gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS company_{column}_upper_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("clusters", "0013_search_config"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
