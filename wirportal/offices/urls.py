from django.urls import include, path

from . import views

app_name = "offices"

units = [
    path("", views.office_list, name="office-list"),
    path("<slug:slug>/", views.office_detail, name="office-detail"),
    path("<slug:slug>/region/", views.office_region, name="office-region"),
    path("<slug:slug>/team/neu/", views.staff_create, name="staff-create"),
    path("<slug:slug>/team/<int:pk>/bearbeiten/", views.staff_update, name="staff-update"),
    path("<slug:slug>/team/<int:pk>/entfernen/", views.staff_delete, name="staff-delete"),
    path(
        "<slug:slug>/team/<int:pk>/veroeffentlichung/",
        views.staff_publication,
        name="staff-publication",
    ),
    path("<slug:slug>/akteure/<int:pk>/zuordnen/", views.actor_link, name="actor-link"),
    path("<slug:slug>/akteure/<int:pk>/loesen/", views.actor_unlink, name="actor-unlink"),
]

actors = [
    path("", views.actor_list, name="actor-list"),
    path("neu/", views.actor_create, name="actor-create"),
    path("<int:pk>/", views.actor_detail, name="actor-detail"),
    path("<int:pk>/bearbeiten/", views.actor_update, name="actor-update"),
    path("<int:pk>/loeschen/", views.actor_delete, name="actor-delete"),
]

organisations = [
    path("", views.organisation_list, name="organisation-list"),
    path("neu/", views.organisation_create, name="organisation-create"),
    path("<int:pk>/", views.organisation_detail, name="organisation-detail"),
    path("<int:pk>/bearbeiten/", views.organisation_update, name="organisation-update"),
    path(
        "<int:pk>/mitglieder/",
        views.organisation_member_add,
        name="organisation-member-add",
    ),
    path(
        "einladung/<str:token>/",
        views.organisation_invitation,
        name="organisation-invitation",
    ),
    path(
        "<int:pk>/einladungen/<int:invitation_pk>/zurueckziehen/",
        views.organisation_invitation_withdraw,
        name="organisation-invitation-withdraw",
    ),
    path(
        "<int:pk>/mitglieder/<int:membership_pk>/entfernen/",
        views.organisation_member_remove,
        name="organisation-member-remove",
    ),
]

# one literal prefix per group: Django tests the prefix, then only that group's routes
urlpatterns = [
    path("einheiten/", include(units)),
    path("akteure/", include(actors)),
    path("traeger/", include(organisations)),
]
