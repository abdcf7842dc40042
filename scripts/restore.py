"""`make restore`: load a backup into the database named by RESTORE_DATABASE_URL.

Usage: RESTORE_DATABASE_URL=postgres://... python scripts/restore.py [BACKUP_DIR]
(default: the newest directory under var/backups). Media files go to RESTORE_MEDIA_ROOT
(default MEDIA_ROOT). A database that already has tables, or a media directory that
already has files, is refused unless FORCE=1; with FORCE=1 existing objects are replaced.
"""

import json
import os
import sys
import tarfile
from pathlib import Path

from backup_common import (
    DATABASE_DUMP,
    MANIFEST,
    MEDIA_ARCHIVE,
    backup_root,
    fail,
    media_root,
    postgres_target,
    run,
)

COUNT_TABLES = (
    "SELECT count(*) FROM information_schema.tables "
    "WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"
)


def chosen_backup(argv):
    if len(argv) > 1 and argv[1]:
        return Path(argv[1])
    candidates = sorted(p for p in backup_root().glob("*") if (p / MANIFEST).is_file())
    if not candidates:
        fail(f"No backup found under {backup_root()}; pass the backup directory.")
    return candidates[-1]


def main():
    source = chosen_backup(sys.argv)
    for name in (DATABASE_DUMP, MEDIA_ARCHIVE, MANIFEST):
        if not (source / name).is_file():
            fail(f"{source} is not a complete backup ({name} is missing).")
    force = os.environ.get("FORCE") == "1"
    config, options, env = postgres_target("RESTORE_DATABASE_URL")
    media = Path(os.environ.get("RESTORE_MEDIA_ROOT") or media_root())

    tables = int(
        run(["psql", "--no-psqlrc", "-tA", "-c", COUNT_TABLES, *options, config["NAME"]], env)
    )
    if tables and not force:
        fail(
            f"Database {config['NAME']} is not empty ({tables} tables); "
            "restore into an empty database or set FORCE=1 to replace its contents.",
            code=2,
        )
    if media.is_dir() and any(media.iterdir()) and not force:
        fail(f"{media} already holds files; set FORCE=1 to restore over them.", code=2)

    replace = ["--clean", "--if-exists"] if tables else []
    run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            *replace,
            "--dbname",
            config["NAME"],
            *options,
            str(source / DATABASE_DUMP),
        ],
        env,
    )

    media.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / MEDIA_ARCHIVE, "r:gz") as archive:
        # The "data" filter refuses absolute paths, "..", links and device files.
        archive.extractall(media, filter="data")

    manifest = json.loads((source / MANIFEST).read_text())
    print(
        f"Restored {source.name} into database {config['NAME']} "
        f"and {manifest['media_files']} media files into {media}"
    )


if __name__ == "__main__":
    main()
