from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.me, name="me"),
    path("zwei-faktor-erforderlich/", views.mfa_required, name="mfa-required"),
]
