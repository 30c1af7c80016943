from django.urls import path

from . import views

app_name = "settlement"
urlpatterns = [
    path("verwendungsnachweise/", views.proof_list, name="proof-list"),
    path(
        "verwendungsnachweise/entscheidung/<int:pk>/anlegen/",
        views.proof_start,
        name="proof-start",
    ),
    path("verwendungsnachweise/<int:pk>/", views.proof_detail, name="proof-detail"),
    path("verwendungsnachweise/<int:pk>/bearbeiten/", views.proof_edit, name="proof-edit"),
    path("verwendungsnachweise/<int:pk>/entwurf/", views.proof_autosave, name="proof-autosave"),
    path("verwendungsnachweise/<int:pk>/belege/", views.receipt_add, name="receipt-add"),
    path(
        "verwendungsnachweise/<int:pk>/belege/datei/",
        views.receipt_import,
        name="receipt-import",
    ),
    path(
        "verwendungsnachweise/<int:pk>/belege/<int:receipt_pk>/entfernen/",
        views.receipt_remove,
        name="receipt-remove",
    ),
    path("verwendungsnachweise/<int:pk>/pruefung/", views.proof_check, name="proof-check"),
    path("verwendungsnachweise/<int:pk>/stichprobe/", views.sample_draw, name="sample-draw"),
    path(
        "verwendungsnachweise/<int:pk>/stichprobe/ergebnisse/",
        views.sample_save,
        name="sample-save",
    ),
    path("verwendungsnachweise/<int:pk>/abrechnung/", views.proof_settle, name="proof-settle"),
    path(
        "rueckforderungen/entscheidung/<int:pk>/neu/",
        views.recovery_open,
        name="recovery-open",
    ),
    path("rueckforderungen/<int:pk>/", views.recovery_detail, name="recovery-detail"),
    path("rueckforderungen/<int:pk>/widerruf/", views.recovery_revoke, name="recovery-revoke"),
    path(
        "rueckforderungen/<int:pk>/rueckzahlung/",
        views.repayment_book,
        name="repayment-book",
    ),
    path(
        "verwendungsnachweise/entscheidung/<int:pk>/abschluss/",
        views.grant_close,
        name="grant-close",
    ),
]
