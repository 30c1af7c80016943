from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("anbest/", views.anbest_versions, name="anbest-versions"),
    path("<uuid:public_id>/", views.download, name="download"),
    path("<uuid:public_id>/loeschen/", views.delete, name="delete"),
]
