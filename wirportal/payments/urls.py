from django.urls import path

from . import views

app_name = "payments"
urlpatterns = [
    path("mittelabrufe/", views.request_list, name="request-list"),
    path("mittelabrufe/abruf/<int:decision_pk>/", views.call_down, name="call-down"),
    path("mittelabrufe/<int:pk>/", views.request_detail, name="request-detail"),
    path("mittelabrufe/<int:pk>/pruefen/", views.request_check, name="request-check"),
    path("mittelabrufe/<int:pk>/anordnen/", views.request_order, name="request-order"),
    path("mittelabrufe/<int:pk>/ablehnen/", views.request_refuse, name="request-refuse"),
    path("zahllaeufe/", views.run_list, name="run-list"),
    path("zahllaeufe/<int:pk>/", views.run_detail, name="run-detail"),
    path("zahllaeufe/<int:pk>/datei/", views.run_download, name="run-download"),
    path("zahllaeufe/<int:pk>/ausgefuehrt/", views.run_execute, name="run-execute"),
]
