from django.contrib import admin
from django.urls import include, path

from .api import api

urlpatterns = [
    path("", include("wirportal.core.urls")),
    path("accounts/", include("allauth.urls")),
    path("konto/", include("wirportal.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("verwaltung/", admin.site.urls),
    path("", include("wirportal.offices.urls")),
    path("", include("wirportal.events.urls")),
    path("", include("wirportal.programmes.urls")),
    path("", include("wirportal.applications.urls")),
    path("", include("wirportal.reviews.urls")),
    path("", include("wirportal.decisions.urls")),
    path("", include("wirportal.payments.urls")),
    path("", include("wirportal.reports.urls")),
    path("", include("wirportal.dashboards.urls")),
    path("", include("wirportal.documents.urls")),
    path("", include("wirportal.notifications.urls")),
    path("", include("wirportal.audit.urls")),
]
