from django.urls import path

from . import views

app_name = "opendata"

urlpatterns = [
    path("embed/directory/", views.embed_directory, name="embed_directory"),
    path("embed/events/", views.embed_events, name="embed_events"),
    path("open-data/", views.index, name="index"),
    path("search/", views.search, name="search"),
    path("open-data/<slug:dataset>.<str:file_format>", views.download, name="download"),
]
