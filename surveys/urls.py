from django.urls import path

from . import views

app_name = "surveys"

urlpatterns = [
    path("", views.intro, name="intro"),
    path("step/<slug:step_key>/", views.step_view, name="step"),
    path("review/", views.review, name="review"),
    path("thank-you/", views.done, name="done"),
    path("resume/<str:value>/", views.resume, name="resume"),
    # A published company asks for an "update my profile" link from its profile page.
    path("update/<slug:slug>/", views.request_update, name="request_update"),
    path("update-profile/<str:value>/", views.open_update, name="open_update"),
    path("results/", views.dashboard, name="dashboard"),
    path("results/submissions.csv", views.export_csv, name="export_csv"),
    path("results/submissions.xlsx", views.export_xlsx, name="export_xlsx"),
]
