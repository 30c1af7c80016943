from django.urls import path

from . import views

app_name = "applications"
urlpatterns = [
    path("antraege/", views.application_list, name="application-list"),
    path(
        "foerderaufrufe/<int:call_pk>/antrag/",
        views.application_create,
        name="application-create",
    ),
    path("antraege/<int:pk>/", views.application_detail, name="application-detail"),
    path("antraege/<int:pk>/bearbeiten/", views.application_edit, name="application-edit"),
    path(
        "antraege/<int:pk>/zwischenspeichern/",
        views.application_autosave,
        name="application-autosave",
    ),
    path("antraege/<int:pk>/kosten/neu/", views.cost_item_add, name="cost-item-add"),
    path(
        "antraege/<int:pk>/kosten/<int:item_pk>/entfernen/",
        views.cost_item_remove,
        name="cost-item-remove",
    ),
    path(
        "antraege/<int:pk>/finanzierung/neu/",
        views.funding_source_add,
        name="funding-source-add",
    ),
    path(
        "antraege/<int:pk>/finanzierung/<int:source_pk>/entfernen/",
        views.funding_source_remove,
        name="funding-source-remove",
    ),
    path(
        "antraege/<int:pk>/andere-foerderungen/neu/",
        views.other_funding_add,
        name="other-funding-add",
    ),
    path(
        "antraege/<int:pk>/andere-foerderungen/<int:other_pk>/entfernen/",
        views.other_funding_remove,
        name="other-funding-remove",
    ),
    path(
        "antraege/<int:pk>/vorzeitiger-beginn/",
        views.early_start_create,
        name="early-start-create",
    ),
    path("vorzeitiger-beginn/", views.early_start_list, name="early-start-list"),
    path("vorzeitiger-beginn/<int:pk>/", views.early_start_detail, name="early-start-detail"),
    path(
        "vorzeitiger-beginn/<int:pk>/entscheiden/",
        views.early_start_decide,
        name="early-start-decide",
    ),
    path("antraege/<int:pk>/anlagen/", views.attachment_upload, name="attachment-upload"),
    path("antraege/<int:pk>/einreichen/", views.application_submit, name="application-submit"),
    path(
        "antraege/<int:pk>/zurueckziehen/",
        views.application_withdraw,
        name="application-withdraw",
    ),
]
