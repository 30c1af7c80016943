from datetime import date

from django.urls import path, register_converter

from . import views


class KeyConverter:
    """An official key: Kreisschlüssel (5 digits) or Amtlicher Gemeindeschlüssel (8 digits)."""

    regex = r"0[0-9]{4}(?:[0-9]{3})?"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class DayConverter:
    regex = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"

    def to_python(self, value: str) -> date:
        return date.fromisoformat(value)  # a ValueError is a 404 (no match)

    def to_url(self, value) -> str:
        return value if isinstance(value, str) else value.isoformat()


register_converter(KeyConverter, "unitkey")
register_converter(DayConverter, "day")

app_name = "partnership"
# stable URLs (open data is harvested from them): do not rename
urlpatterns = [
    path("", views.overview, name="overview"),
    path("daten/", views.data, name="data"),
    path("daten.csv", views.all_csv, name="all-csv"),
    path("daten.json", views.all_json, name="all-json"),
    path("datapackage.json", views.datapackage, name="datapackage"),
    path("daten/veroeffentlichen/", views.release_publish, name="release-publish"),
    path("daten/<day:day>.csv", views.release_csv, name="release-csv"),
    path("daten/<day:day>.json", views.release_json, name="release-json"),
    path("konferenz/<str:region>/", views.conference, name="conference"),
    path(
        "konferenz/<str:region>/ergebnisse.pdf",
        views.conference_pdf,
        name="conference-pdf",
    ),
    path(
        "konferenz/<str:region>/<unitkey:key>/",
        views.conference_unit,
        name="conference-unit",
    ),
    path("<unitkey:key>/", views.unit, name="unit"),
    path("<unitkey:key>.csv", views.unit_csv, name="unit-csv"),
    path("<unitkey:key>.json", views.unit_json, name="unit-json"),
]
