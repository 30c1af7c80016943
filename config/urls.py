from django.contrib import admin
from django.urls import include, path

from .api import api

# The portal's own error pages (403 and 404 are Django's views with templates/403.html, 404.html).
handler400 = "wirportal.core.views.bad_request"
handler500 = "wirportal.core.views.server_error"

# One include() per app under a literal prefix (ADR 0013). An app that serves several top-level
# segments is included at "" (a namespace can be included only once) and its urls.py has one
# literal-prefix include() per segment (e.g. offices: "einheiten/", "akteure/", "traeger/").
# Django tries the entries in this order and every include() that does not match costs a raised
# Resolver404, so the most requested come first (signed-in work, then public pages). No two
# entries overlap: the order changes no URL (tests/test_url_snapshot.py resolves every route).
urlpatterns = [
    path("", include("wirportal.core.urls")),  # home, legal pages, language, healthz
    path("", include("wirportal.applications.urls")),  # antraege/, vorzeitiger-beginn/, …
    path("api/", api.urls),
    path("", include("wirportal.reviews.urls")),  # pruefung/, foerderlinien/…/kriterien/
    path("entscheidungen/", include("wirportal.decisions.urls")),
    path("", include("wirportal.payments.urls")),  # mittelabrufe/, zahllaeufe/
    path("", include("wirportal.settlement.urls")),  # verwendungsnachweise/, rueckforderungen/
    path("veranstaltungen/", include("wirportal.events.urls")),
    path("angebote/", include("wirportal.finder.urls")),
    path("", include("wirportal.offices.urls")),  # einheiten/, akteure/, traeger/
    path("", include("wirportal.programmes.urls")),  # foerderprogramme/, foerderlinien/, …
    path("interkulturelle-oeffnung/", include("wirportal.opening.urls")),
    path("", include("wirportal.antidiscrimination.urls")),  # diskriminierung-melden/, …
    path("start/", include("wirportal.dashboards.urls")),
    path("", include("wirportal.reports.urls")),  # auswertungen/, programmberichte/
    path("offene-daten/", include("wirportal.opendata.urls")),
    path("partnerschaft/", include("wirportal.partnership.urls")),
    path("dokumente/", include("wirportal.documents.urls")),
    path("konto/", include("wirportal.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("e-mails/", include("wirportal.notifications.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("verwaltung/", admin.site.urls),
    path("", include("wirportal.audit.urls")),  # no pages (yet): the namespace only
]
