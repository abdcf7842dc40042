"""Fill the configured database with a large, reproducible, generated dataset.

    python manage.py generate_bench_data --companies 100000 --seed 1

Refuses to run against a database holding content it did not generate, unless --force.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from bench import generate

ALREADY_PRESENT = "The generated dataset is already present: nothing to do."


class Command(BaseCommand):
    help = "Generate a reproducible benchmark dataset (companies, clusters, events, ...)."

    def add_arguments(self, parser):
        parser.add_argument("--companies", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--events", type=int, default=500)
        parser.add_argument("--submissions", type=int, default=2000)
        parser.add_argument(
            "--clusters",
            type=int,
            default=None,
            help="Extra generated clusters (default: companies / 300, between 2 and 300).",
        )
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help="Do nothing when the database already holds this many generated companies.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though the database holds content this command did not generate.",
        )

    def handle(self, *args, **options):
        for name in ("companies", "events", "submissions"):
            if options[name] < 0:
                raise CommandError(f"--{name} cannot be negative.")
        if options["if_missing"] and generate.dataset_present(
            companies=options["companies"], events=options["events"]
        ):
            self.stdout.write(ALREADY_PRESENT)
            return
        started = time.monotonic()
        log = self.stdout.write if options["verbosity"] > 1 else _quiet
        try:
            report = generate.generate(
                companies=options["companies"],
                seed=options["seed"],
                events=options["events"],
                submissions=options["submissions"],
                extra_clusters=options["clusters"],
                force=options["force"],
                log=log,
            )
        except generate.NonGeneratedDataError as error:
            raise CommandError(
                f"This database holds data the generator did not create ({error}). "
                "Use a separate database, or pass --force to add generated data anyway."
            ) from error
        elapsed = time.monotonic() - started
        if options["verbosity"]:
            self.stdout.write(
                f"Generated {report.companies} companies, {report.clusters} extra clusters, "
                f"{report.offerings} offerings, {report.competency_links} competency links, "
                f"{report.markets} markets, {report.events} events ({report.sessions} sessions, "
                f"{report.talks} talks, {report.materials} materials, {report.speakers} "
                f"speakers), {report.submissions} submissions in {elapsed:.1f} s."
            )
            for note in report.notes:
                self.stdout.write(f"  note: {note}")


def _quiet(message):
    return None
