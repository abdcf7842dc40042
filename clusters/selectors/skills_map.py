"""The skills map: the competency matrix and the map points (both cached per language)."""

from collections import defaultdict
from urllib.parse import urlencode

from django.db.models import Count, Window
from django.db.models.functions import Round, RowNumber
from django.urls import reverse
from django.utils.translation import get_language
from django_countries import countries

from .. import caches
from ..models import Company, CompanyCompetency, CompanyMarket
from ..public_fields import require_public
from .facets import taxonomy
from .profiles import published_companies

# Coordinates rounded to 1 decimal (about 10 km, a town) form one map point, so the map
# stays light whatever the number of companies; a popup lists at most this many names and
# links to the directory for the rest.
MAP_PRECISION = 1
MAP_NAMES_PER_POINT = 5
MAP_POINT_FIELDS = require_public("name", "slug", "city", "country")


MATRIX_DIMENSIONS = ("cluster", "country", "target_market")

# The matrix shows at most this many country / target-market columns (the largest ones)
# plus an "other" column: 49 competencies × every country would be thousands of cells.
MATRIX_MAX_COLUMNS = 12


def _matrix_columns(dimension, column_totals):
    """The matrix's own columns: partner clusters, or the largest countries / markets.

    Whatever is left out is aggregated in the matrix's "other" column.
    """
    if dimension == "cluster":
        # 300 member-less or small non-partner clusters would make a 15k-cell table: the six
        # partners get a column each, every other cluster shares the "other" column.
        return [
            {"key": str(c["id"]), "param": c["slug"], "label": c["name"], "title": c["full_name"]}
            for c in taxonomy()["clusters"]
            if c["is_partner"]
        ]
    largest = sorted(column_totals, key=lambda code: (-column_totals[code], code))
    return sorted(
        (
            {"key": code, "param": code, "label": countries.name(code) or code, "title": ""}
            for code in largest[:MATRIX_MAX_COLUMNS]
        ),
        key=lambda column: column["label"],
    )


def skills_matrix(dimension: str) -> dict:
    """Published companies per competency × cluster / country / target market (cached).

    Columns: the partner clusters, or the 12 largest countries / target markets, plus an
    "other" column counting each company once whatever other clusters or countries it has.
    Cold: grouped queries for the cells, the "other" column and the row totals.
    """
    if dimension not in MATRIX_DIMENSIONS:
        dimension = "cluster"
    return caches.SKILLS_MATRIX.get_or_set(
        dimension, get_language(), compute=lambda: _matrix(dimension)
    )


def _matrix(dimension):
    links = CompanyCompetency.objects.filter(company__status=Company.Status.PUBLISHED)
    if dimension == "cluster":
        column_field = "company__clusters__id"
        cells_qs = links.filter(company__clusters__isnull=False)
    elif dimension == "country":
        column_field = "company__country"
        cells_qs = links.exclude(company__country="")
    else:
        column_field = "company__markets__country"
        cells_qs = links.filter(company__markets__kind=CompanyMarket.Kind.TARGET)
    cells = defaultdict(dict)
    column_totals = defaultdict(int)
    for competency_id, column, n in (
        cells_qs.values("competency_id", column_field)
        .annotate(n=Count("company_id", distinct=True))
        .values_list("competency_id", column_field, "n")
        .order_by()
    ):
        cells[competency_id][str(column)] = n
        column_totals[str(column)] += n
    totals = dict(
        links.values("competency_id")
        .annotate(n=Count("company_id", distinct=True))
        .values_list("competency_id", "n")
        .order_by()
    )
    columns = _matrix_columns(dimension, column_totals)
    shown = {column["key"] for column in columns}
    others = {}
    if set(column_totals) - shown:
        # A company in several other clusters / markets counts once: its own grouped query.
        if dimension == "cluster":
            other_qs = links.filter(company__clusters__is_partner=False)
        else:
            other_qs = cells_qs.exclude(**{f"{column_field}__in": shown})
        others = dict(
            other_qs.values("competency_id")
            .annotate(n=Count("company_id", distinct=True))
            .values_list("competency_id", "n")
            .order_by()
        )
    param = {"cluster": "cluster", "country": "country"}.get(dimension, "target_market")
    # Each number links to the directory filtered by its competency (and column).
    directory = reverse("clusters:directory")
    areas = []
    for area in taxonomy()["areas"]:
        rows = []
        for competency in area["items"]:
            row_cells = cells.get(competency["id"], {})
            competency_filter = {"competency": competency["slug"]}
            rows.append(
                {
                    "competency": competency,
                    "total": totals.get(competency["id"], 0),
                    "url": f"{directory}?{urlencode(competency_filter)}",
                    "cells": [
                        {
                            "column": column,
                            "count": row_cells.get(column["key"], 0),
                            "url": f"{directory}?"
                            + urlencode({**competency_filter, param: column["param"]}),
                        }
                        for column in columns
                    ],
                    "other": others.get(competency["id"], 0),
                }
            )
        areas.append({"name": area["name"], "slug": area["slug"], "rows": rows})
    matrix = {
        "dimension": dimension,
        "param": param,
        "columns": columns,
        "has_other": bool(others),
        "areas": areas,
        "total_companies": published_companies().count(),
    }
    return matrix


def map_points() -> list[dict]:
    """Published companies aggregated by rounded coordinates, for the Leaflet map (cached).

    One query: a window function numbers companies within each point so only the first
    few names travel to the browser, however many companies share the point.
    """
    return caches.MAP_POINTS.get_or_set(get_language(), compute=_map_points)


def _map_points():
    rounded = [Round("latitude", MAP_PRECISION), Round("longitude", MAP_PRECISION)]
    rows = (
        published_companies()
        .filter(latitude__isnull=False, longitude__isnull=False)
        .annotate(
            lat=rounded[0],
            lon=rounded[1],
            position=Window(RowNumber(), partition_by=rounded, order_by=["name", "pk"]),
            point_size=Window(Count("pk"), partition_by=rounded),
        )
        .filter(position__lte=MAP_NAMES_PER_POINT)
        .values_list("lat", "lon", "point_size", *MAP_POINT_FIELDS)
        .order_by("lat", "lon", "position")
    )
    # One reverse() for all rows: profile URLs differ only by slug.
    url_pattern = reverse("clusters:company", kwargs={"slug": "slug-placeholder"})
    grouped = {}
    for lat, lon, size, name, slug, city, country in rows:
        point = grouped.setdefault(
            (lat, lon),
            {
                "lat": float(lat),
                "lon": float(lon),
                "count": size,
                "city": city,
                "country": country.code if hasattr(country, "code") else country,
                "companies": [],
            },
        )
        point["companies"].append(
            {"name": name, "url": url_pattern.replace("slug-placeholder", slug)}
        )
    return list(grouped.values())
