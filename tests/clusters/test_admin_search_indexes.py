"""The admin's company search runs on trigram indexes (clusters migration 0014)."""

import pytest
from django.contrib.admin.sites import site
from django.db import connection

from clusters.models import Company

pytestmark = pytest.mark.django_db


def test_every_searched_column_has_an_index_for_icontains():
    search_fields = site._registry[Company].search_fields
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'clusters_company' "
            "AND indexdef LIKE '%gin_trgm_ops%'"
        )
        definitions = [row[0] for row in cursor.fetchall()]
    for field in search_fields:
        assert any(f"upper(({field})::text) gin_trgm_ops" in d for d in definitions), field


def test_the_planner_uses_them_for_a_search(admin_client):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM clusters_company "
            "WHERE UPPER(name::text) LIKE UPPER(%s) OR UPPER(city::text) LIKE UPPER(%s)",
            ["%tech%", "%tech%"],
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "company_name_upper_trgm" in plan and "company_city_upper_trgm" in plan
