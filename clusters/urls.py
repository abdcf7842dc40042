from django.urls import path

from . import views

app_name = "clusters"

urlpatterns = [
    path("clusters/", views.cluster_list, name="list"),
    path("clusters/<slug:slug>/", views.cluster_detail, name="detail"),
    path("directory/", views.directory, name="directory"),
    path("directory/<slug:slug>/", views.company_detail, name="company"),
    path("skills-map/", views.skills_map, name="skills_map"),
    path("skills-map/points.json", views.map_points, name="map_points"),
]
