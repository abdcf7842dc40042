"""Project-wide checks that belong in the suite: system checks and migrations."""

import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_system_checks_pass():
    call_command("check", fail_level="WARNING", stdout=StringIO())


@pytest.mark.django_db
def test_no_missing_migrations():
    call_command("makemigrations", check=True, dry_run=True, stdout=StringIO())


# ---- Template line length ----------------------------------------------------------------

MAX_TEMPLATE_LINE = 130
PROJECT_ROOT = Path(__file__).resolve().parent.parent
SKIPPED_DIRS = {".git", ".venv", "node_modules", "staticfiles", "__pycache__"}

# In plain-text templates (emails), where a newline is output, wrap inside
# `{% blocktranslate trimmed %}`, or end the line with `{% comment %}` and start the next one
# with `{% endcomment %}`: the newline between them is not output.

# Lines allowed to be longer: a single Django tag that cannot be split (Django reads a tag
# on one line). None today; add (path, line) pairs here only for such a tag.
SINGLE_TAG_LINES: set[tuple[str, str]] = set()


def _template_files():
    for directory, subdirs, files in os.walk(PROJECT_ROOT):
        subdirs[:] = [name for name in subdirs if name not in SKIPPED_DIRS]
        relative = Path(directory).relative_to(PROJECT_ROOT)
        if "templates" in relative.parts:
            for name in files:
                yield (relative / name).as_posix()


def _long_lines():
    """{template path: [(line number, line)]} of every line over MAX_TEMPLATE_LINE."""
    found = {}
    for path in _template_files():
        text = (PROJECT_ROOT / path).read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), start=1):
            if len(line) > MAX_TEMPLATE_LINE and (path, line.strip()) not in SINGLE_TAG_LINES:
                found.setdefault(path, []).append((number, line))
    return found


def test_template_files_are_found():
    files = set(_template_files())
    assert "clusters/templates/clusters/directory.html" in files
    assert "templates/base.html" in files
    assert not any("node_modules" in path or ".venv" in path for path in files)


def test_no_template_line_is_over_130_characters():
    too_long = _long_lines()
    assert not too_long, (
        "Wrap these template lines (see tests/test_project_checks.py):\n"
        + "\n".join(
            f"{path}:{number}" for path, lines in too_long.items() for number, _line in lines
        )
    )


def test_single_tag_exceptions_are_single_tags():
    for _path, line in SINGLE_TAG_LINES:
        assert line.startswith("{%") and line.endswith("%}") and line.count("{%") == 1, line
