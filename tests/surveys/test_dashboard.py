"""The staff results dashboard and the CSV/XLSX exports."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from surveys.models import ExtraQuestion, Submission

from .factories import (
    ClusterFactory,
    ExtraQuestionFactory,
    SubmissionFactory,
    UserFactory,
    complete_answers,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    return UserFactory(username="admin", is_superuser=True)


@pytest.fixture
def results(survey, cluster, taxonomy):
    scale = ExtraQuestionFactory(survey=survey, text="How useful?", kind=ExtraQuestion.Kind.SCALE)
    answers = complete_answers(clusters=[cluster.slug], competencies=["smart-parking"])
    answers["extra"] = {scale.key: 4}
    SubmissionFactory(survey=survey, answers=answers, clusters=[cluster])
    SubmissionFactory(survey=survey, answers=answers, status=Submission.Status.APPROVED)
    SubmissionFactory(survey=survey, status=Submission.Status.SPAM)
    SubmissionFactory(survey=survey, status=Submission.Status.IN_PROGRESS, submitted_at=None)
    return scale


def test_dashboard_is_staff_only(client, results):
    url = reverse("surveys:dashboard")
    response = client.get(url)
    assert response.status_code == 302 and "/admin/login/" in response.url
    client.force_login(UserFactory(username="no-perms"))
    assert client.get(url).status_code == 403
    assert client.get(reverse("surveys:export_csv")).status_code == 403


def test_dashboard_numbers_charts_and_tables(client, staff, results):
    client.force_login(staff)
    response = client.get(reverse("surveys:dashboard"))
    assert response.status_code == 200
    data = response.context["data"]
    assert data["total"] == 4 and data["responses"] == 2
    assert {row["label"]: row["count"] for row in data["by_status"]} == {
        "Submitted": 1,
        "Approved": 1,
        "Spam": 1,
        "In progress": 1,
    }
    assert data["by_cluster"] == [{"label": "DEMO", "count": 1}, {"label": "—", "count": 1}]
    assert data["by_country"] == [{"label": "Italy", "count": 2}]
    assert sum(row["count"] for row in data["by_week"]) == 2
    assert data["top_competencies"] == [{"label": "Smart parking", "count": 2}]
    assert {row["label"] for row in data["target_markets"]} == {
        "Mexico",
        "United States of America",
    }
    assert {row["label"] for row in data["obstacles"]} == {"Financing", "Language"}
    scale_rows = data["extra_questions"][0]["rows"]
    assert scale_rows[3] == {"label": "4", "count": 2}
    content = response.content.decode()
    assert 'id="dashboard-data" type="application/json"' in content
    assert "vendor/chart.js/chart.umd.js" in content and "js/dashboard.js" in content
    assert "<canvas" in content and "<caption" in content
    assert "<script>" not in content


def test_dashboard_for_cluster_staff_counts_only_their_cluster(client, results, cluster):
    user = UserFactory(username="cluster-staff")
    cluster.staff.add(user)
    client.force_login(user)
    data = client.get(reverse("surveys:dashboard")).context["data"]
    assert data["total"] == 1


def test_dashboard_empty_state(client, staff, db):
    client.force_login(staff)
    response = client.get(reverse("surveys:dashboard"))
    assert response.status_code == 200
    assert b"No responses yet." in response.content


@pytest.mark.parametrize("size", [3, 30])
def test_dashboard_and_exports_query_budget(
    client, staff, survey, size, django_assert_max_num_queries
):
    clusters = ClusterFactory.create_batch(3)
    ExtraQuestionFactory.create_batch(3, survey=survey)
    for _number in range(size):
        SubmissionFactory(survey=survey, clusters=clusters)
    client.force_login(staff)
    for name in ("surveys:dashboard", "surveys:export_csv", "surveys:export_xlsx"):
        with django_assert_max_num_queries(10):
            assert client.get(reverse(name)).status_code == 200


def test_csv_export_one_flattened_row_per_submission(client, staff, results):
    dangerous = complete_answers(name='=HYPERLINK("http://evil")')
    SubmissionFactory(answers=dangerous)
    client.force_login(staff)
    response = client.get(reverse("surveys:export_csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 5
    first = rows[0]
    assert first["name"] == "Demo Mobility Srl"
    assert first["competencies"] == "smart-parking=expert"
    assert first["target_markets"] == "MX=1; US=2"
    assert first[f"{results.key}: How useful?"] == "4"
    # Spreadsheet formulas in answers are neutralised.
    assert rows[-1]["name"].startswith("'=")


def test_xlsx_export(client, staff, results):
    client.force_login(staff)
    response = client.get(reverse("surveys:export_xlsx"))
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    rows = list(workbook["Submissions"].iter_rows(values_only=True))
    assert rows[0][0] == "id" and f"{results.key}: How useful?" in rows[0]
    assert len(rows) == 5
    assert "Demo Mobility Srl" in rows[1]
