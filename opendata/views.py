"""Embeddable widgets (/embed/…) and the open-data downloads (/open-data/). Thin."""

import itertools
import json

from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django_ratelimit.decorators import ratelimit

from core.caching import PAGES
from core.page_cache import cache_public_page

# The directory CSV's spreadsheet-formula escaping: one rule for every CSV the site serves.
from core.spreadsheets import csv_lines

from . import search as site_search
from . import selectors
from .datasets import DATASETS, LICENCE, directory_dictionary
from .embed import embeddable

WIDGET_MEMBERS = 30
WIDGET_UPCOMING = 10
WIDGET_PAST = 5
FORMATS = ("csv", "json")


def _widget_cluster(request):
    """(cluster or None, error response or None) from ?cluster=<slug>."""
    slug = request.GET.get("cluster", "")
    if not slug:
        return None, None
    cluster = selectors.cluster_for_widget(slug)
    if cluster is None:
        message = _("There is no cluster “%(slug)s” on C2Future. Check the address of the widget.")
        response = render(
            request,
            "opendata/embed_error.html",
            {"message": message % {"slug": slug[:60]}},
            status=404,
        )
        return None, response
    return cluster, None


def _cluster_name(cluster):
    return cluster.acronym or cluster.name


def _members_heading(cluster):
    if cluster is None:
        return _("SME directory")
    return _("Members of %(name)s") % {"name": _cluster_name(cluster)}


def _events_heading(cluster):
    if cluster is None:
        return _("C2Future events")
    return _("Events of %(name)s") % {"name": _cluster_name(cluster)}


def _portal_url(request, url_name, cluster):
    path = reverse(url_name)
    if cluster is not None:
        path += "?" + urlencode({"cluster": cluster.slug})
    return request.build_absolute_uri(path)


@require_safe
@embeddable
@cache_public_page
def embed_directory(request):
    cluster, error = _widget_cluster(request)
    if error:
        return error
    members, total = selectors.widget_members(cluster, limit=WIDGET_MEMBERS)
    return render(
        request,
        "opendata/embed_directory.html",
        {
            "cluster": cluster,
            "heading": _members_heading(cluster),
            "members": members,
            "total": total,
            "more": total - len(members),
            "portal_url": _portal_url(request, "clusters:directory", cluster),
        },
    )


@require_safe
@embeddable
@cache_public_page
def embed_events(request):
    cluster, error = _widget_cluster(request)
    if error:
        return error
    upcoming, past = selectors.widget_events(
        cluster, upcoming_limit=WIDGET_UPCOMING, past_limit=WIDGET_PAST
    )
    return render(
        request,
        "opendata/embed_events.html",
        {
            "cluster": cluster,
            "heading": _events_heading(cluster),
            "upcoming": upcoming,
            "past": past,
            "portal_url": _portal_url(request, "events:list", cluster),
        },
    )


@require_safe
@cache_public_page
def index(request):
    summaries = selectors.dataset_summaries()
    datasets = [
        {
            "key": key,
            "title": dataset["title"],
            "rows": summaries[key]["rows"],
            "last_change": summaries[key]["last_change"],
            "files": [
                (file_format, reverse("opendata:download", args=[key, file_format]))
                for file_format in FORMATS
            ],
            "columns": dataset["columns"],
        }
        for key, dataset in DATASETS.items()
    ]
    return render(
        request,
        "opendata/index.html",
        {
            "datasets": datasets,
            "directory_dictionary": directory_dictionary(),
            "events_columns": DATASETS["events"]["columns"],
            "licence": LICENCE,
        },
    )


@require_safe
@cache_public_page
def search(request):
    query = site_search.clean_query(request.GET.get("q", ""))
    return render(
        request,
        "opendata/search.html",
        {
            "query": query,
            "page_title": _("Search: %(query)s") % {"query": query} if query else _("Search"),
            # The results are a fragment cached per query, language and page generation
            # (search.html): on a hit the template never reads them.
            "results_version": PAGES.generation(),
            "search": SimpleLazyObject(lambda: site_search.site_search(query)),
            "directory_url": reverse("clusters:directory") + "?" + urlencode({"q": query}),
            "events_url": reverse("events:list"),
            "per_kind": site_search.PER_KIND,
        },
    )


def _csv_cell(value):
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _csv_lines(request, columns, rows):
    header = [column.name for column in columns]
    cells = ([_csv_cell(row[column.name]) for column in columns] for row in rows)
    return csv_lines(itertools.chain([header], cells))  # streamed, row by row


def _json_lines(request, dataset_key, columns, rows):
    dataset = DATASETS[dataset_key]
    head = {
        "title": str(dataset["title"]),
        "source": request.build_absolute_uri(reverse("opendata:index")),
        "licence": {"name": LICENCE["name"], "url": LICENCE["url"]},
        "attribution": "C2Future",
        "generated_at": timezone.now().isoformat(),
        "fields": [
            {"name": c.name, "type": c.kind, "description": str(c.description)} for c in columns
        ],
    }
    opening = json.dumps(head, ensure_ascii=False)[:-1]
    yield opening + ', "records": ['
    separator = ""
    for row in rows:
        yield separator + "\n" + json.dumps(row, ensure_ascii=False)
        separator = ","
    yield "\n]}\n"


@require_safe
@ratelimit(key="ip", rate="30/m", method="GET", block=True)
def download(request, dataset, file_format):
    if dataset not in DATASETS or file_format not in FORMATS:
        raise Http404(_("No such open-data file."))
    columns = DATASETS[dataset]["columns"]
    row = DATASETS[dataset]["row"]
    queryset = selectors.EXPORTS[dataset]()
    # Streamed in chunks (one query per chunk and relation): memory stays flat for any size.
    rows = (row(item, request) for item in queryset.iterator(chunk_size=500))
    if file_format == "csv":
        body, content_type = _csv_lines(request, columns, rows), "text/csv; charset=utf-8"
    else:
        body = _json_lines(request, dataset, columns, rows)
        content_type = "application/json; charset=utf-8"
    response = StreamingHttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="c2future-{dataset}.{file_format}"'
    # Public data under an open licence: any site's script may read it.
    response["Access-Control-Allow-Origin"] = "*"
    return response
