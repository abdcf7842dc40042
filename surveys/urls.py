from django.urls import path
from django.utils.translation import gettext_lazy as _

from core.views import coming_soon

app_name = "surveys"

urlpatterns = [
    path("", coming_soon, {"title": _("Questionnaire")}, name="intro"),
    # A published company asks for an "update my profile" link (issue 4).
    path(
        "update/<slug:slug>/",
        coming_soon,
        {"title": _("Update your profile")},
        name="request_update",
    ),
]
