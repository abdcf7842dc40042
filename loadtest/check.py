"""After `make loadtest`: compare what locust saw with what the database holds.

Usage: python loadtest/check.py SUMMARY_JSON (with the load-test DATABASE_URL). Prints the
counts; exits 1 if there was any 5xx, any failed submission, or any confirmed submission
that is not stored exactly once as submitted.
"""

import json
import os
import sys
from collections import Counter
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "c2future.settings")

import django  # noqa: E402

django.setup()

from surveys.models import Submission  # noqa: E402


def main(summary_path):
    summary = json.loads(Path(summary_path).read_text())
    prefix = f"Loadtest {summary['run_id']} SME "
    rows = Submission.objects.filter(company_name__startswith=prefix)
    submitted = Counter(
        rows.filter(status=Submission.Status.SUBMITTED).values_list("company_name", flat=True)
    )
    completed = summary["submissions_completed"]
    missing = [name for name in completed if submitted[name] == 0]
    duplicated = {name: count for name, count in submitted.items() if count > 1}
    unexpected = sorted(set(submitted) - set(completed))

    print(f"Load test run {summary['run_id']} ({summary['elapsed_seconds']} s)")
    print(f"  requests:                     {summary['requests']}")
    print(f"  responses by status:          {dict(sorted(summary['statuses'].items()))}")
    print(f"  5xx responses:                {summary['server_error_count']}")
    print(f"  submissions completed:        {len(completed)} of {summary['submissions_claimed']}")
    print(f"  submissions failed:           {len(summary['submissions_failed'])}")
    print(f"  submitted rows in database:   {sum(submitted.values())}")
    print(f"  distinct submitted companies: {len(submitted)}")
    print(f"  missing from the database:    {len(missing)}")
    print(f"  stored more than once:        {len(duplicated)}")
    print(f"  in database, not confirmed:   {len(unexpected)}")
    drafts = rows.filter(status=Submission.Status.IN_PROGRESS).count()
    print(f"  unfinished drafts left:       {drafts}")

    problems = []
    if summary["server_error_count"]:
        problems.append(f"5xx responses: {summary['server_errors'][:5]}")
    if summary["submissions_failed"]:
        problems.append(f"failed submissions: {summary['submissions_failed'][:5]}")
    if missing or duplicated or unexpected:
        problems.append(f"missing {missing[:5]}, duplicated {duplicated}, unexpected {unexpected}")
    for problem in problems:
        print(f"PROBLEM: {problem}")
    print("RESULT: " + ("FAIL" if problems else "PASS"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
