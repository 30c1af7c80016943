from django.urls import path

from . import views

app_name = "finder"
urlpatterns = [
    path("verwalten/", views.manage, name="manage"),
    path("verwalten/neu/<int:decision_pk>/", views.create, name="create"),
    path(
        "verwalten/akteur/<int:actor_pk>/neu/",
        views.create_for_actor,
        name="create-for-actor",
    ),
    path("verwalten/<int:pk>/", views.edit, name="edit"),
    path("verwalten/<int:pk>/veroeffentlichen/", views.publish, name="publish"),
    path("verwalten/<int:pk>/zurueckziehen/", views.withdraw, name="withdraw"),
    path("verwalten/<int:pk>/uebersetzen/", views.translate, name="translate"),
    path("", views.search, name="search"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<str:lang>/", views.search_in, name="search-lang"),
    path("<str:lang>/<int:pk>/", views.detail_in, name="detail-lang"),
]
