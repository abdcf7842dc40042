"""`{% cache_or_previous %}`: a fragment cache that serves the previous generation while the
next one is rendered in the background.

    {% cache_or_previous 600 skills-matrix matrix_version dimension LANGUAGE_CODE %}
    ...
    {% endcache_or_previous %}

The first argument after the name is the version (the data generation); the rest vary the
fragment as with `{% cache %}`. A hit of the current version is served as `{% cache %}`
would. After a write the current version misses: if a rendering of an earlier version is
kept (same name and vary-on values), it is served at once and a background thread renders
the current one (once per process and fragment), so the first visitor after a write does
not wait for the aggregates (facet counts over 100k companies, the skills matrix: seconds).
With nothing to fall back on, the fragment is rendered on the request, as `{% cache %}` does.

The renderings queue for one refresher thread per process, and its queries run without
parallel workers: three aggregates refreshed at once (facets of two pages and the skills
matrix after one write) each took PostgreSQL's parallel workers, and the two cores left
the visitors' own queries three times slower. One at a time, on one core, they lag a little
longer and the pages stay fast.

For aggregates only (counts that may lag one write for a moment), never for a row's own
fields. `settings.FRAGMENTS_REFRESH_IN_BACKGROUND = False` (the tests) renders every miss on
the request instead.
"""

import logging
import queue
import threading

from django import template
from django.conf import settings
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db import connections
from django.template import Context
from django.utils import translation

from core.compression import compressed_fragment, note_fragment

register = template.Library()
logger = logging.getLogger(__name__)

# How long a rendering stays available as "the previous one" (seconds).
PREVIOUS_TIMEOUT = 24 * 3600

_refreshing = set()
_refreshing_lock = threading.Lock()
_queue: queue.SimpleQueue = queue.SimpleQueue()
_refresher: threading.Thread | None = None


def start_refresh(refresh):
    """Queue `refresh` for the process's refresher thread, started on first use (replaced
    in tests to run it when they say)."""
    global _refresher
    _queue.put(refresh)
    with _refreshing_lock:
        if _refresher is None or not _refresher.is_alive():
            _refresher = threading.Thread(
                target=_run_refreshes, name="fragment-refresh", daemon=True
            )
            _refresher.start()


def _run_refreshes():
    while True:
        refresh = _queue.get()
        refresh()


def _one_core_for_this_thread():
    """No parallel workers for this thread's queries (its own database session)."""
    connection = connections["default"]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET max_parallel_workers_per_gather = 0")


class CacheOrPreviousNode(template.Node):
    def __init__(self, nodelist, timeout, name, version, vary_on):
        self.nodelist = nodelist
        self.timeout = timeout
        self.name = name
        self.version = version
        self.vary_on = vary_on

    def render(self, context):
        timeout = self.timeout.resolve(context)
        version = self.version.resolve(context)
        vary_on = [var.resolve(context) for var in self.vary_on]
        current_key = make_template_fragment_key(self.name, [version, *vary_on])
        latest_key = make_template_fragment_key(f"{self.name}:latest", vary_on)
        value = cache.get(current_key)
        if value is not None:
            return note_fragment(context, value)
        latest = cache.get(latest_key)
        if latest is not None and getattr(settings, "FRAGMENTS_REFRESH_IN_BACKGROUND", True):
            self._refresh_later(context, current_key, latest_key, timeout)
            request = context.get("request")
            if request is not None:
                request.serves_previous_fragment = True  # core.page_cache keeps it out
            return latest
        return note_fragment(
            context, self._render_and_store(context, current_key, latest_key, timeout)
        )

    def _render_and_store(self, context, current_key, latest_key, timeout):
        # Long fragments are kept with their compressed piece (core.compression).
        value = compressed_fragment(self.nodelist.render(context))
        cache.set(current_key, value, timeout)
        # The fallback outlives the generations (the next rendering replaces it), but not
        # forever: one per filter combination would pile up in Redis.
        cache.set(latest_key, value, PREVIOUS_TIMEOUT)
        return value

    def _refresh_later(self, context, current_key, latest_key, timeout):
        with _refreshing_lock:
            if current_key in _refreshing:
                return
            _refreshing.add(current_key)
        # The request's context keeps changing as its template renders on: a flat copy.
        copy = Context(context.flatten(), autoescape=context.autoescape)
        copy.template = context.template  # includes find their engine through it
        copy.template_name = context.template_name
        language = translation.get_language()

        def refresh():
            try:
                _one_core_for_this_thread()
                with translation.override(language):
                    self._render_and_store(copy, current_key, latest_key, timeout)
            except Exception:  # the next request renders it then; never lost silently
                logger.exception("Rendering the fragment %s in the background failed", self.name)
            finally:
                with _refreshing_lock:
                    _refreshing.discard(current_key)
                # This thread's own database connections.
                connections.close_all()

        start_refresh(refresh)


@register.tag("cache_or_previous")
def do_cache_or_previous(parser, token):
    nodelist = parser.parse(("endcache_or_previous",))
    parser.delete_first_token()
    tokens = token.split_contents()
    if len(tokens) < 4:
        raise template.TemplateSyntaxError(
            f"'{tokens[0]}' takes a timeout, a fragment name and a version at least."
        )
    return CacheOrPreviousNode(
        nodelist,
        parser.compile_filter(tokens[1]),
        tokens[2],
        parser.compile_filter(tokens[3]),
        [parser.compile_filter(token) for token in tokens[4:]],
    )
