"""GIN indexes for the directory search, on PostgreSQL only.

The full-text index covers the stored weighted vector; the trigram index lets a misspelt
query ("charing stations") still match the search document. Other databases (the SQLite
quick start) search with icontains and need neither.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = [
    (
        "company_search_vector_gin",
        "CREATE INDEX IF NOT EXISTS company_search_vector_gin "
        "ON clusters_company USING GIN (search_vector)",
    ),
    (
        "company_search_document_trgm",
        "CREATE INDEX IF NOT EXISTS company_search_document_trgm "
        "ON clusters_company USING GIN (search_document gin_trgm_ops)",
    ),
    (
        "company_name_trgm",
        "CREATE INDEX IF NOT EXISTS company_name_trgm "
        "ON clusters_company USING GIN (name gin_trgm_ops)",
    ),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _name, sql in INDEXES:
        schema_editor.execute(sql)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _sql in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("clusters", "0002_company_search_document"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
