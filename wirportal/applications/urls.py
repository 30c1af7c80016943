from django.urls import include, path

from . import views

app_name = "applications"

applications = [
    path("", views.application_list, name="application-list"),
    path("<int:pk>/", views.application_detail, name="application-detail"),
    path("<int:pk>/bearbeiten/", views.application_edit, name="application-edit"),
    path(
        "<int:pk>/zwischenspeichern/",
        views.application_autosave,
        name="application-autosave",
    ),
    path("<int:pk>/kosten/neu/", views.cost_item_add, name="cost-item-add"),
    path(
        "<int:pk>/kosten/<int:item_pk>/entfernen/",
        views.cost_item_remove,
        name="cost-item-remove",
    ),
    path(
        "<int:pk>/finanzierung/neu/",
        views.funding_source_add,
        name="funding-source-add",
    ),
    path(
        "<int:pk>/finanzierung/<int:source_pk>/entfernen/",
        views.funding_source_remove,
        name="funding-source-remove",
    ),
    path(
        "<int:pk>/andere-foerderungen/neu/",
        views.other_funding_add,
        name="other-funding-add",
    ),
    path(
        "<int:pk>/andere-foerderungen/<int:other_pk>/entfernen/",
        views.other_funding_remove,
        name="other-funding-remove",
    ),
    path(
        "<int:pk>/vorzeitiger-beginn/",
        views.early_start_create,
        name="early-start-create",
    ),
    path("<int:pk>/anlagen/", views.attachment_upload, name="attachment-upload"),
    path("<int:pk>/einreichen/", views.application_submit, name="application-submit"),
    path(
        "<int:pk>/zurueckziehen/",
        views.application_withdraw,
        name="application-withdraw",
    ),
]

early_starts = [
    path("", views.early_start_list, name="early-start-list"),
    path("<int:pk>/", views.early_start_detail, name="early-start-detail"),
    path(
        "<int:pk>/entscheiden/",
        views.early_start_decide,
        name="early-start-decide",
    ),
]

# one literal prefix per group: Django tests the prefix, then only that group's routes
urlpatterns = [
    path("antraege/", include(applications)),
    path(
        "foerderaufrufe/<int:call_pk>/antrag/",
        views.application_create,
        name="application-create",
    ),
    path("vorzeitiger-beginn/", include(early_starts)),
]
