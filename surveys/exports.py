"""All submissions as CSV or XLSX: one row per submission, answers flattened to columns."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from django_countries import countries
from openpyxl import Workbook

from core.spreadsheets import safe_cell

from . import selectors
from .answers import extra_answer_text

BASE_COLUMNS = [
    "id",
    "survey",
    "status",
    "kind",
    "started",
    "submitted",
    "reviewed",
    "reviewed_by",
    "company_id",
    "respondent_email",
    "name",
    "vat_number",
    "website",
    "country",
    "city",
    "founding_year",
    "size",
    "turnover",
    "clusters",
    "description",
    "offerings",
    "competencies",
    "competencies_other",
    "current_markets",
    "export_share",
    "target_markets",
    "b2b_interest",
    "obstacles",
    "obstacles_other",
    "existing_contacts",
    "support_wanted",
    "contact_name",
    "contact_role",
    "contact_email",
    "contact_phone",
    "consent_publish_profile",
    "consent_publish_contact",
    "consent_contact_by_partners",
    "privacy_acknowledged",
]


def _safe(value):
    """Plain text for spreadsheets (core.spreadsheets.safe_cell); yes/no for booleans."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return safe_cell(value)


def _date(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _offering_text(offering):
    text = f"{offering.get('kind')}: {offering.get('name')} [{offering.get('sector') or ''}]"
    return f"{text} {offering.get('description') or ''}".strip()


def flatten(submission, questions):
    answers = submission.answers or {}
    company = answers.get("company") or {}
    competencies = answers.get("competencies") or {}
    international = answers.get("international") or {}
    contact = answers.get("contact") or {}
    extra = answers.get("extra") or {}
    row = {
        "id": submission.pk,
        "survey": submission.survey.title,
        "status": submission.status,
        "kind": submission.kind,
        "started": _date(submission.created_at),
        "submitted": _date(submission.submitted_at),
        "reviewed": _date(submission.reviewed_at),
        "reviewed_by": submission.reviewed_by.get_username() if submission.reviewed_by else "",
        "company_id": submission.company_id or "",
        "respondent_email": company.get("respondent_email", ""),
        **{
            key: company.get(key, "")
            for key in (
                "name",
                "vat_number",
                "website",
                "country",
                "city",
                "founding_year",
                "size",
                "turnover",
                "description",
            )
        },
        "clusters": "; ".join(company.get("clusters") or []),
        "offerings": " | ".join(_offering_text(o) for o in answers.get("offerings") or []),
        "competencies": "; ".join(
            f"{item.get('competency')}={item.get('level')}"
            for item in competencies.get("items", [])
        ),
        "competencies_other": competencies.get("other", ""),
        "current_markets": "; ".join(international.get("current_markets") or []),
        "export_share": international.get("export_share", ""),
        "target_markets": "; ".join(
            f"{t.get('country')}={t.get('priority')}" for t in international.get("targets") or []
        ),
        "b2b_interest": international.get("b2b_interest", ""),
        "obstacles": "; ".join(international.get("obstacles") or []),
        **{
            key: international.get(key, "")
            for key in ("obstacles_other", "existing_contacts", "support_wanted")
        },
        **{
            key: contact.get(key, "")
            for key in (
                "contact_name",
                "contact_role",
                "contact_email",
                "contact_phone",
                "consent_publish_profile",
                "consent_publish_contact",
                "consent_contact_by_partners",
                "privacy_acknowledged",
            )
        },
    }
    if row["country"]:
        row["country"] = f"{row['country']} ({countries.name(row['country'])})"
    values = [_safe(row[column]) for column in BASE_COLUMNS]
    values += [_safe(extra_answer_text(extra.get(question.key))) for question in questions]
    return values


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
