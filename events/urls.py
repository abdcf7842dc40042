from django.urls import path
from django.utils.translation import gettext_lazy as _

from core.views import coming_soon

app_name = "events"

urlpatterns = [
    path("events/", coming_soon, {"title": _("Events")}, name="list"),
    path("events/<slug:slug>/", coming_soon, {"title": _("Event")}, name="detail"),
    path("speakers/<slug:slug>/", coming_soon, {"title": _("Speaker")}, name="speaker"),
]
