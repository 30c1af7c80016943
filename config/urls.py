from django.contrib import admin
from django.urls import include, path

from .api import api

# The portal's own error pages (403 and 404 are Django's views with templates/403.html, 404.html).
handler400 = "wirportal.core.views.bad_request"
handler500 = "wirportal.core.views.server_error"

# One include() per app, each under a literal prefix, so that Django tests one prefix per app
# (or per group) instead of every route (ADR 0013). An app that serves several top-level segments
# is included at "" (one namespace may be included only once) and its urls.py has one literal
# prefix include() per segment (e.g. offices: "einheiten/", "akteure/", "traeger/").
# Public URLs are stable: tests/test_url_snapshot.py compares every route with a snapshot.
urlpatterns = [
    path("", include("wirportal.core.urls")),  # home, legal pages, language, healthz
    path("accounts/", include("allauth.urls")),
    path("konto/", include("wirportal.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("verwaltung/", admin.site.urls),
    path("", include("wirportal.offices.urls")),  # einheiten/, akteure/, traeger/
    path("veranstaltungen/", include("wirportal.events.urls")),
    path("interkulturelle-oeffnung/", include("wirportal.opening.urls")),
    path("", include("wirportal.antidiscrimination.urls")),  # diskriminierung-melden/, antidiskr…
    path("", include("wirportal.programmes.urls")),  # foerderprogramme/, foerderlinien/, …
    path("", include("wirportal.applications.urls")),  # antraege/, vorzeitiger-beginn/, …
    path("", include("wirportal.reviews.urls")),  # pruefung/, foerderlinien/…/kriterien/
    path("entscheidungen/", include("wirportal.decisions.urls")),
    path("", include("wirportal.payments.urls")),  # mittelabrufe/, zahllaeufe/
    path("", include("wirportal.settlement.urls")),  # verwendungsnachweise/, rueckforderungen/
    path("", include("wirportal.reports.urls")),  # auswertungen/, programmberichte/
    path("offene-daten/", include("wirportal.opendata.urls")),
    path("start/", include("wirportal.dashboards.urls")),
    path("angebote/", include("wirportal.finder.urls")),
    path("dokumente/", include("wirportal.documents.urls")),
    path("e-mails/", include("wirportal.notifications.urls")),
    path("", include("wirportal.audit.urls")),  # no pages (yet): the namespace only
]
