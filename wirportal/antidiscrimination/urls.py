from django.urls import include, path

from . import views

app_name = "antidiscrimination"

# public, without account
reporting = [
    path("", views.report, name="report"),
    path("bestaetigung.pdf", views.receipt_pdf, name="receipt-pdf"),
    path("nachfrage/", views.follow_up, name="follow-up"),
    path("nachfrage/ergaenzen/", views.follow_up_add, name="follow-up-add"),
    # the same pages in the public languages (ADR 0017): /diskriminierung-melden/<code>/…
    # (after the German ones: "nachfrage/" would also match "<str:lang>/")
    path("<str:lang>/", views.report, name="report-lang"),
    path("<str:lang>/bestaetigung.pdf", views.receipt_pdf, name="receipt-pdf-lang"),
    path("<str:lang>/nachfrage/", views.follow_up, name="follow-up-lang"),
    path("<str:lang>/nachfrage/ergaenzen/", views.follow_up_add, name="follow-up-add-lang"),
]

# the anti-discrimination unit
unit = [
    path("", views.report_list, name="report-list"),
    path("meldungen/<int:pk>/", views.report_detail, name="report-detail"),
    path("meldungen/<int:pk>/antworten/", views.report_reply, name="report-reply"),
    path("meldungen/<int:pk>/einordnen/", views.report_triage, name="report-triage"),
    path("meldungen/<int:pk>/weitergeben/", views.report_refer, name="report-refer"),
    path("meldungen/<int:pk>/abschliessen/", views.report_close, name="report-close"),
    path("statistik/", views.statistics, name="statistics"),
    path("beratungsstellen/", views.centre_list, name="centre-list"),
    path("beratungsstellen/neu/", views.centre_edit, name="centre-add"),
    path("beratungsstellen/<int:pk>/", views.centre_edit, name="centre-edit"),
    path("loeschfristen/", views.retention, name="retention"),
]

# one literal prefix per group: Django tests the prefix, then only that group's routes
urlpatterns = [
    path("diskriminierung-melden/", include(reporting)),
    path("antidiskriminierung/", include(unit)),
]
