"""Meeting, dashboard and agenda URLs (helper h4b's part), included by matchmaking.urls."""

urlpatterns = []
