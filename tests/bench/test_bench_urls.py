"""The baseline view exists only under the benchmark's settings, never in production."""

import importlib

import pytest
from django.urls import clear_url_caches

pytestmark = pytest.mark.django_db


def test_baseline_is_not_routed_under_the_real_settings(client, settings):
    assert settings.ROOT_URLCONF == "c2future.urls"
    assert client.get("/bench/baseline").status_code == 404


def test_baseline_answers_a_short_text_without_queries(client, settings, django_assert_num_queries):
    settings.ROOT_URLCONF = "bench.urls"
    clear_url_caches()
    with django_assert_num_queries(0):
        response = client.get("/bench/baseline")
    assert response.status_code == 200
    assert response.content == b"ok"
    # The project's own pages are still served beside it.
    assert client.get("/").status_code == 200


def test_bench_settings_are_production_settings_plus_the_baseline():
    bench_settings = importlib.import_module("bench.settings")
    project_settings = importlib.import_module("c2future.settings")
    assert bench_settings.ROOT_URLCONF == "bench.urls"
    assert bench_settings.DEBUG is project_settings.DEBUG
    assert bench_settings.MIDDLEWARE == project_settings.MIDDLEWARE
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in bench_settings.MIDDLEWARE
    # Rate limits off: every benchmark request comes from 127.0.0.1.
    assert bench_settings.RATELIMIT_ENABLE is False
