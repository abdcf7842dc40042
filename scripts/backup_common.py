"""Shared by scripts/backup.py and scripts/restore.py: where things are, how to reach them.

Configuration comes from the same environment variables as c2future/settings.py, parsed
by the same library (django-environ), without importing Django (no SECRET_KEY needed).
"""

import os
import subprocess
import sys
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent
DATABASE_DUMP = "database.dump"
MEDIA_ARCHIVE = "media.tar.gz"
MANIFEST = "manifest.json"


def fail(message, code=1):
    print(f"error: {message}", file=sys.stderr)
    sys.exit(code)


def backup_root():
    return Path(os.environ.get("BACKUP_DIR") or BASE_DIR / "var" / "backups")


def media_root():
    return Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "var" / "media")


def postgres_target(variable):
    """libpq connection options and environment for the database named by `variable`."""
    url = os.environ.get(variable)
    if not url:
        fail(f"{variable} is not set (e.g. postgres://user:password@host:5432/name).")
    config = environ.Env.db_url_config(url)
    if "postgresql" not in config["ENGINE"]:
        fail(f"{variable} must point at PostgreSQL; backups use pg_dump/pg_restore.")
    options = []
    if config.get("HOST"):
        options += ["--host", str(config["HOST"])]
    if config.get("PORT"):
        options += ["--port", str(config["PORT"])]
    if config.get("USER"):
        options += ["--username", config["USER"]]
    env = {**os.environ}
    # The password travels in the environment, never on the command line (ps shows it).
    if config.get("PASSWORD"):
        env["PGPASSWORD"] = config["PASSWORD"]
    return config, options, env


def run(command, env):
    result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        fail(f"{command[0]} failed:\n{result.stderr.strip()}")
    return result.stdout
