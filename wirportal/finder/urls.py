from django.urls import path

from . import views

app_name = "finder"
urlpatterns = [
    path("angebote/verwalten/", views.manage, name="manage"),
    path("angebote/verwalten/neu/<int:decision_pk>/", views.create, name="create"),
    path(
        "angebote/verwalten/akteur/<int:actor_pk>/neu/",
        views.create_for_actor,
        name="create-for-actor",
    ),
    path("angebote/verwalten/<int:pk>/", views.edit, name="edit"),
    path("angebote/verwalten/<int:pk>/veroeffentlichen/", views.publish, name="publish"),
    path("angebote/verwalten/<int:pk>/zurueckziehen/", views.withdraw, name="withdraw"),
    path("angebote/verwalten/<int:pk>/uebersetzen/", views.translate, name="translate"),
    path("angebote/", views.search, name="search"),
    path("angebote/<int:pk>/", views.detail, name="detail"),
    path("angebote/<str:lang>/", views.search_in, name="search-lang"),
    path("angebote/<str:lang>/<int:pk>/", views.detail_in, name="detail-lang"),
]
