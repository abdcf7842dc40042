"""Accent-insensitive directory search on PostgreSQL (the partners' six languages).

The text search configuration `c2f_search` is a copy of `english` with `unaccent` before
the stemmer for every token type that may carry accents, so the stored vector and the query
fold "città"/"citta", "energía"/"energia", "Έξυπνη"/"Εξυπνη" to one lexeme, and the GIN
index on the stored vector keeps serving the query (no per-row function call).
clusters.selectors.search.SEARCH_CONFIG names it. Every company's search document and
vector are rebuilt here (clusters.services.refresh_search_documents on this migration's
models: a second per 1,000 companies or so) and the vocabulary is folded the same way
(`fold_accents`).

SQLite (the quick start) is left untouched: its FTS5 tokenizer already removes diacritics
(clusters.sqlite_fts, `remove_diacritics 2`).
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

CONFIG = "c2f_search"
# Token types whose text may hold non-ASCII letters (the ascii* types never have accents).
ACCENTED_TOKENS = "hword, hword_part, word"
ACCENTED_NUMBERED_TOKENS = "numhword, hword_numpart, numword"

# The stored vector as clusters.services.refresh_search_documents writes it (going back).
REBUILD_VECTORS = (
    "UPDATE clusters_company SET search_vector = "
    "setweight(to_tsvector(%(config)s::regconfig, coalesce(name, '')), 'A') || "
    "setweight(to_tsvector(%(config)s::regconfig, coalesce(search_document, '')), 'B') || "
    "setweight(to_tsvector(%(config)s::regconfig, coalesce(description, '')), 'C')"
)


def create_config(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")
    schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = english)")
    schema_editor.execute(
        f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} "
        f"ALTER MAPPING FOR {ACCENTED_TOKENS} WITH unaccent, english_stem"
    )
    schema_editor.execute(
        f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} "
        f"ALTER MAPPING FOR {ACCENTED_NUMBERED_TOKENS} WITH unaccent, simple"
    )


def drop_config(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    rebuild_vectors(apps, schema_editor, config="english")
    schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")


def rebuild_vectors(apps, schema_editor, config):
    schema_editor.execute(REBUILD_VECTORS, {"config": config})


def rebuild_search_documents(apps, schema_editor):
    from clusters.services import refresh_search_documents

    Company = apps.get_model("clusters", "Company")
    refresh_search_documents(Company.objects.values_list("pk", flat=True), apps=apps)


def fold_vocabulary(apps, schema_editor):
    """The vocabulary's words as queries compare them (accents folded); stale ones go."""
    from clusters.selectors.search import vocabulary_words

    SearchWord = apps.get_model("clusters", "SearchWord")
    stored = list(SearchWord.objects.values_list("word", flat=True))
    folded = vocabulary_words(" ".join(stored))
    SearchWord.objects.bulk_create(
        [SearchWord(word=word) for word in sorted(folded)], ignore_conflicts=True, batch_size=1000
    )
    unfolded = [word for word in stored if word not in folded]
    for start in range(0, len(unfolded), 1000):
        SearchWord.objects.filter(word__in=unfolded[start : start + 1000]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("clusters", "0012_content_translations_data"),
    ]

    operations = [
        UnaccentExtension(),
        migrations.RunPython(create_config, drop_config, elidable=False),
        migrations.RunPython(rebuild_search_documents, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(fold_vocabulary, migrations.RunPython.noop),
    ]
