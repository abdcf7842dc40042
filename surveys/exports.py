"""All submissions as CSV or XLSX: one row per submission, answers flattened to columns."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook

from core.spreadsheets import safe_cell

from . import selectors
from .answers import extra_answer_text
from .steps import ANSWER_FIELDS, Answers


def _date(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


# The submission's own columns, then one per declared answer (steps.py), then the extra
# questions of every campaign.
SUBMISSION_COLUMNS = {
    "id": lambda submission: submission.pk,
    "survey": lambda submission: submission.survey.title,
    "status": lambda submission: submission.status,
    "kind": lambda submission: submission.kind,
    "started": lambda submission: _date(submission.created_at),
    "submitted": lambda submission: _date(submission.submitted_at),
    "reviewed": lambda submission: _date(submission.reviewed_at),
    "reviewed_by": lambda submission: (
        submission.reviewed_by.get_username() if submission.reviewed_by else ""
    ),
    "company_id": lambda submission: submission.company_id or "",
}
BASE_COLUMNS = list(SUBMISSION_COLUMNS) + [
    answer_field.column for _step, answer_field in ANSWER_FIELDS
]


def _safe(value):
    """Plain text for spreadsheets (core.spreadsheets.safe_cell); yes/no for booleans."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return safe_cell(value)


def flatten(submission, questions) -> list:
    answers = Answers(submission.answers or {})
    values = [column(submission) for column in SUBMISSION_COLUMNS.values()]
    values += [
        answer_field.kind.cell(answers.value(step, answer_field))
        for step, answer_field in ANSWER_FIELDS
    ]
    extra = answers.extra or {}
    values += [extra_answer_text(extra.get(question.key)) for question in questions]
    return [_safe(value) for value in values]


def _table(queryset):
    submissions, questions = selectors.export_rows(queryset)
    header = BASE_COLUMNS + [f"{question.key}: {question.text}" for question in questions]
    return header, (flatten(submission, questions) for submission in submissions)


def _filename(extension):
    return f"c2future-submissions-{timezone.localdate().isoformat()}.{extension}"


def csv_response(queryset):
    header, rows = _table(queryset)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response


def xlsx_response(queryset):
    header, rows = _table(queryset)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Submissions")
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    return response
