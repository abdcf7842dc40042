"""loadtest/check.py: the database check after `make loadtest` really catches problems."""

import importlib.util
import json
from pathlib import Path

import pytest

from surveys.models import Submission
from tests.surveys.factories import SubmissionFactory, complete_answers

CHECK_SCRIPT = Path(__file__).resolve().parents[2] / "loadtest" / "check.py"

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def check():
    spec = importlib.util.spec_from_file_location("loadtest_check", CHECK_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def summary(tmp_path, completed, server_errors=(), failed=()):
    path = tmp_path / "summary.json"
    path.write_text(
        json.dumps(
            {
                "run_id": "T1",
                "elapsed_seconds": 61.0,
                "requests": 100,
                "statuses": {"200": 100},
                "server_errors": list(server_errors),
                "server_error_count": len(server_errors),
                "submissions_claimed": len(completed) + len(failed),
                "submissions_completed": list(completed),
                "submissions_failed": list(failed),
            }
        )
    )
    return str(path)


def stored(name, status=Submission.Status.SUBMITTED):
    return SubmissionFactory(answers=complete_answers(name=name), status=status)


NAMES = ["Loadtest T1 SME 0001", "Loadtest T1 SME 0002"]


def test_passes_when_every_submission_is_stored_once(check, tmp_path, capsys):
    for name in NAMES:
        stored(name)
    stored("Loadtest T0 SME 0001")  # another run's row is ignored
    assert check.main(summary(tmp_path, NAMES)) == 0
    output = capsys.readouterr().out
    assert "submitted rows in database:   2" in output
    assert "RESULT: PASS" in output


def test_fails_on_a_duplicate(check, tmp_path, capsys):
    for name in [*NAMES, NAMES[0]]:
        stored(name)
    assert check.main(summary(tmp_path, NAMES)) == 1
    assert "stored more than once:        1" in capsys.readouterr().out


def test_fails_on_a_missing_or_unsubmitted_row(check, tmp_path, capsys):
    stored(NAMES[0])
    stored(NAMES[1], status=Submission.Status.IN_PROGRESS)
    assert check.main(summary(tmp_path, NAMES)) == 1
    assert "missing from the database:    1" in capsys.readouterr().out


def test_fails_on_server_errors_and_failed_submissions(check, tmp_path, capsys):
    for name in NAMES:
        stored(name)
    errors = [["GET", "/directory/", 500]]
    assert check.main(summary(tmp_path, NAMES, server_errors=errors)) == 1
    failed = [["Loadtest T1 SME 0003", "review: HTTP 500"]]
    assert check.main(summary(tmp_path, NAMES, failed=failed)) == 1
    assert "RESULT: FAIL" in capsys.readouterr().out
