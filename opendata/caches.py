"""The open-data app's cached reads (see core.caching)."""

from core.caching import CacheNamespace

# A site search's results per query and language (links and country names). Its keys carry
# the page cache's generation (core.caching.PAGES): the results are made of the rows public
# pages show, so they go stale exactly when those pages do.
SEARCH_RESULTS = CacheNamespace("opendata.search", timeout=600)
