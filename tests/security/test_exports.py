"""Every export (admin company export, results exports, directory CSV) neutralises cells
a spreadsheet would run as formulas, with one helper (core.spreadsheets.safe_cell)."""

import csv
import decimal
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.spreadsheets import safe_cell
from tests.clusters.factories import CompanyFactory

DANGEROUS = [
    '=HYPERLINK("http://evil.example","x")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("value", DANGEROUS)
def test_formula_cells_become_text(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Omega Srl", "Omega Srl"),
        (None, ""),
        (42, 42),
        (-3.5, -3.5),
        (decimal.Decimal("-9.180000"), decimal.Decimal("-9.180000")),
        ("-9.180000", "-9.180000"),  # a number as text is not a formula (and re-imports)
        ("+39", "+39"),
        ("+39 02 1234", "'+39 02 1234"),
        ("a\x01b", "ab"),  # XLSX cannot hold it
        (True, True),
    ],
)
def test_everything_else_is_kept(value, expected):
    assert safe_cell(value) == expected


@pytest.fixture
def curator_client(client, django_user_model):
    from django.contrib.auth.models import Group

    from clusters.permissions import CURATOR

    user = django_user_model.objects.create_user("curator", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=CURATOR))
    client.force_login(user)
    return client


def _export(client, file_format):
    from clusters.admin import CompanyResource

    url = reverse("admin:clusters_company_export")
    formats = {
        label: value for value, label in client.get(url).context["form"].fields["format"].choices
    }
    fields = {f"companyresource_{name}": "on" for name in CompanyResource.Meta.fields}
    response = client.post(url, {"format": formats[file_format], "resource": "0", **fields})
    assert response.status_code == 200
    return response.content


@pytest.mark.django_db
def test_admin_company_export_neutralises_formulas_in_csv_and_xlsx(curator_client):
    CompanyFactory(
        slug="evil",
        name=DANGEROUS[0],
        city="@SUM(1+1)",
        contact_role="-2+3",
        longitude="-9.180000",
    )
    rows = list(csv.DictReader(io.StringIO(_export(curator_client, "csv").decode("utf-8-sig"))))
    [row] = [row for row in rows if row["slug"] == "evil"]
    assert row["name"] == "'" + DANGEROUS[0]
    assert row["city"] == "'@SUM(1+1)"
    assert row["contact_role"] == "'-2+3"
    assert row["longitude"] == "-9.180000"  # numbers stay numbers

    sheet = load_workbook(io.BytesIO(_export(curator_client, "xlsx"))).active
    values = [cell.value for line in sheet.iter_rows() for cell in line]
    assert "'" + DANGEROUS[0] in values and "'@SUM(1+1)" in values
    assert not any(isinstance(value, str) and value.startswith("=") for value in values)


def test_every_export_uses_the_one_helper():
    import clusters.views
    import core.spreadsheets
    import opendata.views
    import surveys.exports

    # The directory CSV and the open-data CSV stream through csv_lines, which uses safe_cell.
    assert clusters.views.csv_lines is core.spreadsheets.csv_lines
    assert opendata.views.csv_lines is core.spreadsheets.csv_lines
    assert surveys.exports.safe_cell is safe_cell
    assert surveys.exports._safe("=1+1") == "'=1+1"
