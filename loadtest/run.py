"""`make loadtest`: the portal under load on this machine, then a database check.

1. Creates the database (LOADTEST_DATABASE_URL, default
   postgres://postgres@127.0.0.1:5432/c2f_loadtest) if missing, migrates it, loads the demo
   content and makes sure a questionnaire campaign is open.
2. Starts gunicorn on 127.0.0.1 (DEBUG off, a random SECRET_KEY, SECURE_SSL=false,
   RATELIMIT_ENABLE=false, whitenoise serving collected static files).
3. Runs locust headless: LOADTEST_USERS (50) users, LOADTEST_BROWSE_SECONDS (60) of mixed
   browsing while LOADTEST_SUBMISSIONS (200) questionnaires are submitted.
4. Checks the database (loadtest/check.py) and prints the counts. Exit status 1 on any 5xx,
   failed submission, or submission not stored exactly once.
Other knobs: LOADTEST_PORT (8766), LOADTEST_WORKERS (gunicorn workers, 4).
"""

import os
import secrets
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import psycopg2

BASE_DIR = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WORK_DIR = BASE_DIR / "var" / "loadtest"


def log(message):
    print(f"[loadtest {datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


def settings_from_env():
    url = os.environ.get("LOADTEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/c2f_loadtest")
    return {
        "database_url": url,
        "port": int(os.environ.get("LOADTEST_PORT", "8766")),
        "workers": os.environ.get("LOADTEST_WORKERS", "4"),
        "users": os.environ.get("LOADTEST_USERS", "50"),
        "submissions": os.environ.get("LOADTEST_SUBMISSIONS", "200"),
        "browse_seconds": os.environ.get("LOADTEST_BROWSE_SECONDS", "60"),
        "run_id": datetime.now(UTC).strftime("%Y%m%d%H%M%S"),
    }


def child_env(config):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "c2future.settings",
        "DATABASE_URL": config["database_url"],
        "DEBUG": "false",
        # A throwaway key for a loopback-only server.
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL": "false",
        "RATELIMIT_ENABLE": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_ROOT": str(WORK_DIR / "static"),
        "MEDIA_ROOT": str(WORK_DIR / "media"),
        "EMAIL_URL": "consolemail://",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(BASE_DIR),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def run(env, *args, timeout=900):
    return subprocess.run(  # noqa: S603 - our own interpreter and scripts
        [sys.executable, *args], cwd=BASE_DIR, env=env, check=True, timeout=timeout
    )


def ensure_database(url):
    server, name = url.rsplit("/", 1)
    connection = psycopg2.connect(f"{server}/postgres", connect_timeout=5)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            log(f"creating database {name}")
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def wait_for(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:  # refused, reset or timed out while gunicorn starts
            pass
        time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer {url} within {timeout} s")


def main():
    config = settings_from_env()
    env = child_env(config)
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    ensure_database(config["database_url"])
    log("migrating, loading demo content, collecting static files")
    run(env, "manage.py", "migrate", "--noinput", "-v0")
    run(env, "manage.py", "load_demo", "-v0")
    run(env, "manage.py", "collectstatic", "--noinput", "-v0")
    data_file = WORK_DIR / "data.json"
    run(env, "loadtest/prepare.py", str(data_file))

    host = f"http://127.0.0.1:{config['port']}"
    log(f"starting gunicorn ({config['workers']} workers) on {host}")
    gunicorn = subprocess.Popen(  # noqa: S603
        [
            str(BIN / "gunicorn"),
            "c2future.wsgi",
            "--workers",
            config["workers"],
            "--bind",
            f"127.0.0.1:{config['port']}",
            "--log-level",
            "warning",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=open(WORK_DIR / "gunicorn.log", "w"),  # noqa: SIM115
        stderr=subprocess.STDOUT,
    )
    summary_file = WORK_DIR / f"summary-{config['run_id']}.json"
    try:
        wait_for(host + "/healthz")
        log(
            f"locust: {config['users']} users, {config['browse_seconds']} s of browsing, "
            f"{config['submissions']} submissions"
        )
        subprocess.run(  # noqa: S603
            [
                str(BIN / "locust"),
                "-f",
                str(BASE_DIR / "loadtest" / "locustfile.py"),
                "--headless",
                "--users",
                config["users"],
                "--spawn-rate",
                "25",
                "--run-time",
                "600s",
                "--host",
                host,
                "--csv",
                str(WORK_DIR / f"locust-{config['run_id']}"),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=BASE_DIR,
            env={
                **env,
                "LOADTEST_DATA": str(data_file),
                "LOADTEST_OUT": str(summary_file),
                "LOADTEST_RUN_ID": config["run_id"],
                "LOADTEST_SUBMISSIONS": config["submissions"],
                "LOADTEST_BROWSE_SECONDS": config["browse_seconds"],
            },
            timeout=900,
        )
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
    log("checking the database")
    result = subprocess.run(  # noqa: S603
        [sys.executable, "loadtest/check.py", str(summary_file)], cwd=BASE_DIR, env=env
    )
    sys.exit(result.returncode)


if __name__ == "__main__":
    main()
