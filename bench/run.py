"""`make bench`: measure the portal under load on this machine and write bench/RESULTS.md.

Steps: create (or reuse) a separate PostgreSQL database per data size, migrate, generate
the dataset unless it is already there, collectstatic, count SQL queries per page, start
gunicorn (bench.settings, DEBUG off, 2 workers, whitenoise) on 127.0.0.1, warm every page
up, drive each page with locust headless at a fixed concurrency (once on one URL, once
with a new URL per request to miss the whole-page cache), sample the workers' RSS,
then write the table. Everything goes to 127.0.0.1 and every step is bounded in time.

Environment: BENCH_COMPANIES (100000), BENCH_SEED (1), BENCH_USERS (concurrency, 4),
BENCH_DURATION (seconds per page, 25), BENCH_WARMUP (seconds per page, 3), BENCH_PORT
(8765), BENCH_POSTGRES (postgres://postgres@127.0.0.1:5432).
"""

import csv
import datetime
import json
import os
import platform
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
# Printed by generate_bench_data --if-missing (kept in one place: core's command).
ALREADY_PRESENT = "The generated dataset is already present"
RESULTS_FILE = BASE_DIR / "bench" / "RESULTS.md"
WORK_DIR = BASE_DIR / "var" / "bench"
SECTION_START = "<!-- bench-results:{label}:start -->"
SECTION_END = "<!-- bench-results:{label}:end -->"


def size_label(companies):
    """1000 -> "1k", 100000 -> "100k", 50 -> "50"."""
    if companies >= 1000 and companies % 1000 == 0:
        return f"{companies // 1000}k"
    return str(companies)


def database_name(companies):
    return f"c2f_bench_{size_label(companies)}"


class Config:
    def __init__(self, environ=os.environ):
        self.companies = int(environ.get("BENCH_COMPANIES", "100000"))
        self.seed = int(environ.get("BENCH_SEED", "1"))
        self.users = int(environ.get("BENCH_USERS", "4"))
        self.duration = int(environ.get("BENCH_DURATION", "25"))
        self.warmup = float(environ.get("BENCH_WARMUP", "3"))
        self.port = int(environ.get("BENCH_PORT", "8765"))
        self.postgres = environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
        self.label = size_label(self.companies)
        self.database = database_name(self.companies)
        self.database_url = f"{self.postgres.rstrip('/')}/{self.database}"
        self.host = f"http://127.0.0.1:{self.port}"

    def child_env(self):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": self.database_url,
            "DEBUG": "false",
            # A throwaway key for a loopback-only benchmark server.
            "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY", "bench-only-key-not-a-secret"),
            "SECURE_SSL": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "STATIC_ROOT": str(WORK_DIR / "static"),
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(BASE_DIR),
        }
        # Production-like: the cache is whatever CACHE_URL says (locmem per worker if unset).
        env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        return env


def log(message):
    print(f"[bench {datetime.datetime.now(datetime.UTC):%H:%M:%S}] {message}", flush=True)


def run(config, *args, timeout=900, **kwargs):
    """Run our own venv's Python with the benchmark environment (fixed argv, no shell)."""
    return subprocess.run(  # noqa: S603
        [PYTHON, *args],
        cwd=BASE_DIR,
        env=config.child_env(),
        check=True,
        timeout=timeout,
        **kwargs,
    )


def ensure_database(config):
    import psycopg2

    connection = psycopg2.connect(f"{config.postgres.rstrip('/')}/postgres", connect_timeout=5)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config.database])
        if cursor.fetchone() is None:
            log(f"creating database {config.database}")
            cursor.execute(f'CREATE DATABASE "{config.database}"')
        else:
            log(f"reusing database {config.database}")
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    connection.close()
    return version


def prepare(config):
    log("migrating")
    run(config, "manage.py", "migrate", "--noinput", "-v0")
    log(f"generating {config.companies} companies (seed {config.seed}) unless already there")
    started = time.monotonic()
    output = run(
        config,
        "manage.py",
        "generate_bench_data",
        "--companies",
        str(config.companies),
        "--seed",
        str(config.seed),
        "--if-missing",
        timeout=1200,
        capture_output=True,
        text=True,
    ).stdout
    print(output, end="")
    generation_seconds = None if ALREADY_PRESENT in output else time.monotonic() - started
    log("collectstatic")
    run(config, "manage.py", "collectstatic", "--noinput", "-v0")
    return generation_seconds


def count_queries(config):
    log("counting SQL queries per page (Django test client, cold then warm cache)")
    out = WORK_DIR / f"pages-{config.label}.json"
    run(config, "-m", "bench.pages", "--out", str(out), timeout=600)
    return json.loads(out.read_text())


def session_cookies(pages):
    """{page name: Cookie header} of the signed-in pages, taken off the rows so that no
    session key reaches the results files."""
    return {p["name"]: p.pop("session_cookie") for p in pages if "session_cookie" in p}


def time_after_write(config):
    log("first request after a write (Django test client, one process)")
    out = WORK_DIR / f"after-write-{config.label}.json"
    run(config, "-m", "bench.pages", "--after-write", str(out), timeout=600)
    return json.loads(out.read_text())


# ---- gunicorn --------------------------------------------------------------------------


def start_gunicorn(config):
    log(f"starting gunicorn on {config.host} (2 workers)")
    process = subprocess.Popen(  # noqa: S603 - fixed argv, our own venv
        [
            str(BIN / "gunicorn"),
            "c2future.wsgi:application",
            "--bind",
            f"127.0.0.1:{config.port}",
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        cwd=BASE_DIR,
        env=config.child_env(),
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited during start-up")
        try:
            with urllib.request.urlopen(f"{config.host}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return process
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    stop_gunicorn(process)
    raise RuntimeError("gunicorn did not answer /healthz within 60 s")


def stop_gunicorn(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def worker_rss(process):
    """RSS in MiB of each gunicorn worker (children of the master we started)."""
    import psutil

    master = psutil.Process(process.pid)
    return sorted(round(child.memory_info().rss / 2**20, 1) for child in master.children())


def warm_up(config, path, cookie=""):
    """Request `path` for the warm-up time; a signed-in page with its session cookie (without
    it the admin answered a redirect to its sign-in page, and the first measured requests
    loaded the admin's modules and templates: memory growth counted as the run's)."""
    deadline = time.monotonic() + config.warmup
    requests = 0
    headers = {"Cookie": cookie} if cookie else {}
    # The configured local gunicorn over http, never a user-given scheme.
    request = urllib.request.Request(config.host + path, headers=headers)  # noqa: S310
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                response.read()
        except (urllib.error.URLError, TimeoutError, ConnectionError):
            pass  # locust records errors and timeouts; warming only needs the request
        requests += 1
    return requests


# ---- locust ------------------------------------------------------------------------------


def run_locust(config, name, path, bust_page_cache=False, cookie=""):
    suffix = "-uncached" if bust_page_cache else ""
    prefix = WORK_DIR / f"locust-{config.label}-{name}{suffix}"
    env = {
        **config.child_env(),
        "BENCH_PATH": path,
        "BENCH_BUST": "1" if bust_page_cache else "",
        "BENCH_COOKIE": cookie,
    }
    with open(f"{prefix}.log", "w", encoding="utf-8") as log_file:
        _run_locust_process(config, env, prefix, log_file)
    return parse_locust_stats(Path(f"{prefix}_stats.csv"))


def _run_locust_process(config, env, prefix, log_file):
    subprocess.run(  # noqa: S603 - fixed argv, our own venv
        [
            str(BIN / "locust"),
            "-f",
            str(BASE_DIR / "bench" / "locustfile.py"),
            "--headless",
            "--only-summary",
            "--users",
            str(config.users),
            "--spawn-rate",
            str(config.users),
            "--run-time",
            f"{config.duration}s",
            "--stop-timeout",
            "5",
            "--host",
            config.host,
            "--csv",
            str(prefix),
            "--loglevel",
            "WARNING",
            "--exit-code-on-error",
            "0",
        ],
        cwd=BASE_DIR,
        env=env,
        check=True,
        timeout=config.duration + 60,
        # locust's own summary goes to a log beside the CSVs; RESULTS.md has the numbers.
        stdout=log_file,
        stderr=subprocess.STDOUT,
    )


def measure_load(config, page, bust_page_cache=False, cookies=None):
    """Drive one page with locust and keep its numbers on the page ("load" or, past the
    page cache, "load_uncached"); a signed-in page is requested with its session cookie."""
    key = "load_uncached" if bust_page_cache else "load"
    how = "load, page cache missed" if bust_page_cache else "load"
    log(f"{how}: {page['label']} ({page['path']})")
    cookie = (cookies or {}).get(page["name"], "")
    load = page[key] = run_locust(config, page["name"], page["path"], bust_page_cache, cookie)
    log(f"  {load['rps']:.1f} req/s, p95 {load['p95']:.0f} ms, {load['failures']} failures")


def parse_locust_stats(csv_path):
    """The aggregated row of locust's `<prefix>_stats.csv` as numbers."""
    with open(csv_path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    row = next(r for r in rows if r["Name"] == "Aggregated")
    return {
        "requests": int(row["Request Count"]),
        "failures": int(row["Failure Count"]),
        "rps": float(row["Requests/s"]),
        "p50": float(row["50%"]),
        "p95": float(row["95%"]),
        "p99": float(row["99%"]),
        "mean": float(row["Average Response Time"]),
    }


# ---- results -----------------------------------------------------------------------------


def render_table(results):
    pages = results["pages"]
    baseline = next((p for p in pages if p["name"] == "baseline" and p.get("load")), None)
    base_rps = baseline["load"]["rps"] if baseline else None

    def ratio(load):
        return f"{load['rps'] / base_rps:.0%}" if base_rps else "–"

    memory = results["memory"]
    lines = [
        f"Run {results['finished']} · {results['companies']:,} companies "
        f"(seed {results['seed']}, database `{results['database']}`) · "
        f"{results['users']} concurrent users, {results['duration']} s per page after a "
        f"{results['warmup']:g} s warm-up.",
        "",
        f"Machine: {results['machine']['cores']} cores, Python {results['machine']['python']}, "
        f"PostgreSQL {results['machine']['postgresql']}, gunicorn 2 sync workers, "
        f"cache `{results['machine']['cache']}`. "
        + (
            f"Dataset generated in {results['generation_seconds']:.0f} s."
            if results["generation_seconds"] is not None
            else "Dataset reused from an earlier run."
        ),
        "",
        "Each page is measured twice: as repeated visits to one URL (answered by the "
        "whole-page cache once warm), then with every request a new URL of the same page "
        "(an unread `_bench` parameter), which misses the page cache and shows what the "
        "first visitor of a page gets; the data caches behind it stay warm.",
        "",
        "| Page | Path | Status | req/s | p50 ms | p95 ms | p99 ms | failures | vs baseline "
        "| page cache missed: req/s | p95 ms | vs baseline | SQL queries (page cached / "
        "missed / cold) |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for page in pages:
        load = page.get("load")
        path = f"`{page['path']}`" if page.get("path") else "not routed yet"
        status = str(page.get("status") or "–")
        if page.get("placeholder"):
            status += " (placeholder)"
        if page.get("signed_in"):
            status += " (signed in)"
        if load:
            numbers = (
                f"{load['rps']:.1f} | {load['p50']:.0f} | {load['p95']:.0f} | "
                f"{load['p99']:.0f} | {load['failures']} | {ratio(load)}"
            )
        else:
            numbers = "– | – | – | – | – | –"
        missed = page.get("load_uncached")
        if missed:
            numbers += f" | {missed['rps']:.1f} | {missed['p95']:.0f} | {ratio(missed)}"
        else:
            numbers += " | – | – | –"
        queries = (
            f"{page['queries']} / {page.get('queries_uncached', '–')} / {page['queries_cold']}"
            if page.get("queries") is not None
            else "–"
        )
        lines.append(f"| {page['label']} | {path} | {status} | {numbers} | {queries} |")
    lines += render_after_write(results.get("after_write"))
    growth = memory.get("growth")
    lines += [
        "",
        f"Gunicorn worker RSS (MiB): after start {memory['start']}, after warm-up "
        f"{memory['warm']}, at the end {memory['end']}; growth from warm-up to end "
        f"{growth:+.1%}."
        if growth is not None
        else "Gunicorn worker RSS: not measured.",
    ]
    return "\n".join(lines)


def render_after_write(rows):
    """Lines of the "first request after a write" table (none when it was not measured)."""
    if not rows:
        return []
    lines = [
        "",
        "Signed-in pages (staff) never come from the page cache: their one pass is past it.",
        "",
        "First request after a write: each page warmed, then a published company saved "
        f"through the ORM and the page requested once, cold ({len(rows[0]['ms'])} writes; "
        "Django test client in one process, so the write retires the caches it reads).",
        "",
        "| Page | Path | Status | ms per first request | max ms | SQL queries |",
        "| --- | --- | --- | --- | ---: | --- |",
    ]
    for row in rows:
        timings = ", ".join(f"{ms:.0f}" for ms in row["ms"])
        statuses = "/".join(sorted({str(status) for status in row["status"]}))
        queries = ", ".join(str(count) for count in row["queries"])
        lines.append(
            f"| {row['label']} | `{row['path']}` | {statuses} | {timings} | "
            f"{max(row['ms']):.0f} | {queries} |"
        )
    return lines


def write_results(results, results_file=RESULTS_FILE):
    """Replace this size's section of RESULTS.md (other sections and notes stay)."""
    label = results["label"]
    start, end = SECTION_START.format(label=label), SECTION_END.format(label=label)
    section = f"{start}\n### {label} companies\n\n{render_table(results)}\n{end}"
    text = results_file.read_text(encoding="utf-8") if results_file.exists() else ""
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _match: section, text)
    else:
        marker = "<!-- bench-results:insert-above -->"
        if marker in text:
            text = text.replace(marker, f"{section}\n\n{marker}")
        else:
            text = (text.rstrip() + "\n\n" if text else "# Benchmark results\n\n") + section
            text += "\n"
    results_file.write_text(text, encoding="utf-8")


def write_plans(results):
    """The slowest query of each page with its EXPLAIN ANALYZE, for the page owners."""
    lines = [f"# Slowest query per page, {results['label']} companies ({results['finished']})"]
    for page in results["pages"]:
        worst = page.get("slowest_query")
        if not worst:
            continue
        lines += [
            "",
            f"## {page['label']} — {worst['ms']} ms (cold request)",
            "",
            "```sql",
            worst["sql"],
            "```",
            "",
            "```",
            page.get("slowest_plan", ""),
            "```",
        ]
    path = BASE_DIR / "bench" / f"PLANS-{results['label']}.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main():
    config = Config()
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    postgres_version = ensure_database(config)
    generation_seconds = prepare(config)
    pages = count_queries(config)
    cookies = session_cookies(pages)
    process = start_gunicorn(config)
    memory = {}
    try:
        memory["start"] = worker_rss(process)
        measurable = [p for p in pages if p.get("path") and p.get("status") == 200]
        for page in measurable:
            warm_up(config, page["path"], cookies.get(page["name"], ""))
        memory["warm"] = worker_rss(process)
        for page in measurable:
            measure_load(config, page, cookies=cookies)
        for page in measurable:
            # Signed-in pages never come from the page cache: their first pass is past it.
            if page["name"] != "baseline" and not page.get("signed_in"):
                measure_load(config, page, bust_page_cache=True)
        memory["end"] = worker_rss(process)
    finally:
        stop_gunicorn(process)
    after_write = time_after_write(config)
    memory["growth"] = (
        (sum(memory["end"]) - sum(memory["warm"])) / sum(memory["warm"])
        if memory.get("warm") and memory.get("end")
        else None
    )
    results = {
        "label": config.label,
        "companies": config.companies,
        "seed": config.seed,
        "database": config.database,
        "users": config.users,
        "duration": config.duration,
        "warmup": config.warmup,
        "generation_seconds": generation_seconds,
        "finished": f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "postgresql": postgres_version,
            "cache": os.environ.get("CACHE_URL", "locmem (per worker)"),
        },
        "memory": memory,
        "pages": pages,
        "after_write": after_write,
    }
    (WORK_DIR / f"results-{config.label}.json").write_text(json.dumps(results, indent=2))
    write_results(results)
    plans = write_plans(results)
    print()
    print(render_table(results))
    print(
        f"\nWritten to {RESULTS_FILE.relative_to(BASE_DIR)}; query plans in "
        f"{plans.relative_to(BASE_DIR)}."
    )


if __name__ == "__main__":
    main()
