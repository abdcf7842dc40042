from django.urls import path
from django.views.decorators.http import require_safe

from . import feeds, views

app_name = "events"

# The feeds come before events/<slug>…: "feed.ics" must not be read as an event slug.
urlpatterns = [
    path("events/", views.event_list, name="list"),
    path("events/feed.ics", views.calendar_feed, name="calendar"),
    # GET and HEAD only: TRACE, OPTIONS or POST on a feed is a 405.
    path("events/feed.atom", require_safe(feeds.LatestEventsAtomFeed()), name="atom"),
    path("events/feed.rss", require_safe(feeds.LatestEventsFeed()), name="rss"),
    path("events/<slug:slug>.ics", views.event_ics, name="ics"),
    path("events/<slug:slug>/", views.event_detail, name="detail"),
    path("events/<slug:slug>/request/", views.request_material, name="request"),
    path(
        "events/<slug:slug>/materials/<int:material_id>/download/",
        views.download_material,
        name="download",
    ),
    path("speakers/<slug:slug>/", views.speaker_detail, name="speaker"),
]
