from django.urls import include, path

from . import views

app_name = "settlement"

proofs = [
    path("", views.proof_list, name="proof-list"),
    path(
        "entscheidung/<int:pk>/anlegen/",
        views.proof_start,
        name="proof-start",
    ),
    path("<int:pk>/", views.proof_detail, name="proof-detail"),
    path("<int:pk>/bearbeiten/", views.proof_edit, name="proof-edit"),
    path("<int:pk>/entwurf/", views.proof_autosave, name="proof-autosave"),
    path("<int:pk>/belege/", views.receipt_add, name="receipt-add"),
    path(
        "<int:pk>/belege/datei/",
        views.receipt_import,
        name="receipt-import",
    ),
    path(
        "<int:pk>/belege/<int:receipt_pk>/entfernen/",
        views.receipt_remove,
        name="receipt-remove",
    ),
    path("<int:pk>/pruefung/", views.proof_check, name="proof-check"),
    path("<int:pk>/stichprobe/", views.sample_draw, name="sample-draw"),
    path(
        "<int:pk>/stichprobe/ergebnisse/",
        views.sample_save,
        name="sample-save",
    ),
    path("<int:pk>/abrechnung/", views.proof_settle, name="proof-settle"),
    path(
        "entscheidung/<int:pk>/abschluss/",
        views.grant_close,
        name="grant-close",
    ),
]

recoveries = [
    path(
        "entscheidung/<int:pk>/neu/",
        views.recovery_open,
        name="recovery-open",
    ),
    path("<int:pk>/", views.recovery_detail, name="recovery-detail"),
    path("<int:pk>/widerruf/", views.recovery_revoke, name="recovery-revoke"),
    path(
        "<int:pk>/rueckzahlung/",
        views.repayment_book,
        name="repayment-book",
    ),
]

# one literal prefix per group: Django tests the prefix, then only that group's routes
urlpatterns = [
    path("verwendungsnachweise/", include(proofs)),
    path("rueckforderungen/", include(recoveries)),
]
