from django.urls import path

from . import views

app_name = "antidiscrimination"
urlpatterns = [
    # public, without account
    path("diskriminierung-melden/", views.report, name="report"),
    path("diskriminierung-melden/bestaetigung.pdf", views.receipt_pdf, name="receipt-pdf"),
    path("diskriminierung-melden/nachfrage/", views.follow_up, name="follow-up"),
    path("diskriminierung-melden/nachfrage/ergaenzen/", views.follow_up_add, name="follow-up-add"),
    # the same pages in the public languages (ADR 0017): /diskriminierung-melden/<code>/…
    path("diskriminierung-melden/<str:lang>/", views.report, name="report-lang"),
    path(
        "diskriminierung-melden/<str:lang>/bestaetigung.pdf",
        views.receipt_pdf,
        name="receipt-pdf-lang",
    ),
    path("diskriminierung-melden/<str:lang>/nachfrage/", views.follow_up, name="follow-up-lang"),
    path(
        "diskriminierung-melden/<str:lang>/nachfrage/ergaenzen/",
        views.follow_up_add,
        name="follow-up-add-lang",
    ),
    # the anti-discrimination unit
    path("antidiskriminierung/", views.report_list, name="report-list"),
    path("antidiskriminierung/meldungen/<int:pk>/", views.report_detail, name="report-detail"),
    path(
        "antidiskriminierung/meldungen/<int:pk>/antworten/",
        views.report_reply,
        name="report-reply",
    ),
    path(
        "antidiskriminierung/meldungen/<int:pk>/einordnen/",
        views.report_triage,
        name="report-triage",
    ),
    path(
        "antidiskriminierung/meldungen/<int:pk>/weitergeben/",
        views.report_refer,
        name="report-refer",
    ),
    path(
        "antidiskriminierung/meldungen/<int:pk>/abschliessen/",
        views.report_close,
        name="report-close",
    ),
    path("antidiskriminierung/statistik/", views.statistics, name="statistics"),
    path("antidiskriminierung/beratungsstellen/", views.centre_list, name="centre-list"),
    path("antidiskriminierung/beratungsstellen/neu/", views.centre_edit, name="centre-add"),
    path("antidiskriminierung/beratungsstellen/<int:pk>/", views.centre_edit, name="centre-edit"),
    path("antidiskriminierung/loeschfristen/", views.retention, name="retention"),
]
