from django.urls import include, path

from .views import marketplace, programme, registration

app_name = "matchmaking"

urlpatterns = [
    path("", programme.programme_page, name="programme"),
    path("register/", registration.register, name="register"),
    path("opportunities/", marketplace.opportunity_list, name="opportunities"),
    path("opportunities/new/", marketplace.opportunity_create, name="opportunity_create"),
    path("participants/<int:participant_id>/", programme.participant_detail, name="participant"),
    path("", include("matchmaking.meeting_urls")),
]
