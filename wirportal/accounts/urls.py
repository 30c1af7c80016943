from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.me, name="me"),
    path("api-tokens/neu/", views.api_token_new, name="api-token-create"),
    path("api-tokens/<int:pk>/widerrufen/", views.api_token_revoke_view, name="api-token-revoke"),
    path("zwei-faktor-erforderlich/", views.mfa_required, name="mfa-required"),
]
