from django.urls import path

from . import views

app_name = "offices"
urlpatterns = [
    path("einheiten/", views.office_list, name="office-list"),
    path("einheiten/<slug:slug>/", views.office_detail, name="office-detail"),
    path("einheiten/<slug:slug>/region/", views.office_region, name="office-region"),
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
        "traeger/<int:pk>/mitglieder/<int:membership_pk>/entfernen/",
        views.organisation_member_remove,
        name="organisation-member-remove",
    ),
]
