"""Meeting, dashboard and agenda URLs (under /events/<slug>/b2b/), included by matchmaking.urls."""

from django.urls import path

from .views import agenda, dashboard, meetings

urlpatterns = [
    path("me/", dashboard.dashboard, name="dashboard"),
    path("me/agenda/", agenda.agenda, name="agenda"),
    path("me/availability/", dashboard.availability, name="availability"),
    path("me/calendar/revoke/", agenda.revoke_calendar, name="revoke_calendar"),
    path("calendar/<str:token>.ics", agenda.calendar_feed, name="calendar_feed"),
    path(
        "participants/<int:participant_id>/meet/",
        meetings.request_meeting,
        name="request_meeting",
    ),
    path("requests/<int:request_id>/accept/", meetings.accept, name="accept"),
    path("requests/<int:request_id>/decline/", meetings.decline, name="decline"),
    path("requests/<int:request_id>/cancel/", meetings.cancel, name="cancel"),
    path("meetings/<int:meeting_id>/reschedule/", meetings.reschedule, name="reschedule"),
]
