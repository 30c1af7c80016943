from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("auswertungen/", views.dashboard, name="dashboard"),
    path("auswertungen/<slug:page>/", views.dashboard, name="dashboard-page"),
    path("auswertungen/export/<slug:table>.<str:fmt>", views.export, name="export"),
    path("programmberichte/", views.report_runs, name="report-runs"),
    path("programmberichte/<int:pk>/stand/", views.report_run_status, name="report-run-status"),
]
