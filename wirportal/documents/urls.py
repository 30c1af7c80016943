from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("dokumente/anbest/", views.anbest_versions, name="anbest-versions"),
    path("dokumente/<uuid:public_id>/", views.download, name="download"),
    path("dokumente/<uuid:public_id>/loeschen/", views.delete, name="delete"),
]
