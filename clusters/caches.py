"""The clusters app's cached reads: their keys and their clearing.

Taxonomy, skills matrix and map points are stored under fixed keys (per language where
labels or URLs are translated) and deleted on every write; facet counts and result ids
are stored per filter combination under a generation that every write replaces.
"""

import hashlib
import json

from django.conf import settings
from django.core.cache import cache

from core.invalidation import current_generation, new_generation, now_and_after_commit

CACHE_TIMEOUT = 60 * 60
TAXONOMY_KEY = "clusters:taxonomy:v2"
# Per language: labels (country names) and URLs (language prefix) are translated.
MATRIX_KEY = "clusters:matrix:v2:{dimension}:{language}"
MAP_POINTS_KEY = "clusters:map-points:v1:{language}"
MATRIX_DIMENSIONS = ("cluster", "country", "target_market")
# Facet counts are cached per filter combination under a generation that every write
# replaces, so a change shows at once without knowing every combination's key.
GENERATION_KEY = "clusters:generation"
FACETS_KEY = "clusters:facets:{generation}:{digest}"
FACETS_TIMEOUT = 10 * 60
RESULT_IDS_KEY = "clusters:result-ids:{generation}:{digest}"


def invalidate_public_caches():
    now_and_after_commit(_clear_public_caches)


def _clear_public_caches():
    keys = [TAXONOMY_KEY]
    for language, _name in settings.LANGUAGES:
        keys.append(MAP_POINTS_KEY.format(language=language))
        keys.extend(
            MATRIX_KEY.format(dimension=dimension, language=language)
            for dimension in MATRIX_DIMENSIONS
        )
    cache.delete_many(keys)
    new_generation(cache, GENERATION_KEY)


def cache_generation():
    """Changes on every write to the directory's data: a version for cached fragments."""
    return current_generation(cache, GENERATION_KEY)


def cached_for_filters(key_format, filters, compute):
    """compute(), cached for this filter combination until the data generation changes."""
    digest = hashlib.sha256(json.dumps(filters, sort_keys=True, default=str).encode())
    key = key_format.format(generation=cache_generation(), digest=digest.hexdigest())
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, FACETS_TIMEOUT)
    return value
