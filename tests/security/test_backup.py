"""`make backup` / `make restore`: everything written comes back in a fresh database."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg2
import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from clusters.models import Cluster
from core.models import SitePage

BASE_DIR = Path(__file__).resolve().parent.parent.parent

pytestmark = pytest.mark.django_db(transaction=True)


def database_url(name):
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{name}"


def admin_connection():
    db = connection.settings_dict
    conn = psycopg2.connect(
        dbname="postgres",
        user=db["USER"],
        password=db.get("PASSWORD") or None,
        host=db["HOST"],
        port=db["PORT"] or 5432,
    )
    conn.autocommit = True
    return conn


@pytest.fixture
def fresh_database():
    name = f"c2f_restore_{uuid.uuid4().hex[:12]}"
    # Not `with conn`: psycopg2 would wrap CREATE DATABASE in a transaction.
    conn = admin_connection()
    with conn.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    conn.close()
    yield name
    conn = admin_connection()
    with conn.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    conn.close()


def query(name, sql):
    db = connection.settings_dict
    with (
        psycopg2.connect(
            dbname=name,
            user=db["USER"],
            password=db.get("PASSWORD") or None,
            host=db["HOST"],
            port=db["PORT"] or 5432,
        ) as conn,
        conn.cursor() as cursor,
    ):
        cursor.execute(sql)
        return cursor.fetchall()


def run_script(script, env, *args):
    return subprocess.run(  # noqa: S603 - our own scripts
        [sys.executable, str(BASE_DIR / "scripts" / script), *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        cwd=BASE_DIR,
    )


@pytest.fixture
def content(settings):
    """Rows in several tables and media files (one nested, one with a non-ASCII name)."""
    cluster = Cluster.objects.create(
        acronym="DEMO", name="Demo cluster (fictional, for the backup test)", slug="demo-backup"
    )
    SitePage.objects.create(slug="backup-check", title="Backup check", lead="Lead ✓ ü")
    get_user_model().objects.create_user("restored", "restored@example.org", "Pw-2022-restore!")
    media = Path(settings.MEDIA_ROOT)
    (media / "logos").mkdir(parents=True)
    (media / "logos" / "demo.png").write_bytes(b"\x89PNG fake logo bytes")
    (media / "materials" / "2022").mkdir(parents=True)
    (media / "materials" / "2022" / "programme-annex-1.pdf").write_bytes(b"%PDF-1.4 annex")
    return {"cluster": cluster, "media": media}


def backup(tmp_path, settings):
    env = {
        "DATABASE_URL": database_url(connection.settings_dict["NAME"]),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "BACKUP_DIR": str(tmp_path / "backups"),
    }
    result = run_script("backup.py", env)
    assert result.returncode == 0, result.stderr
    (directory,) = (tmp_path / "backups").iterdir()
    return directory


def test_backup_writes_a_dump_a_media_archive_and_a_manifest(tmp_path, settings, content):
    directory = backup(tmp_path, settings)
    assert (directory / "database.dump").read_bytes().startswith(b"PGDMP")
    manifest = json.loads((directory / "manifest.json").read_text())
    assert manifest["media_files"] == 2
    assert manifest["database"] == connection.settings_dict["NAME"]


def test_restore_into_a_fresh_database_finds_every_row_and_file(
    tmp_path, settings, content, fresh_database
):
    directory = backup(tmp_path, settings)
    restored_media = tmp_path / "restored-media"
    result = run_script(
        "restore.py",
        {
            "RESTORE_DATABASE_URL": database_url(fresh_database),
            "RESTORE_MEDIA_ROOT": str(restored_media),
        },
        str(directory),
    )
    assert result.returncode == 0, result.stderr
    assert fresh_database in result.stdout

    for model in (Cluster, SitePage, get_user_model()):
        table = model._meta.db_table
        expected = sorted(model.objects.values_list("pk", flat=True))
        rows = query(fresh_database, f"SELECT id FROM {table} ORDER BY id")  # noqa: S608
        assert [row[0] for row in rows] == expected, table
    assert query(fresh_database, "SELECT lead FROM core_sitepage WHERE slug = 'backup-check'") == [
        ("Lead ✓ ü",)
    ]
    assert query(
        fresh_database, "SELECT acronym, name FROM clusters_cluster WHERE slug = 'demo-backup'"
    ) == [("DEMO", content["cluster"].name)]
    # Migrations history comes back too, so the restored database is ready to serve.
    applied = query(fresh_database, "SELECT count(*) FROM django_migrations")[0][0]
    assert applied > 0

    for source in content["media"].rglob("*"):
        if source.is_file():
            copy = restored_media / source.relative_to(content["media"])
            assert copy.read_bytes() == source.read_bytes()


def test_restore_refuses_a_database_that_is_not_empty(tmp_path, settings, content):
    directory = backup(tmp_path, settings)
    result = run_script(
        "restore.py",
        {
            "RESTORE_DATABASE_URL": database_url(connection.settings_dict["NAME"]),
            "RESTORE_MEDIA_ROOT": str(tmp_path / "elsewhere"),
        },
        str(directory),
    )
    assert result.returncode == 2
    assert "is not empty" in result.stderr
    assert "FORCE=1" in result.stderr
    assert not (tmp_path / "elsewhere").exists()


def test_restore_with_force_replaces_the_contents(tmp_path, settings, content, fresh_database):
    directory = backup(tmp_path, settings)
    env = {
        "RESTORE_DATABASE_URL": database_url(fresh_database),
        "RESTORE_MEDIA_ROOT": str(tmp_path / "restored-media"),
    }
    assert run_script("restore.py", env, str(directory)).returncode == 0
    query_sql = "UPDATE core_sitepage SET lead = 'changed after backup' RETURNING id"
    assert query(fresh_database, query_sql)

    refused = run_script("restore.py", env, str(directory))
    assert refused.returncode == 2

    forced = run_script("restore.py", {**env, "FORCE": "1"}, str(directory))
    assert forced.returncode == 0, forced.stderr
    assert query(fresh_database, "SELECT lead FROM core_sitepage WHERE slug = 'backup-check'") == [
        ("Lead ✓ ü",)
    ]


def test_restore_without_target_says_what_is_missing(tmp_path, settings, content):
    directory = backup(tmp_path, settings)
    env = {k: v for k, v in os.environ.items() if k != "RESTORE_DATABASE_URL"}
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(BASE_DIR / "scripts" / "restore.py"), str(directory)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "RESTORE_DATABASE_URL is not set" in result.stderr


def test_restore_refuses_an_incomplete_backup(tmp_path, fresh_database):
    incomplete = tmp_path / "20220629T100000Z"
    incomplete.mkdir()
    (incomplete / "manifest.json").write_text("{}")
    result = run_script(
        "restore.py", {"RESTORE_DATABASE_URL": database_url(fresh_database)}, str(incomplete)
    )
    assert result.returncode == 1
    assert "not a complete backup" in result.stderr
