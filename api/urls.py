"""The JSON API's URLs: /api/v1/… without a language prefix (outside i18n_patterns)."""

from django.urls import path

from .views import api

urlpatterns = [
    path("api/v1/", api.urls),
]
