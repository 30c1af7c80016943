from django.urls import include, path

from . import views

app_name = "payments"

requests = [
    path("", views.request_list, name="request-list"),
    path("abruf/<int:decision_pk>/", views.call_down, name="call-down"),
    path("<int:pk>/", views.request_detail, name="request-detail"),
    path("<int:pk>/pruefen/", views.request_check, name="request-check"),
    path("<int:pk>/anordnen/", views.request_order, name="request-order"),
    path("<int:pk>/ablehnen/", views.request_refuse, name="request-refuse"),
]

runs = [
    path("", views.run_list, name="run-list"),
    path("<int:pk>/", views.run_detail, name="run-detail"),
    path("<int:pk>/datei/", views.run_download, name="run-download"),
    path("<int:pk>/ausgefuehrt/", views.run_execute, name="run-execute"),
]

# one literal prefix per group: Django tests the prefix, then only that group's routes
urlpatterns = [
    path("mittelabrufe/", include(requests)),
    path("zahllaeufe/", include(runs)),
]
