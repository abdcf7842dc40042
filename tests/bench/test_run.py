"""The pieces of `make bench` that do not need a running server."""

import pytest

from bench import run


@pytest.mark.parametrize(
    ("companies", "label", "database"),
    [(100_000, "100k", "c2f_bench_100k"), (1000, "1k", "c2f_bench_1k"), (50, "50", "c2f_bench_50")],
)
def test_each_size_has_its_own_database(companies, label, database):
    assert run.size_label(companies) == label
    assert run.database_name(companies) == database
    config = run.Config({"BENCH_COMPANIES": str(companies)})
    assert config.database_url.endswith(f"/{database}")


def test_everything_goes_to_loopback():
    config = run.Config({})
    assert config.companies == 100_000
    assert config.host.startswith("http://127.0.0.1:")
    assert config.child_env()["ALLOWED_HOSTS"] == "127.0.0.1,localhost"
    assert config.child_env()["DJANGO_SETTINGS_MODULE"] == "bench.settings"
    assert config.child_env()["DEBUG"] == "false"


LOCUST_CSV = (
    "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,"
    "Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,"
    "50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%\n"
    "GET,/,500,0,20,22.5,10,90,5000,20.0,0.0,20,24,26,28,35,41,60,75,90,90,90\n"
    ",Aggregated,500,2,20,22.5,10,90,5000,20.0,0.1,20,24,26,28,35,41,60,75,90,90,90\n"
)


def test_parses_locusts_aggregated_row(tmp_path):
    path = tmp_path / "stats.csv"
    path.write_text(LOCUST_CSV)
    assert run.parse_locust_stats(path) == {
        "requests": 500,
        "failures": 2,
        "rps": 20.0,
        "p50": 20.0,
        "p95": 41.0,
        "p99": 75.0,
        "mean": 22.5,
    }


def results(label="1k", home_rps=50.0):
    load = {"rps": 200.0, "p50": 4, "p95": 8, "p99": 9, "failures": 0, "requests": 1}
    return {
        "label": label,
        "companies": 1000,
        "seed": 1,
        "database": "c2f_bench_1k",
        "users": 4,
        "duration": 25,
        "warmup": 3,
        "generation_seconds": None,
        "finished": "2026-11-25 16:00 UTC",
        "machine": {"cores": 2, "python": "3.11", "postgresql": "15", "cache": "locmem"},
        "memory": {"start": [60], "warm": [70], "end": [77], "growth": 0.1},
        "pages": [
            {
                "name": "baseline",
                "label": "Baseline",
                "path": "/bench/baseline",
                "status": 200,
                "queries": 0,
                "queries_cold": 0,
                "load": load,
            },
            {
                "name": "home",
                "label": "Home",
                "path": "/",
                "status": 200,
                "queries": 0,
                "queries_uncached": 2,
                "queries_cold": 5,
                "load": {**load, "rps": home_rps},
                "load_uncached": {**load, "rps": 20.0, "p95": 30},
            },
            {"name": "questionnaire", "label": "Questionnaire", "path": None, "status": None},
        ],
    }


def test_table_gives_the_ratio_to_the_baseline_and_marks_missing_pages():
    table = run.render_table(results())
    assert (
        "| Home | `/` | 200 | 50.0 | 4 | 8 | 9 | 0 | 25% | 20.0 | 30 | 10% | 0 / 2 / 5 |" in table
    )
    assert "| Questionnaire | not routed yet |" in table
    assert "+10.0%" in table


def test_results_replace_their_own_section_and_keep_the_notes(tmp_path):
    path = tmp_path / "RESULTS.md"
    path.write_text("# Results\n\nNotes written by hand.\n\n<!-- bench-results:insert-above -->\n")
    run.write_results(results("1k", home_rps=50.0), path)
    run.write_results(results("100k", home_rps=40.0), path)
    run.write_results(results("1k", home_rps=60.0), path)
    text = path.read_text()
    assert text.count("### 1k companies") == 1
    assert text.count("### 100k companies") == 1
    assert "60.0" in text and "| 50.0 |" not in text
    assert "Notes written by hand." in text
    assert text.index("### 1k companies") < text.index("<!-- bench-results:insert-above -->")


def test_table_marks_signed_in_pages_and_lists_the_first_requests_after_a_write():
    data = results()
    data["pages"].append(
        {
            "name": "admin_company",
            "label": "Staff: a company",
            "path": "/admin/clusters/company/1/change/",
            "status": 200,
            "signed_in": True,
            "queries": 20,
            "queries_uncached": 20,
            "queries_cold": 24,
            "load": {"rps": 40.0, "p50": 40, "p95": 90, "p99": 99, "failures": 0, "requests": 1},
        }
    )
    data["after_write"] = [
        {
            "name": "skills_map",
            "label": "Skills map",
            "path": "/skills-map/",
            "ms": [812.4, 95.0],
            "queries": [4, 4],
            "status": [200, 200],
        }
    ]
    table = run.render_table(data)
    assert "| Staff: a company | `/admin/clusters/company/1/change/` | 200 (signed in) |" in table
    assert "| Skills map | `/skills-map/` | 200 | 812, 95 | 812 | 4, 4 |" in table


def test_session_cookies_are_taken_off_the_rows():
    rows = [{"name": "home"}, {"name": "admin_company", "session_cookie": "sessionid=abc"}]
    assert run.session_cookies(rows) == {"admin_company": "sessionid=abc"}
    assert all("session_cookie" not in row for row in rows)


def test_the_warm_up_sends_a_signed_in_pages_session_cookie():
    import http.server
    import threading
    import types

    from bench.run import warm_up

    seen = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the standard library's name
            seen.append((self.path, self.headers.get("Cookie")))
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        config = types.SimpleNamespace(host=f"http://127.0.0.1:{server.server_port}", warmup=0.2)
        assert warm_up(config, "/admin/page/", "sessionid=abc") > 0
        assert warm_up(config, "/public/") > 0
    finally:
        server.shutdown()
    assert {cookie for path, cookie in seen if path == "/admin/page/"} == {"sessionid=abc"}
    assert {cookie for path, cookie in seen if path == "/public/"} == {None}
