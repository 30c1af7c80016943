from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("e-mails/unzugestellt/", views.undelivered, name="undelivered"),
    path("e-mails/<uuid:task_id>/erneut-senden/", views.retry, name="retry"),
]
