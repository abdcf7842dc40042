"""The project's URLs plus the benchmark's bare baseline view (benchmark settings only)."""

from django.urls import path

from c2future.urls import handler404, handler500
from c2future.urls import urlpatterns as project_urlpatterns

from . import views

__all__ = ["handler404", "handler500", "urlpatterns"]

urlpatterns = [path("bench/baseline", views.baseline, name="bench-baseline")]
urlpatterns += project_urlpatterns
