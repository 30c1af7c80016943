from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("unzugestellt/", views.undelivered, name="undelivered"),
    path("<uuid:task_id>/erneut-senden/", views.retry, name="retry"),
]
