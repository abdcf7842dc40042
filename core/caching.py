"""The one caching mechanism: namespaces of keys retired together by a new generation.

A `CacheNamespace` puts a generation (a version stamp) into every key it makes. Retiring
the namespace replaces the generation, so every value cached under it goes stale at once
without anyone knowing the keys (old entries simply expire), the way pretalx's
`common/cache.py` prefixes keys.

Who retires what is declared, never wired by hand:
- each app's `AppConfig.public_models` names the models its public pages show; a save,
  delete or many-to-many change of one of them (or of the through table of one of their
  many-to-many fields) retires the whole-page cache (`PAGES`, core.page_cache);
- each app's `caches.py` (imported by core at start-up) creates its namespaces with
  `retired_by=("app.Model", ...)`; those models' writes retire that namespace.

Bulk writes that send no signals (`QuerySet.update()`, `bulk_create()`) call the one entry
point `retire_public_data()`.

Retiring runs now and again once the transaction commits: signals fire before the commit, so
a request served in between could read the old rows under the new generation and cache them;
the second retirement drops whatever it stored.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.apps import apps
from django.core.cache import caches
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save

T = TypeVar("T")
_DEFAULT = object()
_MISSING = object()
_namespaces: dict[str, CacheNamespace] = {}


def now_and_after_commit(action: Callable[[], None]) -> None:
    """Run `action` now and, inside a transaction, again once it commits."""
    action()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(action)


class CacheNamespace:
    """Keys under one name and generation; `retire()` makes all of them stale at once."""

    def __init__(
        self,
        name: str,
        *,
        retired_by: Iterable[str] = (),
        alias: str = "default",
        timeout: int | None = 600,
        kept_in_process: int = 0,
    ) -> None:
        self.name = name
        self.retired_by = tuple(retired_by)
        self.alias = alias
        self.timeout = timeout
        # For values read on every request and changed only with the generation: the last
        # `kept_in_process` of them are also kept, unpickled, in this process (keyed on the
        # generation, which is still read from the shared cache each time).
        self.kept_in_process = kept_in_process
        self._kept: dict[str, Any] = {}
        _namespaces[name] = self

    def __repr__(self) -> str:
        return f"CacheNamespace({self.name!r})"

    @property
    def cache(self):
        return caches[self.alias]

    @property
    def _generation_key(self) -> str:
        return f"{self.name}:generation"

    def generation(self) -> int:
        """The current version stamp (started when missing)."""
        cache = self.cache
        generation = cache.get(self._generation_key)
        if generation is None:
            cache.add(self._generation_key, time.time_ns(), None)
            generation = cache.get(self._generation_key)
        # Should the key be gone again at once (the cache is down), a fresh value means a
        # miss, never a stale hit.
        return generation if generation is not None else time.time_ns()

    def key(self, *parts: Any) -> str:
        return ":".join([self.name, str(self.generation()), *(str(part) for part in parts)])

    def get(self, *parts: Any, default: Any = None) -> Any:
        value = self._read(self.key(*parts))
        return default if value is _MISSING else value

    def set(self, value: Any, *parts: Any, timeout: Any = _DEFAULT) -> None:
        self._write(self.key(*parts), value, timeout)

    def get_or_set(self, *parts: Any, compute: Callable[[], T], timeout: Any = _DEFAULT) -> T:
        """The cached value, or `compute()` stored for the next request."""
        key = self.key(*parts)
        value = self._read(key)
        if value is _MISSING:
            value = compute()
            self._write(key, value, timeout)
        return value

    def _read(self, key: str) -> Any:
        if self.kept_in_process:
            value = self._kept.get(key, _MISSING)
            if value is not _MISSING:
                return value
        value = self.cache.get(key, _MISSING)
        if value is not _MISSING:
            self._keep(key, value)
        return value

    def _write(self, key: str, value: Any, timeout: Any) -> None:
        self.cache.set(key, value, self.timeout if timeout is _DEFAULT else timeout)
        self._keep(key, value)

    def _keep(self, key: str, value: Any) -> None:
        if not self.kept_in_process:
            return
        kept = self._kept
        if key not in kept and len(kept) >= self.kept_in_process:
            kept.pop(next(iter(kept)))  # the oldest
        kept[key] = value

    def retire(self) -> None:
        """Every key of the namespace is stale from now on (and again after the commit)."""
        now_and_after_commit(self._new_generation)

    def _new_generation(self) -> None:
        self.cache.set(self._generation_key, time.time_ns(), None)


# The rendered public pages (core.page_cache) have a cache alias of their own.
PAGES = CacheNamespace("pages", alias="pages", timeout=None)


def namespaces() -> list[CacheNamespace]:
    return list(_namespaces.values())


def retire_public_data() -> None:
    """After a write that sent no model signals: every page and every namespace is stale."""
    for namespace in namespaces():
        namespace.retire()


def _with_through_tables(models: Iterable[type[Model]]) -> set[type[Model]]:
    # A many-to-many change is a write of the model that declares the field.
    found = set()
    for model in models:
        found.add(model)
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                found.add(through)
    return found


def declared_public_models() -> set[type[Model]]:
    """The models every app declares on its AppConfig as shown on public pages."""
    models = []
    for config in apps.get_app_configs():
        for name in getattr(config, "public_models", ()):
            models.append(config.get_model(name))
    return _with_through_tables(models)


def shows_on_public_pages(model: type[Model]) -> bool:
    return model in declared_public_models()


def _retirer(namespace: CacheNamespace):
    def retire(**kwargs):
        if kwargs.get("action", "post_").startswith("post_"):
            namespace.retire()

    return retire


def connect_signals() -> None:
    """Connect each declared model to the namespaces it retires (once, at start-up).

    Per model, never for every sender: a receiver for all senders would make every
    QuerySet.delete() in the project (sessions, lockouts, task rows) load and signal each row.
    """
    retired_by: dict[type[Model], list[CacheNamespace]] = {}
    for model in declared_public_models():
        retired_by.setdefault(model, []).append(PAGES)
    for namespace in namespaces():
        labels = namespace.retired_by
        for model in _with_through_tables(apps.get_model(label) for label in labels):
            retired_by.setdefault(model, []).append(namespace)
    for model, retired in retired_by.items():
        for namespace in retired:
            receiver = _retirer(namespace)
            uid = f"retire-{namespace.name}-{model._meta.label_lower}"
            for signal in (post_save, post_delete, m2m_changed):
                signal.connect(receiver, sender=model, weak=False, dispatch_uid=uid)
