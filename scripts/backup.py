"""`make backup`: the database (pg_dump, custom format) and the media files, together.

Writes var/backups/<UTC timestamp>/ (or $BACKUP_DIR/<timestamp>/) with database.dump,
media.tar.gz and manifest.json, and prints the directory. Restore with `make restore`.
"""

import json
import tarfile
from datetime import UTC, datetime

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


def main():
    config, options, env = postgres_target("DATABASE_URL")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = backup_root() / stamp
    try:
        target.mkdir(parents=True)
    except FileExistsError:
        fail(f"{target} already exists.")

    run(
        [
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            "--file",
            str(target / DATABASE_DUMP),
            *options,
            config["NAME"],
        ],
        env,
    )

    media = media_root()
    media_files = 0
    with tarfile.open(target / MEDIA_ARCHIVE, "w:gz") as archive:
        if media.is_dir():
            for path in sorted(media.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    archive.add(path, arcname=str(path.relative_to(media)), recursive=False)
                    media_files += 1

    manifest = {
        "created": stamp,
        "database": config["NAME"],
        "media_root": str(media),
        "media_files": media_files,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"Backup written to {target} (database {config['NAME']}, {media_files} media files)")


if __name__ == "__main__":
    main()
