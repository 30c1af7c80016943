from django.urls import path

from . import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="event-list"),
    path("kalender.ics", views.ical_feed, name="ical-feed"),
    path("neu/", views.event_create, name="event-create"),
    path(
        "anmeldung/<str:token>/",
        views.registration_manage,
        name="registration-manage",
    ),
    path(
        "anmeldung/<str:token>/bestaetigen/",
        views.registration_confirm,
        name="registration-confirm",
    ),
    path(
        "anmeldung/<str:token>/stornieren/",
        views.registration_cancel,
        name="registration-cancel",
    ),
    path("<slug:slug>/", views.event_detail, name="event-detail"),
    path("<slug:slug>/kalender.ics", views.event_ical, name="event-ical"),
    path("<slug:slug>/anmelden/", views.event_register, name="event-register"),
    path(
        "<slug:slug>/anmelden/bitte-bestaetigen/",
        views.registration_pending,
        name="registration-pending",
    ),
    path("<slug:slug>/bearbeiten/", views.event_update, name="event-update"),
    path(
        "<slug:slug>/veroeffentlichen/",
        views.event_publish,
        name="event-publish",
    ),
    path("<slug:slug>/absagen/", views.event_cancel, name="event-cancel"),
    path(
        "<slug:slug>/beteiligte/",
        views.event_participants,
        name="event-participants",
    ),
    path("<slug:slug>/foren/neu/", views.workshop_add, name="workshop-add"),
    path("<slug:slug>/programm/neu/", views.agenda_item_add, name="agenda-item-add"),
    path("<slug:slug>/staende/neu/", views.exhibitor_add, name="exhibitor-add"),
    path(
        "<slug:slug>/programm/<int:pk>/bearbeiten/",
        views.agenda_item_update,
        name="agenda-item-update",
    ),
    path(
        "<slug:slug>/programm/<int:pk>/loeschen/",
        views.agenda_item_delete,
        name="agenda-item-delete",
    ),
    path(
        "<slug:slug>/foren/<int:pk>/bearbeiten/",
        views.workshop_update,
        name="workshop-update",
    ),
    path(
        "<slug:slug>/foren/<int:pk>/loeschen/",
        views.workshop_delete,
        name="workshop-delete",
    ),
    path(
        "<slug:slug>/staende/<int:pk>/bearbeiten/",
        views.exhibitor_update,
        name="exhibitor-update",
    ),
    path(
        "<slug:slug>/staende/<int:pk>/loeschen/",
        views.exhibitor_delete,
        name="exhibitor-delete",
    ),
    path(
        "<slug:slug>/anmeldungen/",
        views.registration_list,
        name="registration-list",
    ),
    path(
        "<slug:slug>/anmeldungen/export.<str:fmt>",
        views.registration_export,
        name="registration-export",
    ),
    path("<slug:slug>/einlassliste.pdf", views.check_in_pdf, name="check-in-pdf"),
    path("<slug:slug>/einlass/", views.check_in, name="check-in"),
    path(
        "<slug:slug>/einlass/<int:pk>/",
        views.check_in_toggle,
        name="check-in-toggle",
    ),
    path("<slug:slug>/zuteilung/", views.assignment, name="assignment"),
    path(
        "<slug:slug>/zuteilung/versenden/",
        views.assignment_publish,
        name="assignment-publish",
    ),
    path("<slug:slug>/material/neu/", views.material_upload, name="material-upload"),
    path(
        "<slug:slug>/material/<int:pk>/",
        views.material_download,
        name="material-download",
    ),
]
