"""Trigram index on the search vocabulary (PostgreSQL only) and a backfill from the
companies' existing search documents."""

import re

from django.db import migrations

WORD = re.compile(r"[^\W\d_]{3,60}")


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS searchword_word_trgm "
            "ON clusters_searchword USING GIN (word gin_trgm_ops)"
        )
        # Trigram matching moved from whole documents (slow rechecks at 100,000
        # companies) to the vocabulary: the document-level indexes are no longer used.
        schema_editor.execute("DROP INDEX IF EXISTS company_search_document_trgm")
        schema_editor.execute("DROP INDEX IF EXISTS company_name_trgm")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS searchword_word_trgm")
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS company_search_document_trgm "
            "ON clusters_company USING GIN (search_document gin_trgm_ops)"
        )
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS company_name_trgm "
            "ON clusters_company USING GIN (name gin_trgm_ops)"
        )


def backfill(apps, schema_editor):
    Company = apps.get_model("clusters", "Company")
    SearchWord = apps.get_model("clusters", "SearchWord")
    words = set()
    for document, description in Company.objects.values_list(
        "search_document", "description"
    ).iterator():
        words.update(w.lower() for w in WORD.findall(f"{document} {description}"))
    SearchWord.objects.bulk_create(
        [SearchWord(word=word) for word in sorted(words)], ignore_conflicts=True, batch_size=1000
    )


class Migration(migrations.Migration):
    dependencies = [
        ("clusters", "0006_search_vocabulary"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index, elidable=False),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
