# ruff: noqa: S608 - every statement is built from the constants below, never from input.
"""The SQLite quick start's full-text index: an FTS5 table over clusters_company.

External content (the rows stay in clusters_company) kept in step by triggers, so every
write (save, bulk_update, update) is indexed. SQLite drops a table's triggers when a schema
change rebuilds the table, so `ensure_index` runs after every migrate as well
(clusters.apps) and rebuilds the index when a trigger was missing. PostgreSQL never uses
any of this (its search vector lives on the company row).
"""

TABLE = "clusters_company_fts"
COLUMNS = "name, search_document, description"
_NEW = "new.id, new.name, new.search_document, new.description"
_OLD = "old.id, old.name, old.search_document, old.description"

CREATE_TABLE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5({COLUMNS}, "
    "content='clusters_company', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')"
)
TRIGGERS = {
    f"{TABLE}_ai": (
        f"CREATE TRIGGER IF NOT EXISTS {TABLE}_ai AFTER INSERT ON clusters_company BEGIN "
        f"INSERT INTO {TABLE}(rowid, {COLUMNS}) VALUES ({_NEW}); END"
    ),
    f"{TABLE}_ad": (
        f"CREATE TRIGGER IF NOT EXISTS {TABLE}_ad AFTER DELETE ON clusters_company BEGIN "
        f"INSERT INTO {TABLE}({TABLE}, rowid, {COLUMNS}) VALUES ('delete', {_OLD}); END"
    ),
    f"{TABLE}_au": (
        f"CREATE TRIGGER IF NOT EXISTS {TABLE}_au AFTER UPDATE ON clusters_company BEGIN "
        f"INSERT INTO {TABLE}({TABLE}, rowid, {COLUMNS}) VALUES ('delete', {_OLD}); "
        f"INSERT INTO {TABLE}(rowid, {COLUMNS}) VALUES ({_NEW}); END"
    ),
}


def ensure_index(connection):
    """Create the FTS5 table and its triggers if missing; rebuild the index if anything
    was missing. Returns True when it rebuilt."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        tables = {t.name for t in connection.introspection.get_table_list(cursor)}
        if "clusters_company" not in tables:
            return False
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        existing = {row[0] for row in cursor.fetchall()}
        if TABLE in tables and set(TRIGGERS) <= existing:
            return False
        cursor.execute(CREATE_TABLE)
        for sql in TRIGGERS.values():
            cursor.execute(sql)
        cursor.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')")
    return True


def drop_index(connection):
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name in TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
