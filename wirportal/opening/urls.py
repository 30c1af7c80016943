from django.urls import path

from . import views

app_name = "opening"
P = "interkulturelle-oeffnung/"
urlpatterns = [
    path(P, views.index, name="index"),
    path(P + "<int:pk>/", views.check_detail, name="check-detail"),
    path(P + "<int:pk>/felder/<slug:code>/", views.field_edit, name="field-edit"),
    path(P + "<int:pk>/felder/<slug:code>/entwurf/", views.field_autosave, name="field-autosave"),
    path(P + "<int:pk>/felder/<slug:code>/beleg/", views.evidence_upload, name="evidence-upload"),
    path(P + "<int:pk>/einladen/", views.contributor_invite, name="contributor-invite"),
    path(
        P + "<int:pk>/mitwirkende/<int:contributor_pk>/entfernen/",
        views.contributor_remove,
        name="contributor-remove",
    ),
    path(P + "<int:pk>/abschliessen/", views.check_submit, name="check-submit"),
    path(P + "<int:pk>/sichtbarkeit/", views.check_visibility, name="check-visibility"),
    path(P + "<int:pk>/bericht.pdf", views.check_pdf, name="check-pdf"),
    path(P + "<int:pk>/massnahmen/", views.plan, name="plan"),
    path(P + "massnahmen/<int:pk>/", views.measure_edit, name="measure-edit"),
    path(P + "einheiten/<slug:slug>/verlauf/", views.progress, name="progress"),
    path(P + "vergleich/", views.comparison, name="comparison"),
    path(P + "vergleich/land.csv", views.land_csv, name="land-csv"),
    path(P + "einladung/<str:token>/", views.invitation, name="invitation"),
    path(P + "fragebogen/", views.questionnaire_list, name="questionnaire-list"),
    path(P + "fragebogen/neu/", views.questionnaire_new, name="questionnaire-new"),
    path(P + "fragebogen/<int:pk>/", views.questionnaire_detail, name="questionnaire-detail"),
    path(
        P + "fragebogen/<int:pk>/veroeffentlichen/",
        views.questionnaire_publish,
        name="questionnaire-publish",
    ),
    path(P + "fragebogen/felder/<int:pk>/", views.action_field_edit, name="action-field-edit"),
    path(P + "fragebogen/felder/<int:pk>/indikator/", views.indicator_add, name="indicator-add"),
    path(P + "fragebogen/indikatoren/<int:pk>/", views.indicator_edit, name="indicator-edit"),
    path(
        P + "fragebogen/indikatoren/<int:pk>/entfernen/",
        views.indicator_delete,
        name="indicator-delete",
    ),
]
