"""Where a page's time goes past the page cache: `python -m bench.profile [NAME ...]`.

Against the benchmark database (DJANGO_SETTINGS_MODULE=bench.settings, DATABASE_URL of
c2f_bench_100k), in one process with Django's test client: each page (the names of
bench.pages, all by default) is warmed, then requested `--repeats` times with a new URL each
time (past the whole-page cache, data caches warm) and its median and worst time printed.
`--profile` runs pyinstrument over those requests and prints the call tree, so the hot
templates and queries show up by name. Staff pages are requested signed in.
"""

import argparse
import os
import statistics
import sys
import time


def time_pages(names, repeats, profile=False):
    from django.test import Client

    from bench import pages

    client = Client(SERVER_NAME="127.0.0.1", raise_request_exception=False)
    staff = None
    # As locust's client asks: responses are compressed, as they are under load.
    headers = {"accept-encoding": "gzip, deflate, br"}
    chosen = [row for row in pages.discover() if row[2] and (not names or row[0] in names)]
    for name, label, path in chosen:
        visitor = client
        if name in pages.STAFF_PAGES:
            staff = staff or pages.signed_in_client()
            visitor = staff
        visitor.get(path, headers=headers)
        visitor.get(path, headers=headers)
        profiler = None
        if profile:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0005)
            profiler.start()
        timings = []
        for number in range(repeats):
            url = path if name in pages.STAFF_PAGES else pages.cache_busting(path, f"p{number}")
            started = time.perf_counter()
            visitor.get(url, headers=headers)
            timings.append((time.perf_counter() - started) * 1000)
        print(
            f"{name:<20} median {statistics.median(timings):7.1f} ms  "
            f"max {max(timings):7.1f} ms  ({label})",
            flush=True,
        )
        if profiler:
            profiler.stop()
            print(profiler.output_text(unicode=True, color=False, show_all=False))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*")
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    time_pages(args.names, args.repeats, profile=args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
