from django.urls import path
from django.utils.translation import gettext_lazy as _

from core.views import coming_soon

app_name = "clusters"

urlpatterns = [
    path("clusters/", coming_soon, {"title": _("Clusters")}, name="list"),
    path("clusters/<slug:slug>/", coming_soon, {"title": _("Cluster")}, name="detail"),
    path("directory/", coming_soon, {"title": _("Directory")}, name="directory"),
    path("directory/<slug:slug>/", coming_soon, {"title": _("Company")}, name="company"),
    path("skills-map/", coming_soon, {"title": _("Skills map")}, name="skills_map"),
]
