from django.contrib import admin
from django.urls import include, path

from wirportal.core.routing import SegmentDispatch, by_first_segment

from .api import api

# The portal's own error pages (403 and 404 are Django's views with templates/403.html, 404.html).
handler400 = "wirportal.core.views.bad_request"
handler500 = "wirportal.core.views.server_error"

# One dispatcher tries only the includes that have routes starting with a request's first path
# segment; each app's routes are grouped by their first segment (wirportal/core/routing.py).
urlpatterns = [
    SegmentDispatch(
        [
            path("", by_first_segment("wirportal.core.urls")),
            path("accounts/", include("allauth.urls")),
            path("konto/", include("wirportal.accounts.urls")),
            path("i18n/", include("django.conf.urls.i18n")),
            path("api/", api.urls),
            path("verwaltung/", admin.site.urls),
            *(
                path("", by_first_segment(f"wirportal.{app}.urls"))
                for app in (
                    "offices",
                    "events",
                    "programmes",
                    "applications",
                    "reviews",
                    "decisions",
                    "payments",
                    "settlement",
                    "reports",
                    "dashboards",
                    "documents",
                    "notifications",
                    "audit",
                )
            ),
        ]
    )
]
