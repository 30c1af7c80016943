from django.urls import path

from . import views

app_name = "opendata"
# stable URLs: data portals harvest them (DCAT-AP.de), do not rename
urlpatterns = [
    path("", views.index, name="index"),
    path("foerderungen.csv", views.all_csv, name="all-csv"),
    path("foerderungen.json", views.all_json, name="all-json"),
    path("foerderungen/<int:year>.csv", views.year_csv, name="year-csv"),
    path("foerderungen/<int:year>.json", views.year_json, name="year-json"),
    path("datapackage.json", views.datapackage, name="datapackage"),
    path("dcat.jsonld", views.dcat, name="dcat"),
]
