from django.urls import include, path

from . import views

app_name = "reports"

dashboards = [
    path("", views.dashboard, name="dashboard"),
    path("<slug:page>/", views.dashboard, name="dashboard-page"),
    path("export/<slug:table>.<str:fmt>", views.export, name="export"),
]

report_runs = [
    path("", views.report_runs, name="report-runs"),
    path("<int:pk>/stand/", views.report_run_status, name="report-run-status"),
]

# one literal prefix per group: Django tests the prefix, then only that group's routes
urlpatterns = [
    path("auswertungen/", include(dashboards)),
    path("programmberichte/", include(report_runs)),
]
