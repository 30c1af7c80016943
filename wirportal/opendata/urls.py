from django.urls import path

from . import views

app_name = "opendata"
# stable URLs: data portals harvest them (DCAT-AP.de), do not rename
urlpatterns = [
    path("offene-daten/", views.index, name="index"),
    path("offene-daten/foerderungen.csv", views.all_csv, name="all-csv"),
    path("offene-daten/foerderungen.json", views.all_json, name="all-json"),
    path("offene-daten/foerderungen/<int:year>.csv", views.year_csv, name="year-csv"),
    path("offene-daten/foerderungen/<int:year>.json", views.year_json, name="year-json"),
    path("offene-daten/datapackage.json", views.datapackage, name="datapackage"),
    path("offene-daten/dcat.jsonld", views.dcat, name="dcat"),
]
