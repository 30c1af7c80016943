from django.urls import path

from . import views

app_name = "opening"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.check_detail, name="check-detail"),
    path("<int:pk>/felder/<slug:code>/", views.field_edit, name="field-edit"),
    path("<int:pk>/felder/<slug:code>/entwurf/", views.field_autosave, name="field-autosave"),
    path("<int:pk>/felder/<slug:code>/beleg/", views.evidence_upload, name="evidence-upload"),
    path("<int:pk>/einladen/", views.contributor_invite, name="contributor-invite"),
    path(
        "<int:pk>/mitwirkende/<int:contributor_pk>/entfernen/",
        views.contributor_remove,
        name="contributor-remove",
    ),
    path("<int:pk>/abschliessen/", views.check_submit, name="check-submit"),
    path("<int:pk>/sichtbarkeit/", views.check_visibility, name="check-visibility"),
    path("<int:pk>/bericht.pdf", views.check_pdf, name="check-pdf"),
    path("<int:pk>/massnahmen/", views.plan, name="plan"),
    path("massnahmen/<int:pk>/", views.measure_edit, name="measure-edit"),
    path("einheiten/<slug:slug>/verlauf/", views.progress, name="progress"),
    path("vergleich/", views.comparison, name="comparison"),
    path("vergleich/land.csv", views.land_csv, name="land-csv"),
    path("einladung/<str:token>/", views.invitation, name="invitation"),
    path("fragebogen/", views.questionnaire_list, name="questionnaire-list"),
    path("fragebogen/neu/", views.questionnaire_new, name="questionnaire-new"),
    path("fragebogen/<int:pk>/", views.questionnaire_detail, name="questionnaire-detail"),
    path(
        "fragebogen/<int:pk>/veroeffentlichen/",
        views.questionnaire_publish,
        name="questionnaire-publish",
    ),
    path("fragebogen/felder/<int:pk>/", views.action_field_edit, name="action-field-edit"),
    path("fragebogen/felder/<int:pk>/indikator/", views.indicator_add, name="indicator-add"),
    path("fragebogen/indikatoren/<int:pk>/", views.indicator_edit, name="indicator-edit"),
    path(
        "fragebogen/indikatoren/<int:pk>/entfernen/",
        views.indicator_delete,
        name="indicator-delete",
    ),
]
