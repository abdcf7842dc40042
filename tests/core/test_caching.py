"""core.caching: namespaces retired by a new generation, wired from the apps' declarations."""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from core.caching import PAGES, CacheNamespace, declared_public_models, retire_public_data
from tests.clusters.factories import CompanyFactory, SectorFactory

pytestmark = pytest.mark.django_db

CORE = Path(apps.get_app_config("core").path)
PROJECT_APPS = {"clusters", "surveys", "events", "opendata", "api", "portal", "bench"}


def _retires(signal, model, namespace):
    uid = f"retire-{namespace.name}-{model._meta.label_lower}"
    return any(key[0] == uid for key, *_rest in signal.receivers)


def test_a_namespace_key_changes_when_it_is_retired_and_values_under_it_go_stale():
    namespace = CacheNamespace("tests.sample")
    calls = []
    compute = lambda: calls.append(1) or len(calls)  # noqa: E731
    assert namespace.get_or_set("n", compute=compute) == 1
    assert namespace.get_or_set("n", compute=compute) == 1  # cached: computed once
    key = namespace.key("n")
    namespace.retire()
    assert namespace.key("n") != key
    assert namespace.get("n") is None
    assert namespace.get_or_set("n", compute=compute) == 2


def test_retiring_inside_a_transaction_retires_again_after_the_commit(
    django_capture_on_commit_callbacks,
):
    namespace = CacheNamespace("tests.commit")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        namespace.retire()
        during = namespace.generation()
    assert len(callbacks) == 1
    callbacks[0]()
    assert namespace.generation() != during


def test_every_declared_public_model_and_only_those_retire_the_page_cache():
    declared = declared_public_models()
    assert declared, "no app declares public models"
    for model in apps.get_models(include_auto_created=True):
        for signal in (post_save, post_delete, m2m_changed):
            assert _retires(signal, model, PAGES) == (model in declared), model


def test_declarations_name_models_of_their_own_app_and_include_many_to_many_tables():
    for config in apps.get_app_configs():
        for name in getattr(config, "public_models", ()):
            assert config.get_model(name)._meta.app_label == config.label
    company = apps.get_model("clusters", "Company")
    assert company.sectors.through in declared_public_models()
    assert apps.get_model("surveys", "Submission") not in declared_public_models()


def test_the_foundation_names_no_project_app_so_a_new_app_edits_nothing_in_it():
    for path in CORE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert node.module.split(".")[0] not in PROJECT_APPS, (path, node.module)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    assert alias.name.split(".")[0] not in PROJECT_APPS, (path, alias.name)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                # Not even as a string (a model label, a URL name): declarations live in apps.
                first = node.value.split(".")[0].split(":")[0]
                assert first not in PROJECT_APPS or " " in node.value, (path, node.value)


def test_an_app_namespace_is_retired_by_the_models_it_names():
    from portal.caches import HOME

    before = HOME.generation()
    CompanyFactory()
    assert HOME.generation() != before
    before = HOME.generation()
    SectorFactory()  # not among HOME's models
    assert HOME.generation() == before


def test_retire_public_data_retires_pages_and_every_namespace():
    from portal.caches import HOME

    pages, home = PAGES.generation(), HOME.generation()
    retire_public_data()
    assert PAGES.generation() != pages
    assert HOME.generation() != home


def test_a_namespace_kept_in_process_unpickles_a_value_once_per_generation():
    namespace = CacheNamespace("tests.kept", kept_in_process=2)
    written = {"records": [1, 2]}
    namespace.set(written, "a")
    namespace.cache.delete(namespace.key("a"))
    assert namespace.get("a") is written  # kept in this process
    # A value another process wrote (only in the shared cache) is read, then kept.
    namespace.cache.set(namespace.key("b"), [3], None)
    first = namespace.get("b")
    assert first == [3] and namespace.get("b") is first
    assert namespace.get("missing", default="none") == "none"
    # A new generation never gives a kept value of the old one.
    namespace.retire()
    assert namespace.get("a") is None and namespace.get("b") is None
    for part in "cdef":
        namespace.set(part, part)
    assert len(namespace._kept) == 2  # bounded: the latest two
    assert namespace.get("f") == "f"
    # Without the option nothing is kept.
    plain = CacheNamespace("tests.not_kept")
    plain.set([1], "a")
    assert plain.get("a") == [1] and plain.get("a") is not plain.get("a")
    assert plain._kept == {}
