"""Cache backends that keep the site up when the cache server is not.

`ResilientRedisCache` is Django's RedisCache whose operations turn a connection error or a
timeout into a miss (reads return the default, writes do nothing), so every page still
renders from the database. The first failure is logged as a warning, then at most one
warning per `LOG_INTERVAL` seconds per server; for `RETRY_SECONDS` after a failure the
process does not even try the server, so a down or unreachable Redis costs one short socket
timeout per interval, not one per cache call. With `FALLBACK` (an alias), operations go to
that cache while Redis is down: the rate-limit counters use it to keep counting in the
database (see settings, RATELIMIT_USE_CACHE).

`DatabaseCounterCache` is Django's DatabaseCache with an atomic `incr` that keeps the
counter's expiry, for counters shared by every worker (the rate limits when CACHE_URL is
local memory).
"""

import base64
import logging
import pickle
import re
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache
from django.db import connections, router, transaction
from django.utils.timezone import now
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

logger = logging.getLogger(__name__)

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError)

# Per server (shared by the threads of a process): until when not to try it, when it was
# last logged as down.
_state = {}
_state_lock = threading.Lock()


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.retry_seconds = float(options.pop("RETRY_SECONDS", 5))
        self.log_interval = float(options.pop("LOG_INTERVAL", 60))
        self.fallback_alias = options.pop("FALLBACK", None)
        # One immediate retry on a new connection: after a restart of Redis, a pooled
        # connection to the old process fails once. No retry on a timeout.
        options.setdefault("retry", Retry(NoBackoff(), 1, supported_errors=(RedisConnectionError,)))
        super().__init__(server, {**params, "OPTIONS": options})
        self.server_key = tuple(self._servers)
        # For the logs: never the password of a redis://user:password@host URL.
        self.display_name = ",".join(re.sub(r"//[^@/]*@", "//", url) for url in self._servers)

    # ---- availability -----------------------------------------------------------------

    def _state(self):
        return _state.setdefault(
            self.server_key, {"down": False, "down_until": 0.0, "logged_at": None}
        )

    def _skipping(self):
        return time.monotonic() < self._state()["down_until"]

    def _failed(self, error):
        moment = time.monotonic()
        with _state_lock:
            state = self._state()
            state["down"], state["down_until"] = True, moment + self.retry_seconds
            logged_at = state["logged_at"]
            log = logged_at is None or moment - logged_at >= self.log_interval
            if log:
                state["logged_at"] = moment
        if log:
            logger.warning(
                "Cache server %s unavailable (%s): serving cache misses%s; next warning "
                "in %d s at the earliest.",
                self.display_name,
                error.__class__.__name__,
                f", counters in the '{self.fallback_alias}' cache" if self.fallback_alias else "",
                self.log_interval,
            )

    def _recovered(self):
        with _state_lock:
            state = self._state()
            was_down = state["down"]
            state["down"], state["down_until"] = False, 0.0
        if was_down:
            logger.info("Cache server %s is available again.", self.display_name)

    def is_available(self):
        """Ask the server now (the health check), whatever the last failure was."""
        try:
            self._cache.get_client(write=True).ping()
        except UNAVAILABLE as error:
            self._failed(error)
            return False
        self._recovered()
        return True

    def _call(self, name, default, *args, **kwargs):
        if not self._skipping():
            try:
                result = getattr(RedisCache, name)(self, *args, **kwargs)
            except UNAVAILABLE as error:
                self._failed(error)
            else:
                if self._state()["down"]:
                    self._recovered()
                return result
        if self.fallback_alias:
            return getattr(caches[self.fallback_alias], name)(*args, **kwargs)
        if isinstance(default, Exception):
            raise default
        return default

    # ---- the cache API ----------------------------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def incr(self, key, delta=1, version=None):
        # Django's contract for a key that is not there; django-ratelimit expects it.
        return self._call("incr", ValueError(f"Key '{key}' not found."), key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def clear(self):
        return self._call("clear", False)


def cache_state():
    """'ok', or 'unavailable' when a Redis cache server does not answer (for /healthz)."""
    servers = {}
    for alias in settings.CACHES:
        backend = caches[alias]
        if isinstance(backend, ResilientRedisCache):
            servers.setdefault(backend.server_key, backend)
    available = all(backend.is_available() for backend in servers.values())
    return "ok" if available else "unavailable"


class DatabaseCounterCache(DatabaseCache):
    """A database cache whose `incr` is one locked read and write, keeping the expiry.

    Django's DatabaseCache increments with a get and a set: two workers can both read 3
    and write 4, and the set resets the expiry to the default timeout.
    """

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table, value_column = quote(self._table), quote("value")
        key_column, expires_column = quote("cache_key"), quote("expires")
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        current = connection.ops.adapt_datetimefield_value(now().replace(microsecond=0))
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {value_column} FROM {table} "  # noqa: S608 - quoted names only
                f"WHERE {key_column} = %s AND {expires_column} > %s{lock}",
                [key, current],
            )
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found.")
            value = pickle.loads(base64.b64decode(row[0].encode())) + delta  # noqa: S301
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                f"UPDATE {table} SET {value_column} = %s WHERE {key_column} = %s",  # noqa: S608
                [encoded, key],
            )
        return value
