from django.urls import path

from . import views

app_name = "offices"
urlpatterns = [
    path("einheiten/", views.office_list, name="office-list"),
    path("einheiten/<slug:slug>/", views.office_detail, name="office-detail"),
    path("einheiten/<slug:slug>/region/", views.office_region, name="office-region"),
    path("einheiten/<slug:slug>/team/neu/", views.staff_create, name="staff-create"),
    path(
        "einheiten/<slug:slug>/team/<int:pk>/bearbeiten/", views.staff_update, name="staff-update"
    ),
    path("einheiten/<slug:slug>/team/<int:pk>/entfernen/", views.staff_delete, name="staff-delete"),
    path(
        "einheiten/<slug:slug>/team/<int:pk>/veroeffentlichung/",
        views.staff_publication,
        name="staff-publication",
    ),
    path("einheiten/<slug:slug>/akteure/<int:pk>/zuordnen/", views.actor_link, name="actor-link"),
    path("einheiten/<slug:slug>/akteure/<int:pk>/loesen/", views.actor_unlink, name="actor-unlink"),
    path("akteure/", views.actor_list, name="actor-list"),
    path("akteure/neu/", views.actor_create, name="actor-create"),
    path("akteure/<int:pk>/", views.actor_detail, name="actor-detail"),
    path("akteure/<int:pk>/bearbeiten/", views.actor_update, name="actor-update"),
    path("akteure/<int:pk>/loeschen/", views.actor_delete, name="actor-delete"),
    path("traeger/", views.organisation_list, name="organisation-list"),
    path("traeger/neu/", views.organisation_create, name="organisation-create"),
    path("traeger/<int:pk>/", views.organisation_detail, name="organisation-detail"),
    path("traeger/<int:pk>/bearbeiten/", views.organisation_update, name="organisation-update"),
    path(
        "traeger/<int:pk>/mitglieder/",
        views.organisation_member_add,
        name="organisation-member-add",
    ),
    path(
        "traeger/einladung/<str:token>/",
        views.organisation_invitation,
        name="organisation-invitation",
    ),
    path(
        "traeger/<int:pk>/einladungen/<int:invitation_pk>/zurueckziehen/",
        views.organisation_invitation_withdraw,
        name="organisation-invitation-withdraw",
    ),
    path(
        "traeger/<int:pk>/mitglieder/<int:membership_pk>/entfernen/",
        views.organisation_member_remove,
        name="organisation-member-remove",
    ),
]
